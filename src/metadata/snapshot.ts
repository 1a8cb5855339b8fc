import type { ArchiveFormat, LimitHit, MemberAnomaly, PackageFile } from '../artifacts/types.ts';
import type { Ecosystem, PackageMetadata } from './types.ts';

/** Everything collected about one package before any judgement: the input of the analysis stage. */
export interface PackageSnapshot {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly version: string;
  readonly artifact: {
    readonly file: string;
    readonly sha256: string;
    readonly size: number;
    readonly format: ArchiveFormat;
  };
  readonly files: readonly PackageFile[];
  readonly metadata: PackageMetadata;
  readonly anomalies: readonly MemberAnomaly[];
  readonly limitHits: readonly LimitHit[];
  /**
   * npm registry scans only: the registry's manifest of this version (the packument's `versions[v]`
   * object, foreign JSON), to compare with the tarball's own package.json ("manifest confusion").
   */
  readonly registryManifest?: Readonly<Record<string, unknown>>;
}
