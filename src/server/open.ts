/**
 * The dependencies of `assay serve`, opened from its options: the community index (PostgreSQL by URL, or
 * SQLite; a missing SQLite file is served as an empty index and is not created), the shipped snapshots, the report archive in
 * the cache directory, and the in-process scan runner.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openPostgresIndex } from '../community/index/postgres.ts';
import { openCommunityStore } from '../community/index/sqlite.ts';
import { defaultCatalog } from '../scan/scan.ts';
import { defaultCacheDir } from '../sources/cache.ts';
import { resolveDbPath } from '../store/paths.ts';
import { isPostgresUrl, redactUrl } from '../store/postgres.ts';
import type { AppDeps } from './app.ts';
import { PostgresSiteIndex } from './data/postgres-index.ts';
import { SnapshotPrevalence } from './data/snapshot-source.ts';
import { SqliteSiteIndex } from './data/sqlite-index.ts';
import type { SiteIndex } from './data/types.ts';
import { cacheExcerpts } from './excerpts.ts';
import { ReportArchive } from './reports.ts';
import { ScanRunner } from './scans/runner.ts';
import { defaultScanner } from './scans/scan-report.ts';
import { discardUpload } from './scans/upload.ts';

export interface OpenOptions {
  readonly db?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly scans: boolean;
  readonly offline?: boolean;
  readonly log: (line: string) => void;
}

/**
 * The index the site reads: PostgreSQL when the location is a postgres:// URL (the index a team's workers
 * fill; its schema is migrated on open), else a SQLite file. A fresh clone has no SQLite index yet: the
 * shipped snapshot is served without creating a database file.
 */
async function openIndex(location: string, snapshots: SnapshotPrevalence): Promise<SiteIndex> {
  if (isPostgresUrl(location)) return new PostgresSiteIndex(await openPostgresIndex(location), snapshots);
  return new SqliteSiteIndex(openCommunityStore(existsSync(location) ? location : ':memory:'), snapshots);
}

export async function openDeps(options: OpenOptions): Promise<AppDeps & { readonly location: string }> {
  const location = resolveDbPath(options.db, options.env);
  const snapshotDir = options.env['ASSAY_PREVALENCE_DIR'];
  const snapshots = new SnapshotPrevalence(
    snapshotDir === undefined || snapshotDir === '' ? undefined : snapshotDir,
  );
  const index = await openIndex(location, snapshots);
  const cacheDir = defaultCacheDir(options.env);
  const reports = new ReportArchive(join(cacheDir, 'reports'));
  const runner = options.scans
    ? new ScanRunner({
        scanner: defaultScanner({
          env: options.env,
          ...(options.db === undefined ? {} : { db: options.db }),
          ...(options.offline ? { offline: true } : {}),
        }),
        onReport: (report) => reports.put(report),
        onSettled: (_job, request) => discardUpload(request),
      })
    : null;
  return {
    location: isPostgresUrl(location) ? redactUrl(location) : location,
    index,
    reports,
    behaviors: defaultCatalog.behaviors,
    policies: defaultCatalog.policies,
    runner,
    excerpt: cacheExcerpts(options.env),
    uploadDir: join(cacheDir, 'uploads'),
    log: options.log,
  };
}
