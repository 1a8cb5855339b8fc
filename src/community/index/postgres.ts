/**
 * The community index on PostgreSQL: the tables of migration 3-4 (migrations-postgres.ts), written by any
 * number of worker processes at once. A scan is recorded in one transaction that locks its package row,
 * so two workers recording versions of one package cannot both decide which version is the latest; the
 * artifact's rows are replaced by sha256, so recording the same scan twice (a job retried after a worker
 * was killed between its write and its acknowledgement) leaves exactly one copy.
 */
import type pg from 'pg';
import { AssayError } from '../../core/errors.ts';
import type { Ecosystem } from '../../metadata/types.ts';
import { PostgresFactsCache } from '../../store/facts-postgres.ts';
import { normalizePackageName } from '../../store/names.ts';
import { inTransaction, openPostgres, redactUrl } from '../../store/postgres.ts';
import { isNewer } from './latest.ts';
import type {
  CatalogIds,
  CommunityIndex,
  CommunityState,
  FailedPackage,
  FindingKind,
  IndexEntry,
  PopularityInput,
  RankInfo,
  TierCounts,
} from './types.ts';

const UNRANKED = 2_147_483_647;

function key(ecosystem: Ecosystem, name: string): string {
  return normalizePackageName(ecosystem, name);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function openPostgresIndex(
  url: string,
  options: { max?: number } = {},
): Promise<PostgresCommunityIndex> {
  const pool = await openPostgres(url, options.max === undefined ? {} : { max: options.max });
  return new PostgresCommunityIndex(pool, redactUrl(url));
}

export class PostgresCommunityIndex implements CommunityIndex {
  readonly location: string;
  readonly backend = 'postgres' as const;
  readonly factsCache: PostgresFactsCache;
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool, location: string) {
    this.#pool = pool;
    this.location = location;
    this.factsCache = new PostgresFactsCache(pool);
  }

  /** For the queue, tests and benchmarks (one pool per process). */
  get pool(): pg.Pool {
    return this.#pool;
  }

  async #query<R extends object>(what: string, sql: string, values: readonly unknown[] = []): Promise<R[]> {
    try {
      return (await this.#pool.query(sql, values as unknown[])).rows as R[];
    } catch (error) {
      throw new AssayError('E_DATABASE', `cannot ${what} in ${this.location}: ${messageOf(error)}`, {
        cause: error,
      });
    }
  }

  async #write<T>(what: string, body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    try {
      return await inTransaction(this.#pool, body);
    } catch (error) {
      if (error instanceof AssayError) throw error;
      throw new AssayError('E_DATABASE', `cannot ${what} in ${this.location}: ${messageOf(error)}`, {
        cause: error,
      });
    }
  }

  async recordCatalog(analyzerVersion: string, ids: CatalogIds): Promise<void> {
    const kinds: string[] = [];
    const findingIds: string[] = [];
    for (const kind of ['behavior', 'issue'] as const) {
      for (const id of ids[kind]) {
        kinds.push(kind);
        findingIds.push(id);
      }
    }
    await this.#query(
      'record the catalog',
      `INSERT INTO community_catalogs (analyzer_version, kind, finding_id)
       SELECT $1, k, f FROM unnest($2::text[], $3::text[]) AS t(k, f)
       ON CONFLICT DO NOTHING`,
      [analyzerVersion, kinds, findingIds],
    );
  }

  async recordScan(entry: IndexEntry): Promise<void> {
    const name = key(entry.ecosystem, entry.name);
    await this.#write(`record ${entry.name} ${entry.version}`, async (c) => {
      const pkg = (
        await c.query<{ id: number; latest: number | null }>(
          `INSERT INTO community_packages (ecosystem, name, display_name) VALUES ($1, $2, $3)
           ON CONFLICT (ecosystem, name) DO UPDATE SET display_name = excluded.display_name
           RETURNING id, latest_version_id AS latest`,
          [entry.ecosystem, name, entry.name],
        )
      ).rows[0];
      if (pkg === undefined) throw new Error('package row missing after upsert');
      // The upsert holds the package row's lock until commit: latest-version decisions are serialized.
      const versionId = (
        await c.query<{ id: number }>(
          `INSERT INTO community_versions (package_id, version, indexed_at) VALUES ($1, $2, $3)
           ON CONFLICT (package_id, version) DO UPDATE SET indexed_at = excluded.indexed_at RETURNING id`,
          [pkg.id, entry.version, entry.scannedAt],
        )
      ).rows[0]?.id;
      if (versionId === undefined) throw new Error('version row missing after upsert');
      const a = entry.artifact;
      await c.query('DELETE FROM community_artifacts WHERE sha256 = $1', [a.sha256]);
      await c.query(
        'INSERT INTO community_artifacts (sha256, version_id, filename, size, format, origin) VALUES ($1, $2, $3, $4, $5, $6)',
        [a.sha256, versionId, a.filename, a.size, a.format, a.origin],
      );
      await c.query(
        `INSERT INTO community_scans (sha256, analyzer_version, scanned_at, complete, duration_ms, verdict)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          a.sha256,
          entry.analyzerVersion,
          entry.scannedAt,
          entry.complete ? 1 : 0,
          Math.round(entry.durationMs),
          entry.verdict ?? null,
        ],
      );
      const merged = new Map<string, { kind: FindingKind; id: string; count: number }>();
      for (const f of entry.findings) {
        const k = `${f.kind}\0${f.id}`;
        const prior = merged.get(k);
        if (prior) prior.count += f.count;
        else merged.set(k, { ...f });
      }
      const findings = [...merged.values()];
      if (findings.length > 0) {
        await c.query(
          `INSERT INTO community_findings (sha256, kind, finding_id, count)
           SELECT $1, k, f, n FROM unnest($2::text[], $3::text[], $4::int[]) AS t(k, f, n)`,
          [a.sha256, findings.map((f) => f.kind), findings.map((f) => f.id), findings.map((f) => f.count)],
        );
      }
      await c.query('DELETE FROM community_dependencies WHERE version_id = $1', [versionId]);
      if (entry.dependencies.length > 0) {
        await c.query(
          `INSERT INTO community_dependencies (version_id, dep_name, kind, specifier)
           SELECT $1, d, k, s FROM unnest($2::text[], $3::text[], $4::text[]) AS t(d, k, s)
           ON CONFLICT DO NOTHING`,
          [
            versionId,
            entry.dependencies.map((d) => key(entry.ecosystem, d.name)),
            entry.dependencies.map((d) => d.kind),
            entry.dependencies.map((d) => d.specifier),
          ],
        );
      }
      for (const p of entry.popularity) {
        await c.query(
          `INSERT INTO community_popularity (ecosystem, name, source, rank, date) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (ecosystem, name, source) DO UPDATE SET rank = excluded.rank, date = excluded.date`,
          [entry.ecosystem, name, p.source, p.rank, p.date],
        );
      }
      let makeLatest = pkg.latest === null;
      if (pkg.latest !== null && pkg.latest !== versionId) {
        const current = (
          await c.query<{ version: string }>('SELECT version FROM community_versions WHERE id = $1', [
            pkg.latest,
          ])
        ).rows[0]?.version;
        makeLatest = current === undefined || isNewer(entry.ecosystem, entry.version, current);
      }
      if (makeLatest) {
        await c.query('UPDATE community_packages SET latest_version_id = $1 WHERE id = $2', [
          versionId,
          pkg.id,
        ]);
      }
      await markDirty(c, entry.ecosystem);
    });
  }

  async recordPopularity(ecosystem: Ecosystem, rows: readonly PopularityInput[]): Promise<void> {
    await this.#write('record popularity', async (c) => {
      await c.query(
        `INSERT INTO community_popularity (ecosystem, name, source, rank, date)
         SELECT $1, n, s, r, d FROM unnest($2::text[], $3::text[], $4::int[], $5::text[]) AS t(n, s, r, d)
         ON CONFLICT (ecosystem, name, source) DO UPDATE SET rank = excluded.rank, date = excluded.date`,
        [
          ecosystem,
          rows.map((r) => key(ecosystem, r.name)),
          rows.map((r) => r.source),
          rows.map((r) => r.rank),
          rows.map((r) => r.date),
        ],
      );
      await markDirty(c, ecosystem);
    });
  }

  async isPackageIndexed(ecosystem: Ecosystem, name: string, analyzerVersion: string): Promise<boolean> {
    const rows = await this.#query(
      'read the index',
      `SELECT 1 FROM community_packages pk
         JOIN community_artifacts a ON a.version_id = pk.latest_version_id
         JOIN community_scans s ON s.sha256 = a.sha256
        WHERE pk.ecosystem = $1 AND pk.name = $2 AND s.analyzer_version = $3 LIMIT 1`,
      [ecosystem, key(ecosystem, name), analyzerVersion],
    );
    return rows.length > 0;
  }

  async isVersionIndexed(
    ecosystem: Ecosystem,
    name: string,
    version: string,
    analyzerVersion: string,
  ): Promise<boolean> {
    const rows = await this.#query(
      'read the index',
      `SELECT 1 FROM community_packages pk
         JOIN community_versions v ON v.package_id = pk.id
         JOIN community_artifacts a ON a.version_id = v.id
         JOIN community_scans s ON s.sha256 = a.sha256
        WHERE pk.ecosystem = $1 AND pk.name = $2 AND v.version = $3 AND s.analyzer_version = $4 LIMIT 1`,
      [ecosystem, key(ecosystem, name), version, analyzerVersion],
    );
    return rows.length > 0;
  }

  async isArtifactIndexed(sha256: string, analyzerVersion: string): Promise<boolean> {
    const rows = await this.#query(
      'read the index',
      'SELECT 1 FROM community_scans WHERE sha256 = $1 AND analyzer_version = $2',
      [sha256, analyzerVersion],
    );
    return rows.length > 0;
  }

  async refresh(ecosystem: Ecosystem): Promise<CommunityState> {
    return this.#write('compute prevalence', async (c) => {
      // One refresh at a time per database; scans keep being recorded meanwhile.
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`assay-refresh-${ecosystem}`]);
      const started = new Date().toISOString();
      await c.query(
        `CREATE TEMP TABLE community_ranked ON COMMIT DROP AS
         SELECT pk.id AS package_id, pk.latest_version_id AS version_id,
                COALESCE((SELECT MIN(r.rank) FROM community_popularity r
                           WHERE r.ecosystem = pk.ecosystem AND r.name = pk.name), ${UNRANKED}) AS rank
           FROM community_packages pk
          WHERE pk.ecosystem = $1 AND pk.latest_version_id IS NOT NULL
            AND EXISTS (SELECT 1 FROM community_artifacts a JOIN community_scans s ON s.sha256 = a.sha256
                         WHERE a.version_id = pk.latest_version_id)`,
        [ecosystem],
      );
      const tiers = (
        await c.query<TierCounts>(
          `SELECT COUNT(*) FILTER (WHERE rank <= 100)::int AS top100,
                  COUNT(*) FILTER (WHERE rank <= 1000)::int AS top1k,
                  COUNT(*) FILTER (WHERE rank <= 10000)::int AS top10k,
                  COUNT(*)::int AS community
             FROM community_ranked`,
        )
      ).rows[0] ?? { top100: 0, top1k: 0, top10k: 0, community: 0 };
      const versions = (
        await c.query<{ v: string; n: number }>(
          `SELECT s.analyzer_version AS v, COUNT(DISTINCT r.package_id)::int AS n
             FROM community_ranked r
             JOIN community_artifacts a ON a.version_id = r.version_id
             JOIN community_scans s ON s.sha256 = a.sha256
            GROUP BY s.analyzer_version ORDER BY n DESC, v DESC`,
        )
      ).rows;
      await c.query('DELETE FROM community_prevalence WHERE ecosystem = $1', [ecosystem]);
      // Known ids: those every counted analyzer version knew (see the SQLite store for why).
      await c.query(
        `INSERT INTO community_prevalence (ecosystem, kind, finding_id, top100, top1k, top10k, community)
         SELECT $1, k.kind, k.finding_id,
                COALESCE(h.top100, 0), COALESCE(h.top1k, 0), COALESCE(h.top10k, 0), COALESCE(h.community, 0)
           FROM (SELECT kind, finding_id FROM community_catalogs
                  WHERE analyzer_version = ANY($2::text[])
                  GROUP BY kind, finding_id HAVING COUNT(*) = $3) k
           LEFT JOIN (
             SELECT kind, finding_id,
                    COUNT(*) FILTER (WHERE rank <= 100)::int AS top100,
                    COUNT(*) FILTER (WHERE rank <= 1000)::int AS top1k,
                    COUNT(*) FILTER (WHERE rank <= 10000)::int AS top10k,
                    COUNT(*)::int AS community
               FROM (SELECT DISTINCT r.package_id, r.rank, f.kind, f.finding_id
                       FROM community_ranked r
                       JOIN community_artifacts a ON a.version_id = r.version_id
                       JOIN community_findings f ON f.sha256 = a.sha256) hits
              GROUP BY kind, finding_id) h
             ON h.kind = k.kind AND h.finding_id = k.finding_id`,
        [ecosystem, versions.map((v) => v.v), versions.length],
      );
      const analyzerVersion = versions[0]?.v ?? null;
      // Dirty stays set when a scan was recorded after this refresh began (its transaction saw no such row).
      await c.query(
        `INSERT INTO community_state (ecosystem, dirty, top100, top1k, top10k, community, analyzer_version, refreshed_at)
         VALUES ($1, 0, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (ecosystem) DO UPDATE SET dirty = 0, top100 = excluded.top100, top1k = excluded.top1k,
           top10k = excluded.top10k, community = excluded.community,
           analyzer_version = excluded.analyzer_version, refreshed_at = excluded.refreshed_at`,
        [ecosystem, tiers.top100, tiers.top1k, tiers.top10k, tiers.community, analyzerVersion, started],
      );
      return {
        ecosystem,
        packages: {
          top100: tiers.top100,
          top1k: tiers.top1k,
          top10k: tiers.top10k,
          community: tiers.community,
        },
        analyzerVersion,
        refreshedAt: started,
        stale: false,
      };
    });
  }

  async state(ecosystem: Ecosystem): Promise<CommunityState | null> {
    const row = (
      await this.#query<
        { dirty: number; analyzer_version: string | null; refreshed_at: string | null } & TierCounts
      >(
        'read the index state',
        'SELECT dirty, top100, top1k, top10k, community, analyzer_version, refreshed_at FROM community_state WHERE ecosystem = $1',
        [ecosystem],
      )
    )[0];
    if (row === undefined) return null;
    return {
      ecosystem,
      packages: { top100: row.top100, top1k: row.top1k, top10k: row.top10k, community: row.community },
      analyzerVersion: row.analyzer_version,
      refreshedAt: row.refreshed_at,
      stale: row.dirty === 1,
    };
  }

  async prevalence(ecosystem: Ecosystem, kind: FindingKind, id: string): Promise<TierCounts | null> {
    const row = (
      await this.#query<TierCounts>(
        'read prevalence',
        `SELECT top100, top1k, top10k, community FROM community_prevalence
          WHERE ecosystem = $1 AND kind = $2 AND finding_id = $3`,
        [ecosystem, kind, id],
      )
    )[0];
    return row ?? null;
  }

  async allPrevalence(ecosystem: Ecosystem): Promise<Record<FindingKind, Map<string, TierCounts>>> {
    const out: Record<FindingKind, Map<string, TierCounts>> = { behavior: new Map(), issue: new Map() };
    const rows = await this.#query<{ kind: FindingKind; finding_id: string } & TierCounts>(
      'read prevalence',
      `SELECT kind, finding_id, top100, top1k, top10k, community FROM community_prevalence
        WHERE ecosystem = $1 ORDER BY kind, finding_id`,
      [ecosystem],
    );
    for (const row of rows) {
      out[row.kind].set(row.finding_id, {
        top100: row.top100,
        top1k: row.top1k,
        top10k: row.top10k,
        community: row.community,
      });
    }
    return out;
  }

  async dependentsCount(ecosystem: Ecosystem, name: string): Promise<number> {
    const row = (
      await this.#query<{ n: number }>(
        'count dependents',
        `SELECT COUNT(DISTINCT pk.id)::int AS n FROM community_dependencies d
           JOIN community_packages pk ON pk.latest_version_id = d.version_id
          WHERE d.dep_name = $1 AND pk.ecosystem = $2 AND d.kind <> 'dev'`,
        [key(ecosystem, name), ecosystem],
      )
    )[0];
    return row?.n ?? 0;
  }

  async dependentsCounts(ecosystem: Ecosystem): Promise<Map<string, number>> {
    const rows = await this.#query<{ name: string; n: number }>(
      'count dependents',
      `SELECT d.dep_name AS name, COUNT(DISTINCT pk.id)::int AS n FROM community_dependencies d
         JOIN community_packages pk ON pk.latest_version_id = d.version_id
        WHERE pk.ecosystem = $1 AND d.kind <> 'dev'
        GROUP BY d.dep_name`,
      [ecosystem],
    );
    return new Map(rows.map((row) => [row.name, row.n]));
  }

  async unindexedDependencies(ecosystem: Ecosystem, limit: number): Promise<string[]> {
    const rows = await this.#query<{ name: string }>(
      'list dependencies',
      `SELECT d.dep_name AS name FROM community_dependencies d
         JOIN community_packages pk ON pk.latest_version_id = d.version_id
        WHERE pk.ecosystem = $1 AND d.kind <> 'dev'
          AND NOT EXISTS (SELECT 1 FROM community_packages other
                           WHERE other.ecosystem = $1 AND other.name = d.dep_name
                             AND other.latest_version_id IS NOT NULL)
        GROUP BY d.dep_name ORDER BY COUNT(DISTINCT pk.id) DESC, d.dep_name LIMIT $2`,
      [ecosystem, limit],
    );
    return rows.map((row) => row.name);
  }

  async failures(ecosystem: Ecosystem): Promise<FailedPackage[]> {
    const rows = await this.#query<{
      name: string;
      version: string;
      rank: number | null;
      issues: string[] | null;
    }>(
      'list failures',
      `SELECT pk.display_name AS name, v.version AS version,
              (SELECT MIN(r.rank) FROM community_popularity r WHERE r.ecosystem = pk.ecosystem AND r.name = pk.name) AS rank,
              (SELECT array_agg(DISTINCT f.finding_id ORDER BY f.finding_id) FROM community_findings f
                 JOIN community_artifacts fa ON fa.sha256 = f.sha256
                WHERE fa.version_id = v.id AND f.kind = 'issue') AS issues
         FROM community_packages pk
         JOIN community_versions v ON v.id = pk.latest_version_id
        WHERE pk.ecosystem = $1
          AND EXISTS (SELECT 1 FROM community_artifacts a JOIN community_scans s ON s.sha256 = a.sha256
                       WHERE a.version_id = v.id AND s.verdict = 'fail')
        ORDER BY rank NULLS LAST, pk.name`,
      [ecosystem],
    );
    return rows.map((row) => ({
      name: row.name,
      version: row.version,
      rank: row.rank,
      issues: row.issues ?? [],
    }));
  }

  async rankOf(ecosystem: Ecosystem, name: string): Promise<RankInfo | null> {
    const row = (
      await this.#query<{ rank: number; source: string; date: string }>(
        'read popularity',
        `SELECT rank, source, date FROM community_popularity
          WHERE ecosystem = $1 AND name = $2 ORDER BY rank, source LIMIT 1`,
        [ecosystem, key(ecosystem, name)],
      )
    )[0];
    return row ?? null;
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}

async function markDirty(c: pg.PoolClient, ecosystem: Ecosystem): Promise<void> {
  // Only a clean row is written: a hot row updated by every worker's every scan would serialize them.
  await c.query(
    `INSERT INTO community_state (ecosystem, dirty, top100, top1k, top10k, community) VALUES ($1, 1, 0, 0, 0, 0)
     ON CONFLICT (ecosystem) DO UPDATE SET dirty = 1 WHERE community_state.dirty = 0`,
    [ecosystem],
  );
}
