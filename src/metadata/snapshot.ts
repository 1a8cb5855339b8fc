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
    /** sha512 and sha1 (hex) of the file's bytes, when it was compared with a registry's `dist` digests. */
    readonly sha512?: string;
    readonly sha1?: string;
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

/**
 * A metadata file read only in part is a limit hit like an archive limit: the scan is incomplete (exit 5)
 * and the report names the file, so a padded METADATA or a flood of requirements cannot pass as whole.
 */
export function metadataLimitHits(metadata: PackageMetadata): LimitHit[] {
  return metadata.parseErrors.flatMap((error) =>
    error.truncated === undefined
      ? []
      : [
          {
            limit: error.truncated.limit,
            max: error.truncated.max,
            observed: error.truncated.observed,
            member: error.file,
            detail: error.message,
          },
        ],
  );
}
