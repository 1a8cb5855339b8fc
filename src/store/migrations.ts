/**
 * Schema migrations, applied in order, each in its own transaction, and recorded in `schema_version`.
 * Never edit a released migration: add the next one. The community index (packages, versions,
 * artifacts, scan results, popularity) will arrive as further entries in this list.
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
];
