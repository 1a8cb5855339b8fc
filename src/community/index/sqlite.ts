import type Database from 'better-sqlite3';
import { AssayError } from '../../core/errors.ts';
import type { Ecosystem } from '../../metadata/types.ts';
import { SqliteFactsCache } from '../../store/facts-sqlite.ts';
import { normalizePackageName } from '../../store/names.ts';
import { openSqliteStore, type SqliteStore } from '../../store/sqlite.ts';
import { isNewer } from './latest.ts';
import type {
  CatalogIds,
  CommunityState,
  CommunityStore,
  FailedPackage,
  FindingKind,
  IndexEntry,
  PopularityInput,
  RankInfo,
  TierCounts,
} from './types.ts';

/** A rank that no tier reaches: packages without any known rank count in the community only. */
const UNRANKED = 2_147_483_647;

/** Opens (creating and migrating if needed) the SQLite community index at `path` (`:memory:` for tests). */
export function openCommunityStore(path: string): SqliteCommunityStore {
  return new SqliteCommunityStore(openSqliteStore(path));
}

function key(ecosystem: Ecosystem, name: string): string {
  return normalizePackageName(ecosystem, name);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class SqliteCommunityStore implements CommunityStore {
  readonly location: string;
  readonly factsCache: SqliteFactsCache;
  readonly #store: SqliteStore;
  readonly #db: Database.Database;
  readonly #s: ReturnType<typeof statements>;

  constructor(store: SqliteStore) {
    this.#store = store;
    this.#db = store.database;
    this.location = store.location;
    this.#s = statements(this.#db);
    this.factsCache = new SqliteFactsCache(this.#db);
  }

  /** For tests and benchmarks only. */
  get database(): Database.Database {
    return this.#db;
  }

  #write<T>(what: string, body: () => T): T {
    try {
      return this.#db.transaction(body)();
    } catch (error) {
      if (error instanceof AssayError) throw error;
      throw new AssayError('E_DATABASE', `cannot ${what} in ${this.location}: ${messageOf(error)}`, {
        cause: error,
      });
    }
  }

  #markDirty(ecosystem: Ecosystem): void {
    this.#s.markDirty.run(ecosystem);
  }

  recordCatalog(analyzerVersion: string, ids: CatalogIds): void {
    this.#write('record the catalog', () => {
      for (const kind of ['behavior', 'issue'] as const) {
        for (const id of ids[kind]) this.#s.insertCatalog.run(analyzerVersion, kind, id);
      }
    });
  }

  recordScan(entry: IndexEntry): void {
    const s = this.#s;
    const name = key(entry.ecosystem, entry.name);
    this.#write(`record ${entry.name} ${entry.version}`, () => {
      s.upsertPackage.run(entry.ecosystem, name, entry.name);
      const pkg = s.getPackage.get(entry.ecosystem, name) as { id: number; latest: number | null };
      s.upsertVersion.run(pkg.id, entry.version, entry.scannedAt);
      const versionId = s.getVersionId.get(pkg.id, entry.version) as number;
      // A re-scan replaces the artifact's previous scan, findings and edges (cascades).
      s.deleteArtifact.run(entry.artifact.sha256);
      const a = entry.artifact;
      s.insertArtifact.run(a.sha256, versionId, a.filename, a.size, a.format, a.origin);
      s.insertScan.run(
        a.sha256,
        entry.analyzerVersion,
        entry.scannedAt,
        entry.complete ? 1 : 0,
        Math.round(entry.durationMs),
        entry.verdict ?? null,
      );
      const merged = new Map<string, { kind: FindingKind; id: string; count: number }>();
      for (const f of entry.findings) {
        const k = `${f.kind}\0${f.id}`;
        const prior = merged.get(k);
        if (prior) prior.count += f.count;
        else merged.set(k, { ...f });
      }
      for (const f of merged.values()) s.insertFinding.run(a.sha256, f.kind, f.id, f.count);
      s.deleteDependencies.run(versionId);
      for (const d of entry.dependencies) {
        s.insertDependency.run(versionId, key(entry.ecosystem, d.name), d.kind, d.specifier);
      }
      for (const p of entry.popularity)
        s.upsertPopularity.run(entry.ecosystem, name, p.source, p.rank, p.date);
      if (pkg.latest === null) {
        s.setLatest.run(versionId, pkg.id);
      } else if (pkg.latest !== versionId) {
        const current = s.getVersion.get(pkg.latest) as string | undefined;
        if (current === undefined || isNewer(entry.ecosystem, entry.version, current)) {
          s.setLatest.run(versionId, pkg.id);
        }
      }
      this.#markDirty(entry.ecosystem);
    });
  }

  recordPopularity(ecosystem: Ecosystem, rows: readonly PopularityInput[]): void {
    this.#write('record popularity', () => {
      for (const row of rows) {
        this.#s.upsertPopularity.run(ecosystem, key(ecosystem, row.name), row.source, row.rank, row.date);
      }
      this.#markDirty(ecosystem);
    });
  }

  isPackageIndexed(ecosystem: Ecosystem, name: string, analyzerVersion: string): boolean {
    return this.#s.packageIndexedAt.get(ecosystem, key(ecosystem, name), analyzerVersion) !== undefined;
  }

  isArtifactIndexed(sha256: string, analyzerVersion: string): boolean {
    return this.#s.artifactIndexedAt.get(sha256, analyzerVersion) !== undefined;
  }

  refresh(ecosystem: Ecosystem): CommunityState {
    const s = this.#s;
    return this.#write('compute prevalence', () => {
      s.createRanked.run();
      s.clearRanked.run();
      s.fillRanked.run(ecosystem);
      const tiers = s.tierTotals.get() as TierCounts & { community: number };
      const versions = s.analyzerVersions.all() as { v: string; n: number }[];
      // An id counts as known only when every analyzer version among the counted scans knew it:
      // otherwise some packages could not have shown it, and a low count would mislead.
      const known = s.knownIds.all(JSON.stringify(versions.map((row) => row.v)), versions.length) as {
        kind: FindingKind;
        finding_id: string;
      }[];
      const counts = new Map<string, TierCounts>();
      for (const row of s.hitCounts.all() as ({ kind: string; finding_id: string } & TierCounts)[]) {
        counts.set(`${row.kind}\0${row.finding_id}`, row);
      }
      s.deletePrevalence.run(ecosystem);
      for (const { kind, finding_id } of known) {
        const c = counts.get(`${kind}\0${finding_id}`);
        s.insertPrevalence.run(
          ecosystem,
          kind,
          finding_id,
          c?.top100 ?? 0,
          c?.top1k ?? 0,
          c?.top10k ?? 0,
          c?.community ?? 0,
        );
      }
      const now = new Date().toISOString();
      const analyzerVersion = versions[0]?.v ?? null;
      s.upsertState.run(
        ecosystem,
        tiers.top100 ?? 0,
        tiers.top1k ?? 0,
        tiers.top10k ?? 0,
        tiers.community ?? 0,
        analyzerVersion,
        now,
      );
      s.clearRanked.run();
      return {
        ecosystem,
        packages: {
          top100: tiers.top100 ?? 0,
          top1k: tiers.top1k ?? 0,
          top10k: tiers.top10k ?? 0,
          community: tiers.community ?? 0,
        },
        analyzerVersion,
        refreshedAt: now,
        stale: false,
      };
    });
  }

  state(ecosystem: Ecosystem): CommunityState | null {
    const row = this.#s.getState.get(ecosystem) as
      | ({ dirty: number; analyzer_version: string | null; refreshed_at: string | null } & TierCounts)
      | undefined;
    if (row === undefined) return null;
    return {
      ecosystem,
      packages: { top100: row.top100, top1k: row.top1k, top10k: row.top10k, community: row.community },
      analyzerVersion: row.analyzer_version,
      refreshedAt: row.refreshed_at,
      stale: row.dirty === 1,
    };
  }

  prevalence(ecosystem: Ecosystem, kind: FindingKind, id: string): TierCounts | null {
    const row = this.#s.getPrevalence.get(ecosystem, kind, id) as TierCounts | undefined;
    return row ?? null;
  }

  allPrevalence(ecosystem: Ecosystem): Record<FindingKind, Map<string, TierCounts>> {
    const out: Record<FindingKind, Map<string, TierCounts>> = { behavior: new Map(), issue: new Map() };
    for (const row of this.#s.allPrevalence.all(ecosystem) as ({
      kind: FindingKind;
      finding_id: string;
    } & TierCounts)[]) {
      out[row.kind].set(row.finding_id, {
        top100: row.top100,
        top1k: row.top1k,
        top10k: row.top10k,
        community: row.community,
      });
    }
    return out;
  }

  dependentsCount(ecosystem: Ecosystem, name: string): number {
    return this.#s.dependents.get(key(ecosystem, name), ecosystem) as number;
  }

  rankOf(ecosystem: Ecosystem, name: string): RankInfo | null {
    return (this.#s.bestRank.get(ecosystem, key(ecosystem, name)) as RankInfo | undefined) ?? null;
  }

  isVersionIndexed(ecosystem: Ecosystem, name: string, version: string, analyzerVersion: string): boolean {
    return (
      this.#s.versionIndexedAt.get(ecosystem, key(ecosystem, name), version, analyzerVersion) !== undefined
    );
  }

  dependentsCounts(ecosystem: Ecosystem): Map<string, number> {
    const rows = this.#s.allDependents.all(ecosystem) as { name: string; n: number }[];
    return new Map(rows.map((row) => [row.name, row.n]));
  }

  unindexedDependencies(ecosystem: Ecosystem, limit: number): string[] {
    return this.#s.unindexedDependencies.all(ecosystem, ecosystem, limit) as string[];
  }

  failures(ecosystem: Ecosystem): FailedPackage[] {
    const rows = this.#s.failures.all(ecosystem) as {
      name: string;
      version: string;
      rank: number | null;
      issues: string | null;
    }[];
    return rows.map((row) => ({
      name: row.name,
      version: row.version,
      rank: row.rank,
      issues: row.issues === null ? [] : row.issues.split(',').sort(),
    }));
  }

  close(): void {
    this.#store.close();
  }
}

