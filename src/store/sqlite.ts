import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { AssayError } from '../core/errors.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';
import type {
  AffectedRow,
  EcosystemCount,
  ImportLogInput,
  ImportLogRow,
  PackageAffectedRow,
  StoreCounts,
  UpsertCounts,
  VulnerabilityInput,
  VulnerabilityRow,
  VulnStore,
} from './types.ts';

export interface SqliteStoreOptions {
  /** The migrations to bring the file up to; tests pass a prefix to build an old-version file. */
  readonly migrations?: readonly Migration[];
}

const requireModule = createRequire(import.meta.url);

/** The native module is loaded on the first open: a scan without a vulnerability database never needs it. */
function openDatabase(path: string): Database.Database {
  const DatabaseClass = requireModule('better-sqlite3') as typeof Database;
  return new DatabaseClass(path);
}

/** Opens (creating if needed) a SQLite store and brings its schema up to date. */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteStore {
  const migrations = options.migrations ?? MIGRATIONS;
  if (/^postgres(ql)?:\/\//i.test(path)) {
    throw new AssayError(
      'E_USAGE',
      'the vulnerability database is a SQLite file; a postgres:// --db holds the community index (assay community …)',
    );
  }
  let db: Database.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = openDatabase(path);
  } catch (error) {
    throw new AssayError('E_DATABASE', `cannot open database ${path}: ${messageOf(error)}`, { cause: error });
  }
  try {
    // WAL keeps readers going during an import; NORMAL sync is still crash-consistent in WAL mode.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
  } catch (error) {
    db.close();
    if (error instanceof AssayError) throw error;
    throw new AssayError('E_DATABASE', `cannot prepare database ${path}: ${messageOf(error)}`, {
      cause: error,
    });
  }
  return new SqliteStore(db, path);
}

/** Applies every migration above the file's version, each in its own transaction. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at  TEXT NOT NULL
  ) STRICT`);
  const current = currentVersion(db);
  const newest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > newest) {
    throw new AssayError(
      'E_DATABASE',
      `database schema version ${current} is newer than this assay understands (${newest}); upgrade assay or use another --db`,
    );
  }
  const record = db.prepare('INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)');
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.description, new Date().toISOString());
    })();
  }
  return currentVersion(db);
}

function currentVersion(db: Database.Database): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as
    | { v: number | null }
    | undefined;
  return row?.v ?? 0;
}

/** Package names (or record ids) per batch query. */
const AFFECTED_BATCH = 5000;

export class SqliteStore implements VulnStore {
  readonly location: string;
  readonly #db: Database.Database;
  readonly #stmts: ReturnType<typeof prepareStatements>;
  /** Write transactions through this connection; SQLite's data_version only counts other connections' commits. */
  #writes = 0;

  constructor(db: Database.Database, location: string) {
    this.#db = db;
    this.location = location;
    this.#stmts = prepareStatements(db);
  }

  /** For migrations and tests only; the rest of assay goes through the interface. */
  get database(): Database.Database {
    return this.#db;
  }

