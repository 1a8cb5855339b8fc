/**
 * The dependencies of `assay serve`, opened from its options: the community index (PostgreSQL by URL, or
 * SQLite; a missing SQLite file is served as an empty index and is not created), the shipped snapshots, the report archive in
 * the cache directory, and the in-process scan runner.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FactsCache } from '../analysis/pool/facts-cache.ts';
import { openPostgresIndex } from '../community/index/postgres.ts';
import { openCommunityStore } from '../community/index/sqlite.ts';
import { defaultCatalog } from '../scan/scan.ts';
import { defaultCacheDir } from '../sources/cache.ts';
import { factsCachePath, lazyFactsCache } from '../store/facts-open.ts';
import { resolveDbPath } from '../store/paths.ts';
import { isPostgresUrl, redactUrl } from '../store/postgres.ts';
import type { AppDeps } from './app.ts';
import { PostgresSiteIndex } from './data/postgres-index.ts';
import { SnapshotPrevalence } from './data/snapshot-source.ts';
import { SqliteSiteIndex } from './data/sqlite-index.ts';
import type { SiteIndex } from './data/types.ts';
import { cacheExcerpts } from './excerpts.ts';
import { ReportArchive } from './reports.ts';
import { openQueuedScanJobs } from './scans/queued-jobs.ts';
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
async function openIndex(
  location: string,
  snapshots: SnapshotPrevalence,
  env: OpenOptions['env'],
): Promise<{ index: SiteIndex; factsCache: FactsCache | undefined }> {
  if (isPostgresUrl(location)) {
    // Scans share the facts the deployment's workers stored while indexing.
    const index = await openPostgresIndex(location);
    return { index: new PostgresSiteIndex(index, snapshots), factsCache: index.factsCache };
  }
  // On SQLite the server scans like `assay scan`, with the same facts file.
  const factsPath = factsCachePath(env);
  return {
    index: new SqliteSiteIndex(openCommunityStore(existsSync(location) ? location : ':memory:'), snapshots),
    factsCache: factsPath === undefined ? undefined : lazyFactsCache(factsPath),
  };
}

export async function openDeps(options: OpenOptions): Promise<AppDeps & { readonly location: string }> {
  const location = resolveDbPath(options.db, options.env);
  const snapshotDir = options.env['ASSAY_PREVALENCE_DIR'];
  const snapshots = new SnapshotPrevalence(
    snapshotDir === undefined || snapshotDir === '' ? undefined : snapshotDir,
  );
  const { index, factsCache } = await openIndex(location, snapshots, options.env);
  const cacheDir = defaultCacheDir(options.env);
  const reports = new ReportArchive(join(cacheDir, 'reports'));
  const scanner = defaultScanner({
    env: options.env,
    ...(factsCache === undefined ? {} : { factsCache }),
    // The vulnerability database is a local SQLite file; a PostgreSQL index does not hold one.
    ...(options.db === undefined || isPostgresUrl(location) ? {} : { db: options.db }),
    ...(options.offline ? { offline: true } : {}),
  });
  // On PostgreSQL a scan request is a job on the deployment's queue (this server takes them too, one at a
  // time, and so does every `community worker`); on SQLite the server scans in-process.
  const runner = !options.scans
    ? null
    : isPostgresUrl(location)
      ? await openQueuedScanJobs(location, { scanner, onReport: (report) => reports.put(report) })
      : new ScanRunner({
          scanner,
          onReport: (report) => reports.put(report),
          onSettled: (_job, request) => discardUpload(request),
        });
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
