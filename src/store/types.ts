/**
 * The storage contract. Callers talk to this interface only, so a PostgreSQL implementation can sit
 * beside the SQLite one. The methods are synchronous because better-sqlite3 is; an asynchronous
 * backend would implement the same shapes behind Promises (the matching core in src/vulns works on
 * plain rows and does not care where they came from).
 */

/** One OSV record, prepared for storage by the importer. */
export interface VulnerabilityInput {
  readonly id: string;
  /** RFC 3339 timestamp from the record; a stored record is replaced only by a newer one. */
  readonly modified: string;
  readonly published: string | null;
  readonly withdrawn: string | null;
  readonly summary: string | null;
  /** JSON text of what a finding displays, prepared by the importer. */
  readonly info: string;
  /** The whole record as JSON text, kept so later features can read fields we do not index. */
  readonly raw: string;
  readonly aliases: readonly string[];
  readonly affected: readonly AffectedInput[];
}

export interface AffectedInput {
  readonly ecosystem: string;
  /** Normalized with normalizePackageName. */
  readonly name: string;
  /** JSON text of what matching needs from this `affected[]` entry (ranges, versions). */
  readonly data: string;
}

export interface UpsertCounts {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}

/**
 * One `affected[]` entry of a live (not withdrawn) record, as matching reads it, with the record's
 * display columns so that matching needs one query per package.
 */
export interface AffectedRow {
  readonly vulnId: string;
  readonly data: string;
  readonly modified: string;
  readonly published: string | null;
  readonly summary: string | null;
  readonly info: string;
}

export interface VulnerabilityRow {
  readonly id: string;
  readonly modified: string;
  readonly published: string | null;
  readonly withdrawn: string | null;
  readonly summary: string | null;
  readonly info: string;
}

export interface ImportLogInput {
  readonly source: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly seen: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly invalid: number;
}

export interface ImportLogRow extends ImportLogInput {
  readonly id: number;
}

export interface EcosystemCount {
  readonly ecosystem: string;
  readonly records: number;
  readonly newestModified: string | null;
}

export interface StoreCounts {
  readonly total: number;
  readonly withdrawn: number;
  readonly newestModified: string | null;
  readonly ecosystems: readonly EcosystemCount[];
}

export interface VulnStore {
  /** File path (or connection description) for messages. */
  readonly location: string;
  schemaVersion(): number;
  /** Writes one batch atomically: either every record of the batch is stored or none is. */
  upsertVulnerabilities(batch: readonly VulnerabilityInput[]): UpsertCounts;
  /** Affected entries for one package, withdrawn records left out. */
  affectedFor(ecosystem: string, normalizedName: string): AffectedRow[];
  getVulnerabilities(ids: readonly string[]): VulnerabilityRow[];
  /** The stored record as imported, or null. */
  getRawRecord(id: string): string | null;
  logImport(entry: ImportLogInput): void;
  recentImports(limit: number): ImportLogRow[];
  counts(): StoreCounts;
  close(): void;
}
