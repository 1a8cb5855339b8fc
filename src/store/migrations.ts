/**
 * Schema migrations, applied in order, each in its own transaction, and recorded in `schema_version`.
 * Never edit a released migration: add the next one. Migration 3 holds the community index (packages,
 * versions, artifacts, scan results, popularity, dependency edges) that src/community/index/ reads and writes.
 * migrations-postgres.ts holds the same versions in PostgreSQL's dialect: a version number means the same
 * schema in both.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'OSV vulnerabilities, their affected packages and aliases',
    sql: `
      CREATE TABLE vulnerabilities (
        id        TEXT PRIMARY KEY,
        modified  TEXT NOT NULL,
        published TEXT,
        withdrawn TEXT,
        summary   TEXT,
        -- Compact JSON of what a finding shows (aliases, severity, links), so matching never
        -- has to parse the raw record with its long version lists.
        info      TEXT NOT NULL,
        raw       TEXT NOT NULL
      ) STRICT;
      CREATE TABLE affected (
        vuln_id   TEXT NOT NULL REFERENCES vulnerabilities(id) ON DELETE CASCADE,
        idx       INTEGER NOT NULL,
        ecosystem TEXT NOT NULL,
        name      TEXT NOT NULL,
        data      TEXT NOT NULL,
        PRIMARY KEY (vuln_id, idx)
      ) STRICT;
      CREATE INDEX affected_by_package ON affected(ecosystem, name);
      CREATE TABLE aliases (
        vuln_id TEXT NOT NULL REFERENCES vulnerabilities(id) ON DELETE CASCADE,
        alias   TEXT NOT NULL,
        PRIMARY KEY (vuln_id, alias)
      ) STRICT;
      CREATE INDEX aliases_by_alias ON aliases(alias);
    `,
  },
  {
    version: 2,
    description: 'import log, so status can name the source and date of the data',
    sql: `
      CREATE TABLE imports (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        source      TEXT NOT NULL,
        started_at  TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        seen        INTEGER NOT NULL,
        inserted    INTEGER NOT NULL,
        updated     INTEGER NOT NULL,
        unchanged   INTEGER NOT NULL,
        invalid     INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX vulnerabilities_by_modified ON vulnerabilities(modified);
    `,
  },
  {
    version: 3,
    description: 'community index: packages, versions, artifacts, scan results, popularity, dependencies',
    sql: `
      CREATE TABLE community_packages (
        id                INTEGER PRIMARY KEY,
        ecosystem         TEXT NOT NULL,
        -- normalizePackageName(ecosystem, name): one row per project however its name is spelled.
        name              TEXT NOT NULL,
        display_name      TEXT NOT NULL,
        -- The highest indexed version; prevalence counts this version only (maintained on write).
        latest_version_id INTEGER,
        UNIQUE (ecosystem, name)
      ) STRICT;
      CREATE TABLE community_versions (
        id         INTEGER PRIMARY KEY,
        package_id INTEGER NOT NULL REFERENCES community_packages(id) ON DELETE CASCADE,
        version    TEXT NOT NULL,
        indexed_at TEXT NOT NULL,
        UNIQUE (package_id, version)
      ) STRICT;
      CREATE TABLE community_artifacts (
        sha256     TEXT PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES community_versions(id) ON DELETE CASCADE,
        filename   TEXT NOT NULL,
        size       INTEGER NOT NULL,
        format     TEXT NOT NULL,
        origin     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX community_artifacts_by_version ON community_artifacts(version_id);
      CREATE TABLE community_scans (
        sha256           TEXT PRIMARY KEY REFERENCES community_artifacts(sha256) ON DELETE CASCADE,
        analyzer_version TEXT NOT NULL,
        scanned_at       TEXT NOT NULL,
        complete         INTEGER NOT NULL,
        duration_ms      INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE community_findings (
        sha256     TEXT NOT NULL REFERENCES community_scans(sha256) ON DELETE CASCADE,
        kind       TEXT NOT NULL CHECK (kind IN ('behavior', 'issue')),
        finding_id TEXT NOT NULL,
        count      INTEGER NOT NULL,
        PRIMARY KEY (sha256, kind, finding_id)
      ) STRICT, WITHOUT ROWID;
      -- The ids each analyzer version could report: an id outside it is "no information", not zero.
      CREATE TABLE community_catalogs (
        analyzer_version TEXT NOT NULL,
        kind             TEXT NOT NULL CHECK (kind IN ('behavior', 'issue')),
        finding_id       TEXT NOT NULL,
        PRIMARY KEY (analyzer_version, kind, finding_id)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE community_popularity (
        ecosystem TEXT NOT NULL,
        name      TEXT NOT NULL,
        source    TEXT NOT NULL,
        rank      INTEGER NOT NULL,
        date      TEXT NOT NULL,
        PRIMARY KEY (ecosystem, name, source)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE community_dependencies (
        version_id INTEGER NOT NULL REFERENCES community_versions(id) ON DELETE CASCADE,
        dep_name   TEXT NOT NULL,
        kind       TEXT NOT NULL,
        specifier  TEXT NOT NULL,
        PRIMARY KEY (version_id, dep_name, kind)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX community_dependencies_by_name ON community_dependencies(dep_name);
      -- Prevalence counts per id and tier, recomputed from the tables above after writes, so a report's
      -- lookups are a handful of primary-key reads whatever the index size. A row exists for every id
      -- known to the index (zeros included).
      CREATE TABLE community_prevalence (
        ecosystem  TEXT NOT NULL,
        kind       TEXT NOT NULL,
        finding_id TEXT NOT NULL,
        top100     INTEGER NOT NULL,
        top1k      INTEGER NOT NULL,
        top10k     INTEGER NOT NULL,
        community  INTEGER NOT NULL,
        PRIMARY KEY (ecosystem, kind, finding_id)
      ) STRICT, WITHOUT ROWID;
      -- Per ecosystem: packages per tier and when the counts were computed; dirty = 1 after any write
      -- that the counts do not include yet (set in the same transaction as the write).
      CREATE TABLE community_state (
        ecosystem        TEXT PRIMARY KEY,
        dirty            INTEGER NOT NULL,
        top100           INTEGER NOT NULL,
        top1k            INTEGER NOT NULL,
        top10k           INTEGER NOT NULL,
        community        INTEGER NOT NULL,
        analyzer_version TEXT,
        refreshed_at     TEXT
      ) STRICT;
    `,
  },
  {
    version: 4,
    description: 'community index: verdict per scan, dependency edges by dependent and by name',
    sql: `
      -- The verdict of the scan ('pass', 'warning', 'fail'), so the index can list its failures.
      ALTER TABLE community_scans ADD COLUMN verdict TEXT;
      CREATE INDEX community_dependencies_by_name_kind ON community_dependencies(dep_name, kind);
      CREATE INDEX community_packages_by_latest ON community_packages(latest_version_id);
    `,
  },
  {
    version: 5,
    description: 'import log: an import counts as finished only when it says so',
    sql: `
      -- 0 from the moment an import starts until its last batch is written: a killed import stays 0.
      -- Rows logged before this column existed were written only at the end of an import, so they are finished.
      ALTER TABLE imports ADD COLUMN complete INTEGER NOT NULL DEFAULT 1;
    `,
  },
  {
    version: 6,
    description: 'per-file analysis facts cached by content',
    sql: `
      -- Facts of one source file, keyed by the sha256 of its bytes, the analyzer fingerprint (code digest and
      -- per-file budgets) and the variant its name selects; payload is checked on read (src/analysis/pool/facts-cache.ts).
      CREATE TABLE analysis_facts (
        sha256   TEXT NOT NULL,
        analyzer TEXT NOT NULL,
        variant  TEXT NOT NULL,
        -- Before the payload, so that summing sizes or ordering by use never reads a payload's overflow pages.
        size     INTEGER NOT NULL,
        -- Last use in whole minutes since the epoch, for evicting the least recently used rows past the size cap.
        used     INTEGER NOT NULL,
        payload  BLOB NOT NULL,
        PRIMARY KEY (sha256, analyzer, variant)
      ) STRICT;
      CREATE INDEX analysis_facts_by_used ON analysis_facts(used);
    `,
  },
];
