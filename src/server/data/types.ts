/**
 * What the site reads. Asynchronous, so that the SQLite index (synchronous underneath) and a
 * PostgreSQL one fit the same shape; the server never writes the index.
 */
import type { TierCounts } from '../../community/index/types.ts';
import type { Ecosystem } from '../../metadata/types.ts';

export type { TierCounts };
export type FindingKind = 'behavior' | 'issue';

export interface PackageRef {
  readonly ecosystem: Ecosystem;
  /** The name as the package spells it. */
  readonly name: string;
  readonly version: string;
  readonly indexedAt: string;
}

export interface RankedPackageRef extends PackageRef {
  /** Best known popularity rank, or null when the package is below every ranking the index holds. */
  readonly rank: number | null;
}

/** One indexed version with what its scan found (ids and counts; the evidence is in full reports only). */
export interface IndexedVersion {
  readonly version: string;
  readonly indexedAt: string;
  readonly artifact: { readonly sha256: string; readonly filename: string; readonly size: number } | null;
  readonly analyzerVersion: string | null;
  readonly complete: boolean;
  readonly findings: readonly { readonly kind: FindingKind; readonly id: string; readonly count: number }[];
}

export interface IndexedPackage {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly latest: string | null;
  /** Newest first. */
  readonly versions: readonly IndexedVersion[];
  /** Packages of the index whose latest version depends on this one; null when the index has no data. */
  readonly dependents: number | null;
}

/** Where an ecosystem's prevalence figures come from and how many packages stand behind them. */
export interface PrevalenceSource {
  readonly ecosystem: Ecosystem;
  readonly kind: 'local index' | 'shipped snapshot';
  readonly name: string;
  readonly packages: TierCounts;
  readonly built: string;
  readonly analyzerVersion: string;
}

export interface IdPrevalence {
  readonly source: PrevalenceSource;
  /** null: the source does not know the id ("no information", never zero). */
  readonly counts: TierCounts | null;
}

export interface SiteIndex {
  /**
   * Changes whenever what the index holds may have changed (a commit by any connection), so that the
   * server can keep pages it rendered from it.
   */
  revision(): Promise<string>;
  /** Prevalence sources, one per ecosystem that has one. */
  sources(): Promise<readonly PrevalenceSource[]>;
  /** Packages in the local index per ecosystem (0 when none). */
  indexedCounts(): Promise<Readonly<Record<Ecosystem, number>>>;
  recent(limit: number): Promise<readonly PackageRef[]>;
  /** Name search (prefix first, then substring), latest versions. */
  search(query: string, ecosystem: Ecosystem | null, limit: number): Promise<readonly PackageRef[]>;
  package(ecosystem: Ecosystem, name: string): Promise<IndexedPackage | null>;
  prevalence(ecosystem: Ecosystem, kind: FindingKind, id: string): Promise<IdPrevalence | null>;
  /** The most popular packages whose latest indexed version shows the id. */
  packagesShowing(
    ecosystem: Ecosystem,
    kind: FindingKind,
    id: string,
    limit: number,
  ): Promise<readonly RankedPackageRef[]>;
  close(): Promise<void>;
}

export const ECOSYSTEMS: readonly Ecosystem[] = ['npm', 'pypi'];
