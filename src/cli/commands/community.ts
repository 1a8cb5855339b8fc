import type { Command } from 'commander';
import { Option } from 'commander';
import { snapshots } from '../../community/data/snapshots.ts';
import {
  type BuildSummary,
  buildFromDirectory,
  buildFromRegistry,
  type CommunityState,
  type IndexerOptions,
  indexTargets,
  openCommunityStore,
  type ProgressEvent,
} from '../../community/index/index.ts';
import { AssayError } from '../../core/errors.ts';
import type { Ecosystem } from '../../metadata/types.ts';
import type { FetchOptions } from '../../sources/fetch.ts';
import { resolveDbPath } from '../../store/paths.ts';
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
    .description('packages per popularity tier and analyzer version, per ecosystem')
    .option('--db <path>', 'database file (also ASSAY_DB)')
    .option('--json', 'print the status as JSON')
    .action((options: { db?: string; json?: boolean }) => {
      setExit(runCommunityStatus(options, io));
    });
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

function withStore<T>(dbOption: string | undefined, io: CliIo, body: (options: IndexerOptions) => T): T {
  const store = openCommunityStore(resolveDbPath(dbOption, io.env));
  try {
    return body({ store, snapshots: snapshots() });
  } finally {
    store.close();
  }
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
  const store = openCommunityStore(resolveDbPath(options.db, io.env));
  try {
    const summary = await indexTargets(
      targets,
      indexerOptions({ store, snapshots: snapshots() }, options, io),
    );
    return printSummary(summary, options, io);
  } finally {
    store.close();
  }
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
  const store = openCommunityStore(resolveDbPath(options.db, io.env));
  try {
    const base = indexerOptions({ store, snapshots: snapshots() }, options, io);
    const summary =
      options.from !== undefined
        ? await buildFromDirectory(options.from, options.ecosystem, base)
        : await buildFromRegistry(options.ecosystem, topNames(options.ecosystem, options.top ?? 0), base);
    return printSummary(summary, options, io);
  } finally {
    store.close();
  }
}

export function runCommunityStatus(options: { db?: string; json?: boolean }, io: CliIo): number {
  return withStore(options.db, io, ({ store }) => {
    const states = (['pypi', 'npm'] as const)
      .map((ecosystem) => {
        const state = store.state(ecosystem);
        // A build that stopped before its final count leaves the figures behind; bring them up to date.
        return state?.stale ? store.refresh(ecosystem) : state;
      })
      .filter((state): state is CommunityState => state !== null);
    if (options.json) {
      io.stdout(`${JSON.stringify({ database: store.location, ecosystems: states }, null, 2)}\n`);
      return EXIT.ok;
    }
    io.stdout(`Community index ${store.location}\n`);
    if (states.length === 0) io.stdout('  empty: run `assay community add` or `assay community build`\n');
    for (const state of states) {
      io.stdout(
        `  ${describeState(state)}, computed ${state.refreshedAt ?? 'never'}${state.stale ? ' (newer scans not counted yet)' : ''}\n`,
      );
    }
    return EXIT.ok;
  });
}
