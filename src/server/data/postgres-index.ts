/** The site's queries over a PostgreSQL community index: the same SQL as SQLite's, numbered. */
import type { PostgresCommunityIndex } from '../../community/index/postgres.ts';
import { AssayError } from '../../core/errors.ts';
import type { Ecosystem } from '../../metadata/types.ts';
import { likePattern, type SiteQueries, type VersionRow } from './site-queries.ts';
import { numbered, SITE_SQL } from './site-sql.ts';
import type { SnapshotPrevalence } from './snapshot-source.ts';
import { StoreSiteIndex } from './store-site-index.ts';
import type { FindingKind, PackageRef, RankedPackageRef } from './types.ts';

const SQL = Object.fromEntries(Object.entries(SITE_SQL).map(([key, sql]) => [key, numbered(sql)])) as {
  [K in keyof typeof SITE_SQL]: string;
};

/**
 * What changes with every commit that can change a page: the newest version row, the number of scans and
 * the last one, and each ecosystem's prevalence state. A read-only request leaves it as it was, so pages
 * rendered from it stay cached.
 */
const REVISION = `SELECT (SELECT COALESCE(MAX(id), 0) FROM community_versions) || ':' ||
                         (SELECT COUNT(*) FROM community_scans) || ':' ||
                         (SELECT COALESCE(MAX(scanned_at), '') FROM community_scans) || ':' ||
                         (SELECT COALESCE(string_agg(ecosystem || dirty || COALESCE(refreshed_at, ''), ',' ORDER BY ecosystem), '')
                            FROM community_state) AS revision`;

export function postgresSiteQueries(index: PostgresCommunityIndex): SiteQueries {
  const rows = async <R>(sql: string, values: readonly unknown[] = []): Promise<R[]> => {
    try {
      return (await index.pool.query(sql, values as unknown[])).rows as R[];
    } catch (error) {
      throw new AssayError(
        'E_DATABASE',
        `cannot read ${index.location}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  };
  return {
    location: index.location,
    revision: async () => (await rows<{ revision: string }>(REVISION))[0]?.revision ?? '',
    state: (ecosystem) => index.state(ecosystem),
    prevalence: (ecosystem, kind, id) => index.prevalence(ecosystem, kind, id),
    dependentsCount: (ecosystem, name) => index.dependentsCount(ecosystem, name),
    counts: () => rows<{ ecosystem: Ecosystem; n: number }>(SQL.counts),
    recent: (limit) => rows<PackageRef>(SQL.recent, [limit]),
    search: (form, ecosystem, limit) =>
      rows<PackageRef>(SQL.search, [
        `%${likePattern(form)}%`,
        ecosystem,
        ecosystem,
        form,
        `${likePattern(form)}%`,
        limit,
      ]),
    packageRow: async (ecosystem, name) =>
      (
        await rows<{ id: number; name: string; latest: string | null }>(SQL.packageRow, [ecosystem, name])
      )[0] ?? null,
    versions: async (packageId) =>
      (await rows<Omit<VersionRow, 'complete'> & { complete: number | null }>(SQL.versions, [packageId])).map(
        (row) => ({ ...row, complete: row.complete === null ? null : row.complete === 1 }),
      ),
    findings: (sha256) => rows<{ kind: FindingKind; id: string; count: number }>(SQL.findings, [sha256]),
    ranked: (ecosystem) => rows<RankedPackageRef & { versionId: number }>(SQL.ranked, [ecosystem]),
    shows: async (kind, id, versionId) => (await rows(SQL.shows, [kind, id, versionId])).length > 0,
    close: () => index.close(),
  };
}

/** The site's view of a PostgreSQL community index (the one the distributed indexer fills). */
export class PostgresSiteIndex extends StoreSiteIndex {
  constructor(index: PostgresCommunityIndex, snapshots: SnapshotPrevalence) {
    super(postgresSiteQueries(index), snapshots);
  }
}
