/** The site's queries over a SQLite community index (synchronous underneath, answered as promises). */
import type Database from 'better-sqlite3';
import type { SqliteCommunityStore } from '../../community/index/sqlite.ts';
import type { Ecosystem } from '../../metadata/types.ts';
import { likePattern, type SiteQueries, type VersionRow } from './site-queries.ts';
import { SITE_SQL } from './site-sql.ts';
import type { SnapshotPrevalence } from './snapshot-source.ts';
import { StoreSiteIndex } from './store-site-index.ts';
import type { FindingKind, PackageRef, RankedPackageRef } from './types.ts';

export function sqliteSiteQueries(store: SqliteCommunityStore): SiteQueries {
  const db = store.database;
  const s = Object.fromEntries(Object.entries(SITE_SQL).map(([key, sql]) => [key, db.prepare(sql)])) as {
    [K in keyof typeof SITE_SQL]: Database.Statement<unknown[]>;
  };
  const changes = db.prepare('SELECT total_changes()').pluck();
  return {
    location: store.location,
    // data_version changes when another connection commits, total_changes when this one writes (tests).
    revision: async () => `${String(db.pragma('data_version', { simple: true }))}:${String(changes.get())}`,
    state: async (ecosystem) => store.state(ecosystem),
    prevalence: async (ecosystem, kind, id) => store.prevalence(ecosystem, kind, id),
    dependentsCount: async (ecosystem, name) => store.dependentsCount(ecosystem, name),
    counts: async () => s.counts.all() as { ecosystem: Ecosystem; n: number }[],
    recent: async (limit) => s.recent.all(limit) as PackageRef[],
    search: async (form, ecosystem, limit) =>
      s.search.all(
        `%${likePattern(form)}%`,
        ecosystem,
        ecosystem,
        form,
        `${likePattern(form)}%`,
        limit,
      ) as PackageRef[],
    packageRow: async (ecosystem, name) =>
      (s.packageRow.get(ecosystem, name) as
        | { id: number; name: string; latest: string | null }
        | undefined) ?? null,
    versions: async (packageId) =>
      (s.versions.all(packageId) as (Omit<VersionRow, 'complete'> & { complete: number | null })[]).map(
        (row) => ({ ...row, complete: row.complete === null ? null : row.complete === 1 }),
      ),
    findings: async (sha256) => s.findings.all(sha256) as { kind: FindingKind; id: string; count: number }[],
    ranked: async (ecosystem) => s.ranked.all(ecosystem) as (RankedPackageRef & { versionId: number })[],
    shows: async (kind, id, versionId) => s.shows.get(kind, id, versionId) !== undefined,
    close: async () => store.close(),
  };
}

/** The site's view of a SQLite community index. */
export class SqliteSiteIndex extends StoreSiteIndex {
  constructor(store: SqliteCommunityStore, snapshots: SnapshotPrevalence) {
    super(sqliteSiteQueries(store), snapshots);
  }
}
