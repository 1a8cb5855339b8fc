/**
 * The community index contracts. `CommunityStore` is the synchronous SQLite store (sqlite.ts), which a
 * scan reads without awaiting; `CommunityIndex` is the same contract behind Promises, implemented by
 * PostgreSQL (postgres.ts) and by SQLite through `asyncIndex` (async.ts). Indexing, the queue, the CLI
 * and the web service talk to `CommunityIndex` only, so they run on either backend.
 */
import type { FactsCache } from '../../analysis/pool/facts-cache.ts';
import type { Ecosystem } from '../../metadata/types.ts';

export type FindingKind = 'behavior' | 'issue';

/** How common a finding is in the community index. `null` everywhere means "no information". */
export interface Prevalence {
  /** Indexed packages showing the id, per cumulative tier. */
  readonly top100: number;
  readonly top1k: number;
  readonly top10k: number;
  readonly community: number;
  /** The denominators: indexed packages per tier (since report schema 1.1). */
  readonly packages: TierCounts;
  /** Whether the index covers each tier (bands.ts); an uncovered tier's count means little. */
  readonly covered: {
    readonly top100: boolean;
    readonly top1k: boolean;
    readonly top10k: boolean;
    readonly community: boolean;
  };
  /** `unrated`: too few packages indexed to call anything common or rare (since report schema 1.1). */
  readonly band: 'common' | 'uncommon' | 'rare' | 'unrated';
}

/** Packages (or packages showing an id) in each popularity tier; tiers are cumulative. */
export interface TierCounts {
  readonly top100: number;
  readonly top1k: number;
  readonly top10k: number;
  readonly community: number;
}

/** The community index prevalence figures come from, as a report names it. */
export interface PrevalenceIndexInfo {
  readonly name: string;
  readonly ecosystem: Ecosystem;
  readonly packages: TierCounts;
  readonly built: string;
  readonly analyzerVersion: string;
}

/** The behavior and issue ids one analyzer version can report. */
export interface CatalogIds {
  readonly behavior: readonly string[];
  readonly issue: readonly string[];
}

export interface PopularityInput {
  /** As written; the store normalizes it. */
  readonly name: string;
  /** Where the rank comes from, e.g. the public snapshot's name, or `index`. */
  readonly source: string;
  readonly rank: number;
  /** Date of the ranking (the snapshot's date). */
  readonly date: string;
}

/** One scanned artifact, ready to be recorded in one transaction. */
export interface IndexEntry {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly version: string;
  readonly artifact: {
    readonly sha256: string;
    readonly filename: string;
    readonly size: number;
    readonly format: string;
    /** Where it came from: a registry URL or a local path. */
    readonly origin: string;
  };
  readonly analyzerVersion: string;
  readonly scannedAt: string;
  /** The scan's verdict (`pass`, `warning`, `fail`), so the index can list its failures. */
  readonly verdict?: string;
  readonly complete: boolean;
  readonly durationMs: number;
  readonly findings: readonly { readonly kind: FindingKind; readonly id: string; readonly count: number }[];
  /** Normalized dependency names with their kind and specifier. */
  readonly dependencies: readonly {
    readonly name: string;
    readonly kind: string;
    readonly specifier: string;
  }[];
  readonly popularity: readonly Omit<PopularityInput, 'name'>[];
}

export interface CommunityState {
  readonly ecosystem: Ecosystem;
  /** Packages with a scanned latest version, per tier. */
  readonly packages: TierCounts;
  /** The analyzer version of most scans counted (null for an empty index). */
  readonly analyzerVersion: string | null;
  /** When the counts were last computed. */
  readonly refreshedAt: string | null;
  /** True when scans were recorded after the counts were computed (refresh() brings them up to date). */
  readonly stale: boolean;
}

export interface RankInfo {
  readonly rank: number;
  readonly source: string;
  readonly date: string;
}

export interface CommunityStore {
  readonly location: string;
  /** Per-file facts cached by content in the same database (src/store/facts-sqlite.ts). */
  readonly factsCache?: FactsCache;
  /** Records the ids an analyzer version knows (idempotent). */
  recordCatalog(analyzerVersion: string, ids: CatalogIds): void;
  /** Records one scanned artifact atomically; a crash leaves either all of it or none of it. */
  recordScan(entry: IndexEntry): void;
  /** Records popularity ranks without a scan (the index's own ranking). */
  recordPopularity(ecosystem: Ecosystem, rows: readonly PopularityInput[]): void;
  /** Whether the package's latest indexed version has a scan made by this analyzer version. */
  isPackageIndexed(ecosystem: Ecosystem, name: string, analyzerVersion: string): boolean;
  /** Whether this exact artifact was scanned by this analyzer version. */
  isArtifactIndexed(sha256: string, analyzerVersion: string): boolean;
  /** Recomputes the prevalence counts of an ecosystem from the scans. */
  refresh(ecosystem: Ecosystem): CommunityState;
  /**
   * The ecosystem's state as last computed (never written to: a scan can read while a build writes), or
   * null when nothing was ever recorded for it.
   */
  state(ecosystem: Ecosystem): CommunityState | null;
  /** Counts for one id; null when the index does not know the id (never seen by its analyzer versions). */
  prevalence(ecosystem: Ecosystem, kind: FindingKind, id: string): TierCounts | null;
  /** Every known id with its counts (zeros included), for snapshot export. */
  allPrevalence(ecosystem: Ecosystem): Record<FindingKind, Map<string, TierCounts>>;
  /** Distinct packages whose latest indexed version depends on `name` (dev dependencies left out). */
  dependentsCount(ecosystem: Ecosystem, name: string): number;
  /** The best (lowest) rank the index holds for a package, with its source, or null. */
  rankOf(ecosystem: Ecosystem, name: string): RankInfo | null;
  /** Whether this version of the package has a scan made by this analyzer version. */
  isVersionIndexed(ecosystem: Ecosystem, name: string, version: string, analyzerVersion: string): boolean;
  /** Dependents per depended-on name (latest versions, dev dependencies left out), for snapshots. */
  dependentsCounts(ecosystem: Ecosystem): Map<string, number>;
  /**
   * The next level of a breadth-first crawl: names that indexed packages depend on (dev left out) and
   * that are not indexed themselves, most depended-on first.
   */
  unindexedDependencies(ecosystem: Ecosystem, limit: number): string[];
  /** Latest versions whose scan failed, with their issue ids, best-ranked first. */
  failures(ecosystem: Ecosystem): FailedPackage[];
  close(): void;
}

export interface FailedPackage {
  readonly name: string;
  readonly version: string;
  readonly rank: number | null;
  readonly issues: readonly string[];
}

/** Promise-returning twin of CommunityStore (methods as documented there). */
export type CommunityIndex = {
  readonly [K in keyof Omit<CommunityStore, 'location' | 'close' | 'factsCache'>]: CommunityStore[K] extends (
    ...args: infer A
  ) => infer R
    ? (...args: A) => Promise<R>
    : never;
} & {
  readonly location: string;
  readonly backend: 'sqlite' | 'postgres';
  /** Per-file facts cached by content in the same database, handed to every scan the indexer runs. */
  readonly factsCache?: FactsCache;
  close(): Promise<void>;
};