function statements(db: Database.Database) {
  const p = (sql: string) => db.prepare(sql);
  // Statements over the temporary table are prepared once the first refresh has created it.
  const lazy = (sql: string) => {
    let statement: Database.Statement | undefined;
    return {
      run: (...args: unknown[]) => {
        statement ??= db.prepare(sql);
        return statement.run(...args);
      },
      get: (...args: unknown[]) => {
        statement ??= db.prepare(sql);
        return statement.get(...args);
      },
      all: (...args: unknown[]) => {
        statement ??= db.prepare(sql);
        return statement.all(...args);
      },
    };
  };
  return {
    markDirty: p(
      `INSERT INTO community_state (ecosystem, dirty, top100, top1k, top10k, community) VALUES (?, 1, 0, 0, 0, 0)
       ON CONFLICT (ecosystem) DO UPDATE SET dirty = 1`,
    ),
    insertCatalog: p(
      'INSERT OR IGNORE INTO community_catalogs (analyzer_version, kind, finding_id) VALUES (?, ?, ?)',
    ),
    upsertPackage: p(
      `INSERT INTO community_packages (ecosystem, name, display_name) VALUES (?, ?, ?)
       ON CONFLICT (ecosystem, name) DO UPDATE SET display_name = excluded.display_name`,
    ),
    getPackage: p(
      'SELECT id, latest_version_id AS latest FROM community_packages WHERE ecosystem = ? AND name = ?',
    ),
    upsertVersion: p(
      `INSERT INTO community_versions (package_id, version, indexed_at) VALUES (?, ?, ?)
       ON CONFLICT (package_id, version) DO UPDATE SET indexed_at = excluded.indexed_at`,
    ),
    getVersionId: p('SELECT id FROM community_versions WHERE package_id = ? AND version = ?').pluck(),
    getVersion: p('SELECT version FROM community_versions WHERE id = ?').pluck(),
    setLatest: p('UPDATE community_packages SET latest_version_id = ? WHERE id = ?'),
    deleteArtifact: p('DELETE FROM community_artifacts WHERE sha256 = ?'),
    insertArtifact: p(
      'INSERT INTO community_artifacts (sha256, version_id, filename, size, format, origin) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    insertScan: p(
      'INSERT INTO community_scans (sha256, analyzer_version, scanned_at, complete, duration_ms, verdict) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    insertFinding: p('INSERT INTO community_findings (sha256, kind, finding_id, count) VALUES (?, ?, ?, ?)'),
    deleteDependencies: p('DELETE FROM community_dependencies WHERE version_id = ?'),
    insertDependency: p(
      'INSERT OR IGNORE INTO community_dependencies (version_id, dep_name, kind, specifier) VALUES (?, ?, ?, ?)',
    ),
    upsertPopularity: p(
      `INSERT INTO community_popularity (ecosystem, name, source, rank, date) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (ecosystem, name, source) DO UPDATE SET rank = excluded.rank, date = excluded.date`,
    ),
    packageIndexedAt: p(
      `SELECT 1 FROM community_packages pk
         JOIN community_artifacts a ON a.version_id = pk.latest_version_id
         JOIN community_scans s ON s.sha256 = a.sha256
        WHERE pk.ecosystem = ? AND pk.name = ? AND s.analyzer_version = ? LIMIT 1`,
    ),
    artifactIndexedAt: p('SELECT 1 FROM community_scans WHERE sha256 = ? AND analyzer_version = ?'),
    createRanked: p(
      'CREATE TEMP TABLE IF NOT EXISTS community_ranked (package_id INTEGER PRIMARY KEY, version_id INTEGER NOT NULL, rank INTEGER NOT NULL)',
    ),
    clearRanked: lazy('DELETE FROM temp.community_ranked'),
    // Packages counted: those whose latest indexed version has at least one scanned artifact.
    fillRanked: lazy(
      `INSERT INTO temp.community_ranked (package_id, version_id, rank)
       SELECT pk.id, pk.latest_version_id,
              COALESCE((SELECT MIN(r.rank) FROM community_popularity r
                         WHERE r.ecosystem = pk.ecosystem AND r.name = pk.name), ${UNRANKED})
         FROM community_packages pk
        WHERE pk.ecosystem = ? AND pk.latest_version_id IS NOT NULL
          AND EXISTS (SELECT 1 FROM community_artifacts a JOIN community_scans s ON s.sha256 = a.sha256
                       WHERE a.version_id = pk.latest_version_id)`,
    ),
    tierTotals: lazy(
      `SELECT COALESCE(SUM(rank <= 100), 0) AS top100, COALESCE(SUM(rank <= 1000), 0) AS top1k,
              COALESCE(SUM(rank <= 10000), 0) AS top10k, COUNT(*) AS community
         FROM temp.community_ranked`,
    ),
    analyzerVersions: lazy(
      `SELECT s.analyzer_version AS v, COUNT(DISTINCT r.package_id) AS n
         FROM temp.community_ranked r
         JOIN community_artifacts a ON a.version_id = r.version_id
         JOIN community_scans s ON s.sha256 = a.sha256
        GROUP BY s.analyzer_version ORDER BY n DESC, v DESC`,
    ),
    knownIds: p(
      `SELECT kind, finding_id FROM community_catalogs
        WHERE analyzer_version IN (SELECT value FROM json_each(?))
        GROUP BY kind, finding_id HAVING COUNT(*) = ?`,
    ),
    // One row per (package, id): a package counts once however many artifacts or occurrences show it.
    hitCounts: lazy(
      `SELECT kind, finding_id, SUM(rank <= 100) AS top100, SUM(rank <= 1000) AS top1k,
              SUM(rank <= 10000) AS top10k, COUNT(*) AS community
         FROM (SELECT DISTINCT r.package_id, r.rank, f.kind, f.finding_id
                 FROM temp.community_ranked r
                 JOIN community_artifacts a ON a.version_id = r.version_id
                 JOIN community_findings f ON f.sha256 = a.sha256)
        GROUP BY kind, finding_id`,
    ),
    deletePrevalence: p('DELETE FROM community_prevalence WHERE ecosystem = ?'),
    insertPrevalence: p(
      `INSERT INTO community_prevalence (ecosystem, kind, finding_id, top100, top1k, top10k, community)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    upsertState: p(
      `INSERT INTO community_state (ecosystem, dirty, top100, top1k, top10k, community, analyzer_version, refreshed_at)
       VALUES (?, 0, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (ecosystem) DO UPDATE SET dirty = 0, top100 = excluded.top100, top1k = excluded.top1k,
         top10k = excluded.top10k, community = excluded.community,
         analyzer_version = excluded.analyzer_version, refreshed_at = excluded.refreshed_at`,
    ),
    getState: p(
      'SELECT dirty, top100, top1k, top10k, community, analyzer_version, refreshed_at FROM community_state WHERE ecosystem = ?',
    ),
    getPrevalence: p(
      `SELECT top100, top1k, top10k, community FROM community_prevalence
        WHERE ecosystem = ? AND kind = ? AND finding_id = ?`,
    ),
    allPrevalence: p(
      `SELECT kind, finding_id, top100, top1k, top10k, community FROM community_prevalence
        WHERE ecosystem = ? ORDER BY kind, finding_id`,
    ),
    dependents: p(
      `SELECT COUNT(DISTINCT pk.id) FROM community_dependencies d
         JOIN community_versions v ON v.id = d.version_id
         JOIN community_packages pk ON pk.id = v.package_id AND pk.latest_version_id = v.id
        WHERE d.dep_name = ? AND pk.ecosystem = ? AND d.kind <> 'dev'`,
    ).pluck(),
    versionIndexedAt: p(
      `SELECT 1 FROM community_packages pk
         JOIN community_versions v ON v.package_id = pk.id
         JOIN community_artifacts a ON a.version_id = v.id
         JOIN community_scans s ON s.sha256 = a.sha256
        WHERE pk.ecosystem = ? AND pk.name = ? AND v.version = ? AND s.analyzer_version = ? LIMIT 1`,
    ),
    allDependents: p(
      `SELECT d.dep_name AS name, COUNT(DISTINCT pk.id) AS n FROM community_dependencies d
         JOIN community_packages pk ON pk.latest_version_id = d.version_id
        WHERE pk.ecosystem = ? AND d.kind <> 'dev'
        GROUP BY d.dep_name`,
    ),
    unindexedDependencies: p(
      `SELECT d.dep_name FROM community_dependencies d
         JOIN community_packages pk ON pk.latest_version_id = d.version_id
        WHERE pk.ecosystem = ? AND d.kind <> 'dev'
          AND NOT EXISTS (SELECT 1 FROM community_packages other
                           WHERE other.ecosystem = ? AND other.name = d.dep_name
                             AND other.latest_version_id IS NOT NULL)
        GROUP BY d.dep_name ORDER BY COUNT(DISTINCT pk.id) DESC, d.dep_name LIMIT ?`,
    ).pluck(),
    failures: p(
      `SELECT pk.display_name AS name, v.version AS version,
              (SELECT MIN(r.rank) FROM community_popularity r WHERE r.ecosystem = pk.ecosystem AND r.name = pk.name) AS rank,
              (SELECT GROUP_CONCAT(DISTINCT f.finding_id) FROM community_findings f
                 JOIN community_artifacts fa ON fa.sha256 = f.sha256
                WHERE fa.version_id = v.id AND f.kind = 'issue') AS issues
         FROM community_packages pk
         JOIN community_versions v ON v.id = pk.latest_version_id
        WHERE pk.ecosystem = ?
          AND EXISTS (SELECT 1 FROM community_artifacts a JOIN community_scans s ON s.sha256 = a.sha256
                       WHERE a.version_id = v.id AND s.verdict = 'fail')
        ORDER BY rank IS NULL, rank, pk.name`,
    ),
    bestRank: p(
      `SELECT rank, source, date FROM community_popularity
        WHERE ecosystem = ? AND name = ? ORDER BY rank, source LIMIT 1`,
    ),
  };
}