  schemaVersion(): number {
    return currentVersion(this.#db);
  }

  upsertVulnerabilities(batch: readonly VulnerabilityInput[]): UpsertCounts {
    const s = this.#stmts;
    const run = this.#db.transaction((records: readonly VulnerabilityInput[]): UpsertCounts => {
      let inserted = 0;
      let updated = 0;
      let unchanged = 0;
      for (const record of records) {
        const existing = s.getModified().get(record.id) as { modified: string } | undefined;
        if (existing !== undefined) {
          if (compareTimestamps(record.modified, existing.modified) <= 0) {
            unchanged++;
            continue;
          }
          s.deleteAffected().run(record.id);
          s.deleteAliases().run(record.id);
          s.updateVuln().run(
            record.modified,
            record.published,
            record.withdrawn,
            record.summary,
            record.info,
            record.raw,
            record.id,
          );
          updated++;
        } else {
          s.insertVuln().run(
            record.id,
            record.modified,
            record.published,
            record.withdrawn,
            record.summary,
            record.info,
            record.raw,
          );
          inserted++;
        }
        record.affected.forEach((a, idx) => {
          s.insertAffected().run(record.id, idx, a.ecosystem, a.name, a.data);
        });
        for (const alias of new Set(record.aliases)) {
          if (alias !== record.id) s.insertAlias().run(record.id, alias);
        }
      }
      return { inserted, updated, unchanged };
    });
    this.#writes++;
    try {
      return run(batch);
    } catch (error) {
      throw new AssayError('E_DATABASE', `cannot write to ${this.location}: ${messageOf(error)}`, {
        cause: error,
      });
    }
  }

  affectedFor(ecosystem: string, normalizedName: string): AffectedRow[] {
    return this.#stmts.affectedFor().all(ecosystem, normalizedName) as AffectedRow[];
  }

  affectedForPackages(ecosystem: string, normalizedNames: readonly string[]): PackageAffectedRow[] {
    const out: PackageAffectedRow[] = [];
    const names = [...new Set(normalizedNames)];
    // The names travel as one JSON array parameter (json_each), so no statement is built per batch size
    // and no host-parameter limit applies; chunks only bound the size of one parameter.
    for (let start = 0; start < names.length; start += AFFECTED_BATCH) {
      const chunk = JSON.stringify(names.slice(start, start + AFFECTED_BATCH));
      out.push(...(this.#stmts.affectedForPackages().all(ecosystem, chunk) as PackageAffectedRow[]));
    }
    return out;
  }

  getVulnerabilities(ids: readonly string[]): VulnerabilityRow[] {
    const unique = [...new Set(ids)];
    if (unique.length <= 1) {
      const row = unique[0] === undefined ? undefined : this.#stmts.getVuln().get(unique[0]);
      return row === undefined ? [] : [row as VulnerabilityRow];
    }
    const byId = new Map<string, VulnerabilityRow>();
    for (let start = 0; start < unique.length; start += AFFECTED_BATCH) {
      const chunk = JSON.stringify(unique.slice(start, start + AFFECTED_BATCH));
      for (const row of this.#stmts.getVulns().all(chunk) as VulnerabilityRow[]) byId.set(row.id, row);
    }
    return unique.flatMap((id) => {
      const row = byId.get(id);
      return row === undefined ? [] : [row];
    });
  }

  revision(): string {
    return `${String(this.#db.pragma('data_version', { simple: true }))}:${this.#writes}`;
  }

  getRawRecord(id: string): string | null {
    const raw = this.#stmts.getRaw().get(id);
    return typeof raw === 'string' ? raw : null;
  }

  logImport(entry: ImportLogInput): void {
    this.#stmts
      .insertImport()
      .run(
        entry.source,
        entry.startedAt,
        entry.finishedAt,
        entry.seen,
        entry.inserted,
        entry.updated,
        entry.unchanged,
        entry.invalid,
      );
  }

  beginImport(entry: ImportLogInput): number {
    const info = this.#stmts
      .insertUnfinishedImport()
      .run(
        entry.source,
        entry.startedAt,
        entry.finishedAt,
        entry.seen,
        entry.inserted,
        entry.updated,
        entry.unchanged,
        entry.invalid,
      );
    return Number(info.lastInsertRowid);
  }

  updateImport(id: number, entry: ImportLogInput, complete: boolean): void {
    this.#stmts
      .updateImport()
      .run(
        entry.finishedAt,
        entry.seen,
        entry.inserted,
        entry.updated,
        entry.unchanged,
        entry.invalid,
        complete ? 1 : 0,
        id,
      );
  }

  recentImports(limit: number): ImportLogRow[] {
    return (
      this.#stmts.recentImports().all(limit) as (Omit<ImportLogRow, 'complete'> & { complete: number })[]
    ).map((row) => ({ ...row, complete: row.complete !== 0 }));
  }

  counts(): StoreCounts {
    const totals = this.#stmts.totals().get() as {
      total: number;
      withdrawn: number | null;
      newest: string | null;
    };
    const ecosystems = this.#stmts.perEcosystem().all() as EcosystemCount[];
    return {
      total: totals.total,
      withdrawn: totals.withdrawn ?? 0,
      newestModified: totals.newest,
      ecosystems,
    };
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}

/**
 * Statements are prepared on first use: a store opened at an older schema version (in tests, or a
 * tool that only reads) must not fail on statements for tables it does not have yet.
 */
function prepareStatements(db: Database.Database) {
  const lazy = (sql: string, pluck = false) => {
    let statement: Database.Statement | undefined;
    return (): Database.Statement => {
      if (statement === undefined) statement = pluck ? db.prepare(sql).pluck() : db.prepare(sql);
      return statement;
    };
  };
  return {
    getModified: lazy('SELECT modified FROM vulnerabilities WHERE id = ?'),
    insertVuln: lazy(
      'INSERT INTO vulnerabilities (id, modified, published, withdrawn, summary, info, raw) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    updateVuln: lazy(
      'UPDATE vulnerabilities SET modified = ?, published = ?, withdrawn = ?, summary = ?, info = ?, raw = ? WHERE id = ?',
    ),
    deleteAffected: lazy('DELETE FROM affected WHERE vuln_id = ?'),
    deleteAliases: lazy('DELETE FROM aliases WHERE vuln_id = ?'),
    insertAffected: lazy('INSERT INTO affected (vuln_id, idx, ecosystem, name, data) VALUES (?, ?, ?, ?, ?)'),
    insertAlias: lazy('INSERT OR IGNORE INTO aliases (vuln_id, alias) VALUES (?, ?)'),
    affectedFor: lazy(
      `SELECT a.vuln_id AS vulnId, a.data AS data, v.modified AS modified, v.published AS published,
              v.summary AS summary, v.info AS info
         FROM affected a JOIN vulnerabilities v ON v.id = a.vuln_id
        WHERE a.ecosystem = ? AND a.name = ? AND v.withdrawn IS NULL
        ORDER BY a.vuln_id, a.idx`,
    ),
    affectedForPackages: lazy(
      `SELECT a.name AS name, a.vuln_id AS vulnId, a.data AS data
         FROM affected a JOIN vulnerabilities v ON v.id = a.vuln_id
        WHERE a.ecosystem = ? AND a.name IN (SELECT value FROM json_each(?)) AND v.withdrawn IS NULL
        ORDER BY a.name, a.vuln_id, a.idx`,
    ),
    getVuln: lazy(
      'SELECT id, modified, published, withdrawn, summary, info FROM vulnerabilities WHERE id = ?',
    ),
    getVulns: lazy(
      `SELECT id, modified, published, withdrawn, summary, info FROM vulnerabilities
        WHERE id IN (SELECT value FROM json_each(?))`,
    ),
    getRaw: lazy('SELECT raw FROM vulnerabilities WHERE id = ?', true),
    insertImport: lazy(
      `INSERT INTO imports (source, started_at, finished_at, seen, inserted, updated, unchanged, invalid)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertUnfinishedImport: lazy(
      `INSERT INTO imports (source, started_at, finished_at, seen, inserted, updated, unchanged, invalid, complete)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)`,
    ),
    updateImport: lazy(
      `UPDATE imports SET finished_at = ?, seen = ?, inserted = ?, updated = ?, unchanged = ?, invalid = ?, complete = ?
        WHERE id = ?`,
    ),
    recentImports: lazy(
      `SELECT id, source, started_at AS startedAt, finished_at AS finishedAt, seen, inserted, updated, unchanged, invalid,
              complete
         FROM imports ORDER BY id DESC LIMIT ?`,
    ),
    totals: lazy(
      `SELECT COUNT(*) AS total, SUM(withdrawn IS NOT NULL) AS withdrawn, MAX(modified) AS newest FROM vulnerabilities`,
    ),
    perEcosystem: lazy(
      `SELECT a.ecosystem AS ecosystem, COUNT(DISTINCT a.vuln_id) AS records, MAX(v.modified) AS newestModified
         FROM affected a JOIN vulnerabilities v ON v.id = a.vuln_id
        GROUP BY a.ecosystem ORDER BY records DESC, a.ecosystem`,
    ),
  };
}

/**
 * OSV `modified` is RFC 3339 with any number of fraction digits and possibly an offset, so plain
 * string order is wrong across formats; compare instants, then the text for sub-millisecond ties.
 */
export function compareTimestamps(a: string, b: string): number {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return a < b ? -1 : a > b ? 1 : 0;
  if (ta !== tb) return ta < tb ? -1 : 1;
  const fa = fraction(a);
  const fb = fraction(b);
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

function fraction(timestamp: string): string {
  const match = /\.(\d+)/.exec(timestamp);
  return (match?.[1] ?? '').padEnd(9, '0');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
