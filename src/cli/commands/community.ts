import type { Command } from 'commander';
import { Option } from 'commander';
import { snapshots } from '../../community/data/snapshots.ts';
import {
  analyzerVersion,
  type BuildSummary,
  buildFromDirectory,
  buildFromRegistry,
  type CommunityIndex,
  type CommunityState,
  type IndexerOptions,
  indexTargets,
  openCommunityIndex,
  type ProgressEvent,
} from '../../community/index/index.ts';
import { openPgBossQueue } from '../../community/queue/pg-boss.ts';
import { listSimpleProjects, simpleIndexJobs } from '../../community/queue/pypi-index.ts';
import { crawlJobs, directoryJobs, seedJobs } from '../../community/queue/seeds.ts';
import type { IndexJob, QueueStatus } from '../../community/queue/types.ts';
import { startWorker } from '../../community/queue/worker.ts';
import { AssayError } from '../../core/errors.ts';
import type { Ecosystem } from '../../metadata/types.ts';
import { defaultCatalog } from '../../scan/scan.ts';
import { openQueuedScanJobs } from '../../server/scans/queued-jobs.ts';
import { defaultScanner } from '../../server/scans/scan-report.ts';
import { type FetchOptions, offlineRequested } from '../../sources/fetch.ts';
import { resolveDbPath } from '../../store/paths.ts';
import { isPostgresUrl } from '../../store/postgres.ts';
import { EXIT } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { positiveInteger } from '../options.ts';

interface CommonOptions {
  readonly db?: string;
  readonly json?: boolean;
  readonly offline?: boolean;
  readonly registry?: string;
  readonly indexUrl?: string;
  readonly concurrency?: number;
  readonly workers?: number;
  readonly progress?: boolean;
}

export interface BuildCommandOptions extends CommonOptions {
  readonly ecosystem: Ecosystem;
  readonly top?: number;
  readonly from?: string;
}

export function registerCommunity(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const community = program
    .command('community')
    .description('the community index: what popular packages show, for prevalence figures in reports');
  const common = (command: Command): Command =>
    command
      .option('--db <path>', 'database file (also ASSAY_DB; default ~/.cache/assay/assay.db)')
      .option('--concurrency <n>', 'packages scanned at once (default 2)', positiveInteger)
      .option('--workers <n>', 'analysis threads per scan (0 = in-process)', positiveInteger)
      .option('--offline', 'use only the local cache (also ASSAY_OFFLINE=1)')
      .option('--registry <url>', 'npm registry (also ASSAY_NPM_REGISTRY)')
      .option('--index-url <url>', 'PyPI simple index (also ASSAY_PYPI_INDEX_URL)')
      .option('--no-progress', 'no progress output')
      .option('--json', 'print the summary as JSON');

  common(
    community
      .command('add')
      .description('scan packages (paths, npm:NAME, pypi:NAME, purls) and record them in the index')
      .argument('<targets...>', 'what to scan'),
  ).action(async (targets: string[], options: CommonOptions) => {
    setExit(await runCommunityAdd(targets, options, io));
  });

  common(
    community
      .command('build')
      .description(
        'index the most popular packages of an ecosystem from its registry, or every archive in a directory (resumable)',
      )
      .addOption(new Option('--ecosystem <name>', 'ecosystem').choices(['npm', 'pypi']).makeOptionMandatory())
      .option('--top <n>', 'the N most downloaded packages of the public ranking', positiveInteger)
      .option('--from <dir>', 'index the package archives in this directory instead of the registry'),
  ).action(async (options: BuildCommandOptions) => {
    setExit(await runCommunityBuild(options, io));
  });

  community
    .command('status')
    .description(
      'packages per popularity tier and analyzer version, per ecosystem; on PostgreSQL also the job queue (queued, running, done, failed, throughput, ETA, failures)',
    )
    .option('--db <path>', 'database file or postgres:// URL (also ASSAY_DB)')
    .option('--failures <n>', 'failed jobs to list (default 20)', positiveInteger)
    .option('--json', 'print the status as JSON')
    .action(async (options: StatusOptions) => {
      setExit(await runCommunityStatus(options, io));
    });

  community
    .command('enqueue')
    .description(
      'put indexing jobs on the PostgreSQL queue: the public ranking (--top), a directory of archives (--from), or the next level of the dependency crawl (--crawl); idempotent',
    )
    .option('--db <url>', 'postgres:// URL of the index (also ASSAY_DB)')
    .addOption(new Option('--ecosystem <name>', 'ecosystem').choices(['npm', 'pypi']).makeOptionMandatory())
    .option('--top <n>', 'the first N names of the ranking (default: all of it)', positiveInteger)
    .option('--all', 'every name of the ranking (npm: npm-high-impact, about 15,100 names)')
    .option('--from <dir>', 'every archive in this directory (a path all workers can read)')
    .option(
      '--crawl',
      'the dependencies of indexed packages that are not indexed yet, most depended-on first',
    )
    .option('--limit <n>', 'at most N names from the crawl (default 1000)', positiveInteger)
    .option(
      '--job-timeout <seconds>',
      'a job running longer is taken as abandoned (its worker died) and handed out again (default 600)',
      positiveInteger,
    )
    .option('--json', 'print the result as JSON')
    .action(async (options: EnqueueOptions) => {
      setExit(await runCommunityEnqueue(options, io));
    });

  community
    .command('worker')
    .description(
      'take indexing jobs from the PostgreSQL queue until SIGTERM (which finishes the jobs in hand); run any number of these on any number of machines',
    )
    .option('--db <url>', 'postgres:// URL of the index (also ASSAY_DB)')
    .option('--concurrency <n>', 'jobs in flight in this process (default 2)', positiveInteger)
    .option('--workers <n>', 'analysis threads (0 = in-process)', positiveInteger)
    .option(
      '--supervise <seconds>',
      'how often this worker looks for abandoned jobs (default 60)',
      positiveInteger,
    )
    .option('--offline', 'use only the local cache (also ASSAY_OFFLINE=1)')
    .option('--registry <url>', 'npm registry (also ASSAY_NPM_REGISTRY)')
    .option('--index-url <url>', 'PyPI simple index (also ASSAY_PYPI_INDEX_URL)')
    .option('--no-progress', 'no line per job')
    .option(
      '--no-site-scans',
      'do not also run the scans visitors of `assay serve` ask for (queue assay-site-scan)',
    )
    .action(async (options: WorkerOptions) => {
      setExit(await runCommunityWorker(options, io));
    });
}

