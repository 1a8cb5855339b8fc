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

/**
 * An affected row of a batch look-up, naming the package it belongs to. Without the record's display
 * columns: most entries of a package do not affect the version asked about, so those are read only for hits.
 */
export interface PackageAffectedRow {
  /** The normalized package name the row was found under. */
  readonly name: string;
  readonly vulnId: string;
  readonly data: string;
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
  /** False from the start of an import until its last record is written: a killed import stays false. */
  readonly complete: boolean;
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
  /**
   * Affected entries for many packages of one ecosystem in one query (withdrawn records left out),
   * ordered by name, record id and entry: matching a whole lockfile costs one round trip, not one per package.
   */
  affectedForPackages(ecosystem: string, normalizedNames: readonly string[]): PackageAffectedRow[];
  /** The stored records among `ids`, in the order asked (one query per batch of ids). */
  getVulnerabilities(ids: readonly string[]): VulnerabilityRow[];
  /**
   * Changes whenever the stored data may have changed (a write through this store, or a commit by another
   * connection), so callers can keep what they derived from it; a backend without one is never cached.
   */
  revision?(): string;
  /** The stored record as imported, or null. */
  getRawRecord(id: string): string | null;
  /** Logs a finished import in one step. */
  logImport(entry: ImportLogInput): void;
  /** Logs an import as started and unfinished; returns its id for updateImport. */
  beginImport(entry: ImportLogInput): number;
  /** Updates the counts of a started import; `complete` marks it finished. */
  updateImport(id: number, entry: ImportLogInput, complete: boolean): void;
  recentImports(limit: number): ImportLogRow[];
  counts(): StoreCounts;
  close(): void;
}