interface StatusOptions {
  readonly db?: string;
  readonly json?: boolean;
  readonly failures?: number;
}

interface EnqueueOptions {
  readonly db?: string;
  readonly ecosystem: Ecosystem;
  readonly top?: number;
  readonly all?: boolean;
  readonly from?: string;
  readonly crawl?: boolean;
  readonly simpleIndex?: string;
  readonly limit?: number;
  readonly jobTimeout?: number;
  readonly json?: boolean;
}

interface WorkerOptions extends CommonOptions {
  readonly supervise?: number;
  /** False with --no-site-scans. */
  readonly siteScans?: boolean;
}

function fetchOptions(options: CommonOptions, io: CliIo): FetchOptions {
  return {
    env: io.env,
    ...(options.offline ? { offline: true } : {}),
    ...(options.registry ? { npmRegistry: options.registry } : {}),
    ...(options.indexUrl ? { pypiIndexUrl: options.indexUrl } : {}),
  };
}

/**
 * A progress bar on a terminal; elsewhere (CI logs) a line every 5 % and one per failure, so a log
 * stays readable for a 10,000-package build.
 */
export function progressPrinter(io: CliIo, enabled: boolean): (event: ProgressEvent) => void {
  if (!enabled) return () => {};
  return (event) => {
    const { done, total } = event;
    if (io.stderrIsTTY) {
      const width = 30;
      const filled = Math.round((done / Math.max(1, total)) * width);
      const label = event.label.length > 40 ? `${event.label.slice(0, 39)}…` : event.label;
      io.stderr(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${event.status} ${label}\u001b[K`,
      );
      if (done === total) io.stderr('\n');
      if (event.status === 'failed') io.stderr(`\n  failed ${event.label}: ${event.message ?? ''}\n`);
      return;
    }
    if (event.status === 'failed') io.stderr(`failed ${event.label}: ${event.message ?? ''}\n`);
    const step = Math.max(1, Math.floor(total / 20));
    if (done % step === 0 || done === total) io.stderr(`${done}/${total} packages processed\n`);
  };
}

async function withIndex<T>(
  dbOption: string | undefined,
  io: CliIo,
  body: (index: CommunityIndex) => Promise<T>,
): Promise<T> {
  const index = await openCommunityIndex(resolveDbPath(dbOption, io.env));
  try {
    return await body(index);
  } finally {
    await index.close();
  }
}

/** The queue lives in PostgreSQL only: a SQLite index is built by one process (`community build`). */
function postgresLocation(dbOption: string | undefined, io: CliIo, command: string): string {
  const location = resolveDbPath(dbOption, io.env);
  if (!isPostgresUrl(location)) {
    throw new AssayError(
      'E_USAGE',
      `community ${command} needs a PostgreSQL index (--db postgres://… or ASSAY_DB); a SQLite index is built with \`assay community build\``,
    );
  }
  return location;
}

function indexerOptions(base: IndexerOptions, options: CommonOptions, io: CliIo): IndexerOptions {
  return {
    ...base,
    fetch: fetchOptions(options, io),
    ...(options.concurrency === undefined ? {} : { concurrency: Math.max(1, options.concurrency) }),
    ...(options.workers === undefined ? {} : { scan: { workers: options.workers } }),
    onProgress: progressPrinter(io, options.progress !== false && options.json !== true),
  };
}

function describeState(state: CommunityState): string {
  const p = state.packages;
  return `${state.ecosystem}: ${p.community} packages (Top 100: ${p.top100}, Top 1k: ${p.top1k}, Top 10k: ${p.top10k}), analyzer ${state.analyzerVersion ?? '-'}`;
}

function printSummary(summary: BuildSummary, options: CommonOptions, io: CliIo): number {
  if (options.json) {
    io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    io.stdout(
      `Indexed ${summary.indexed}, skipped ${summary.skipped} (already indexed at ${summary.analyzerVersion}), failed ${summary.failed.length} of ${summary.total} in ${(summary.durationMs / 1000).toFixed(1)} s\n`,
    );
    for (const failure of summary.failed.slice(0, 20))
      io.stdout(`  failed ${failure.label}: ${failure.message}\n`);
    if (summary.failed.length > 20) io.stdout(`  … and ${summary.failed.length - 20} more failures\n`);
    for (const state of summary.states) io.stdout(`${describeState(state)}\n`);
  }
  // Some packages failing is normal for a large build; nothing indexed at all is a failure.
  return summary.total > 0 && summary.failed.length === summary.total ? EXIT.failure : EXIT.ok;
}

export async function runCommunityAdd(
  targets: readonly string[],
  options: CommonOptions,
  io: CliIo,
): Promise<number> {
  return withIndex(options.db, io, async (store) => {
    const summary = await indexTargets(
      targets,
      indexerOptions({ store, snapshots: snapshots() }, options, io),
    );
    return printSummary(summary, options, io);
  });
}

/** The names of the public ranking's first N packages (npm-high-impact for npm, the top-PyPI list for PyPI). */
export function topNames(ecosystem: Ecosystem, top: number): string[] {
  const store = snapshots();
  const names = ecosystem === 'npm' ? store.npmHighImpact().topDownload : store.pypiTop().names;
  return names.slice(0, top);
}

export async function runCommunityBuild(options: BuildCommandOptions, io: CliIo): Promise<number> {
  if (options.from === undefined && options.top === undefined) {
    throw new AssayError('E_USAGE', 'community build needs --top N (from the registry) or --from DIR');
  }
  return withIndex(options.db, io, async (store) => {
    const base = indexerOptions({ store, snapshots: snapshots() }, options, io);
    const summary =
      options.from !== undefined
        ? await buildFromDirectory(options.from, options.ecosystem, base)
        : await buildFromRegistry(options.ecosystem, topNames(options.ecosystem, options.top ?? 0), base);
    return printSummary(summary, options, io);
  });
}

function duration(seconds: number | null): string {
  if (seconds === null) return 'unknown';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

function describeQueue(status: QueueStatus): string[] {
  const lines = [`Job queue (throughput over the last ${status.windowMinutes} minutes)`];
  if (status.ecosystems.length === 0) lines.push('  empty: run `assay community enqueue`');
  for (const e of status.ecosystems) {
    lines.push(
      `  ${e.ecosystem}: ${e.queued} queued, ${e.running} running, ${e.done} done, ${e.failed} failed; ${e.perSecond.toFixed(2)} jobs/s, ETA ${duration(e.etaSeconds)}`,
    );
  }
  if (status.failures.length > 0) lines.push('Failed jobs (after their last try), newest first');
  for (const f of status.failures) {
    const version = f.job.version === null ? '' : `@${f.job.version}`;
    lines.push(`  ${f.job.ecosystem}:${f.job.name}${version} (${f.attempts} tries): ${f.error}`);
  }
  return lines;
}

export async function runCommunityStatus(options: StatusOptions, io: CliIo): Promise<number> {
  const location = resolveDbPath(options.db, io.env);
  const states = await withIndex(options.db, io, async (store) => {
    const out: CommunityState[] = [];
    for (const ecosystem of ['pypi', 'npm'] as const) {
      const state = await store.state(ecosystem);
      // A build that stopped before its final count leaves the figures behind; bring them up to date.
      const current = state?.stale ? await store.refresh(ecosystem) : state;
      if (current !== null) out.push(current);
    }
    return { states: out, location: store.location };
  });
  let queue: QueueStatus | null = null;
  if (isPostgresUrl(location)) {
    const q = await openPgBossQueue(location);
    try {
      queue = await q.status({ failures: options.failures ?? 20 });
    } finally {
      await q.close();
    }
  }
  if (options.json) {
    io.stdout(
      `${JSON.stringify({ database: states.location, ecosystems: states.states, queue }, null, 2)}\n`,
    );
    return EXIT.ok;
  }
  io.stdout(`Community index ${states.location}\n`);
  if (states.states.length === 0)
    io.stdout('  empty: run `assay community add` or `assay community build`\n');
  for (const state of states.states) {
    io.stdout(
      `  ${describeState(state)}, computed ${state.refreshedAt ?? 'never'}${state.stale ? ' (newer scans not counted yet)' : ''}\n`,
    );
  }
  if (queue !== null) io.stdout(`${describeQueue(queue).join('\n')}\n`);
  return EXIT.ok;
}

export async function runCommunityEnqueue(options: EnqueueOptions, io: CliIo): Promise<number> {
  const location = postgresLocation(options.db, io, 'enqueue');
  const analyzer = analyzerVersion(defaultCatalog);
  let jobs: IndexJob[];
  if (options.crawl) {
    jobs = await withIndex(location, io, (index) =>
      crawlJobs(index, options.ecosystem, analyzer, options.limit ?? 1000),
    );
  } else if (options.simpleIndex !== undefined) {
    if (options.ecosystem !== 'pypi')
      throw new AssayError('E_USAGE', '--simple-index lists PyPI projects: use --ecosystem pypi');
    const ranking = snapshots().pypiTop().rankOf;
    const names = await listSimpleProjects(options.simpleIndex);
    jobs = simpleIndexJobs(names, (name) => ranking.get(name), analyzer);
    if (options.top !== undefined) jobs = jobs.slice(0, options.top);
  } else if (options.from !== undefined) {
    jobs = directoryJobs(options.from, options.ecosystem, analyzer);
  } else if (options.top !== undefined || options.all) {
    jobs = seedJobs(snapshots(), options.ecosystem, analyzer, options.all ? undefined : options.top);
  } else {
    throw new AssayError(
      'E_USAGE',
      'community enqueue needs --top N, --all, --from DIR, --simple-index URL or --crawl',
    );
  }
  const queue = await openPgBossQueue(
    location,
    options.jobTimeout === undefined ? {} : { jobTimeoutSeconds: Math.max(1, options.jobTimeout) },
  );
  try {
    const result = await queue.enqueue(jobs);
    if (options.json) io.stdout(`${JSON.stringify({ ...result, analyzerVersion: analyzer }, null, 2)}\n`);
    else
      io.stdout(
        `Enqueued ${result.added} new jobs (${result.existing} already known) for analyzer ${analyzer} in ${queue.description}\n`,
      );
    return EXIT.ok;
  } finally {
    await queue.close();
  }
}

export async function runCommunityWorker(options: WorkerOptions, io: CliIo): Promise<number> {
  const location = postgresLocation(options.db, io, 'worker');
  const index = await openCommunityIndex(location);
  const queue = await openPgBossQueue(
    location,
    options.supervise === undefined ? {} : { superviseSeconds: Math.max(1, options.supervise) },
  );
  const progress = options.progress !== false;
  const run = await startWorker(queue, {
    store: index,
    snapshots: snapshots(),
    fetch: fetchOptions(options, io),
    concurrency: Math.max(1, options.concurrency ?? 2),
    ...(options.workers === undefined ? {} : { scan: { workers: options.workers } }),
    onJob: (job, outcome) => {
      if (!progress) return;
      const what = `${job.ecosystem}:${job.name}`;
      if (outcome.status === 'failed') io.stderr(`failed ${what}: ${outcome.error}\n`);
      else
        io.stderr(`${outcome.status} ${what}${outcome.version === undefined ? '' : `@${outcome.version}`}\n`);
    },
  });
  io.stderr(
    `worker ${process.pid} taking jobs from ${queue.description} (SIGTERM finishes the jobs in hand)\n`,
  );
  // The scans visitors of `assay serve` ask for wait on their own queue; a worker takes them one at a time
  // beside its indexing jobs, so a deployment with workers answers them without scanning in the web server.
  const siteScans =
    options.siteScans === false
      ? undefined
      : await openQueuedScanJobs(location, {
          scanner: defaultScanner({
            env: io.env,
            ...(index.factsCache === undefined ? {} : { factsCache: index.factsCache }),
            ...(offlineRequested(options.offline, io.env) ? { offline: true } : {}),
          }),
        });
  const { done, failed, unexpected } = await run.finished;
  await siteScans?.close();
  io.stderr(`worker ${process.pid} stopped: ${done} jobs done, ${failed} failed tries\n`);
  return unexpected ? EXIT.failure : EXIT.ok;
}
