// Benchmarks, one section each; results are printed and written into docs/benchmarks.md between the
// section's markers, with the machine and the date.
//
//   npm run bench                    every section
//   npm run bench -- prevalence      only the named sections
//   npm run bench -- --no-write      print only
//
// To add a section: write an async function that returns markdown and add it to SECTIONS.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type CommunityStore,
  openCommunityStore,
  prevalenceLookup,
  type SqliteCommunityStore,
} from '../src/community/index/index.ts';
import { benchAnalysis } from './bench/analysis.ts';
import { benchCli } from './bench/cli.ts';
import { benchCommunity } from './bench/community.ts';
import { benchFactsCache } from './bench/facts-cache.ts';
import { benchLockfiles } from './bench/lockfiles.ts';
import { benchProxy } from './bench/proxy.ts';
import { benchQueues } from './bench/queue-backends.ts';
import { benchServe } from './bench/serve.ts';
import { median } from './bench/stats.ts';
import { benchStdlib } from './bench/stdlib.ts';

interface BenchSection {
  readonly name: string;
  readonly title: string;
  readonly run: () => Promise<string>;
}

const SECTIONS: readonly BenchSection[] = [
  { name: 'prevalence', title: 'Prevalence queries', run: benchPrevalence },
  { name: 'vulnerabilities', title: 'Vulnerability database', run: benchVulnerabilities },
  { name: 'cli', title: 'Command line: one package', run: benchCli },
  { name: 'analysis', title: 'Analysis throughput and memory', run: () => benchAnalysis() },
  {
    name: 'stdlib',
    title: 'CPython standard library against Bandit',
    run: () => benchStdlib(machine()),
  },
  {
    name: 'serve',
    title: 'Web server (assay serve)',
    run: async () => `${machine()}\n\n${await benchServe()}`,
  },
  { name: 'queue', title: 'Indexing queue (pg-boss on PostgreSQL)', run: benchQueues },
  {
    name: 'community',
    title: 'Community index: indexing throughput and a report on the big index',
    run: benchCommunity,
  },
  {
    name: 'facts-cache',
    title: 'Facts cache: re-indexing next versions and a whole corpus',
    run: () => benchFactsCache(machine()),
  },
  { name: 'lockfiles', title: 'Lockfiles at the component cap', run: () => benchLockfiles(machine()) },
  { name: 'proxy', title: 'Registry proxy: added latency per tarball', run: () => benchProxy(machine()) },
];

const DOC = resolve(import.meta.dirname, '..', 'docs', 'benchmarks.md');

function machine(): string {
  const cpu = cpus();
  return `${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${loadavg()[0]?.toFixed(1)}`;
}

function table(rows: readonly (readonly [string, string, string])[]): string {
  const lines = ['| measure | result | note |', '|---|---|---|'];
  for (const [what, result, note] of rows) lines.push(`| ${what} | ${result} | ${note} |`);
  return lines.join('\n');
}

/** A deterministic pseudo-random sequence, so every run builds the same synthetic index. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const PACKAGES = 100_000;
const BEHAVIORS = 160;
const ISSUES = 60;

/**
 * A synthetic npm index: 100,000 packages ranked 1..100,000, 10 % of them with two versions, each
 * latest version showing ~12 behaviors and ~2 issues drawn with a skewed frequency (a few ids common,
 * most rare), as real indexes look.
 */
function fillSynthetic(store: SqliteCommunityStore): void {
  const random = generator(42);
  const behaviorIds = Array.from({ length: BEHAVIORS }, (_, i) => `synthetic-behavior-${i}`);
  const issueIds = Array.from({ length: ISSUES }, (_, i) => `SYN${10000 + i}`);
  const analyzer = 'bench+c.synthetic';
  store.recordCatalog(analyzer, { behavior: behaviorIds, issue: issueIds });
  const pick = (ids: readonly string[], count: number): string[] => {
    const chosen = new Set<string>();
    for (let i = 0; i < count; i++) chosen.add(ids[Math.floor(random() ** 3 * ids.length)] ?? '');
    return [...chosen];
  };
  const db = store.database;
  // The fill is set-up, not what is measured: skip the fsyncs (the measured queries run with the defaults).
  db.pragma('synchronous = OFF');
  db.transaction(() => {
    for (let n = 0; n < PACKAGES; n++) {
      const versions = n % 10 === 0 ? ['1.0.0', '1.1.0'] : ['1.0.0'];
      for (const version of versions) {
        store.recordScan({
          ecosystem: 'npm',
          name: `synthetic-package-${n}`,
          version,
          artifact: {
            sha256: `${n.toString(16).padStart(12, '0')}${version.replaceAll('.', '')}`.padEnd(64, 'a'),
            filename: `synthetic-package-${n}-${version}.tgz`,
            size: 1000,
            format: 'tar.gz',
            origin: 'synthetic',
          },
          analyzerVersion: analyzer,
          scannedAt: '2026-01-01T00:00:00.000Z',
          complete: true,
          durationMs: 10,
          findings: [
            ...pick(behaviorIds, 12).map((id) => ({ kind: 'behavior' as const, id, count: 1 })),
            ...pick(issueIds, 2).map((id) => ({ kind: 'issue' as const, id, count: 1 })),
          ],
          dependencies: [
            { name: `synthetic-package-${Math.floor(random() * 1000)}`, kind: 'runtime', specifier: '^1' },
          ],
          popularity: [{ source: 'synthetic', rank: n + 1, date: '2026-01-01' }],
        });
      }
    }
  })();
  db.pragma('synchronous = NORMAL');
}

async function benchPrevalence(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'assay-bench-prevalence-'));
  const rows: [string, string, string][] = [];
  try {
    const path = join(dir, 'community.db');
    let store: SqliteCommunityStore = openCommunityStore(path);
    let t = performance.now();
    fillSynthetic(store);
    rows.push([
      `fill a synthetic index (${PACKAGES.toLocaleString('en')} packages)`,
      `${((performance.now() - t) / 1000).toFixed(1)} s`,
      `${(PACKAGES * 1.1).toLocaleString('en')} versions, ~14 findings each, one transaction, set-up only`,
    ]);
    t = performance.now();
    const state = store.refresh('npm');
    rows.push([
      'recompute the prevalence counts (after a build)',
      `${((performance.now() - t) / 1000).toFixed(2)} s`,
      `packages per tier ${state.packages.top100} / ${state.packages.top1k} / ${state.packages.top10k} / ${state.packages.community}`,
    ]);
    store.close();

    // A report: the 40 ids of a busy package (behaviors and issues), looked up as the scan command does:
    // open the database, read the counts, close it.
    const ids: ['behavior' | 'issue', string][] = [
      ...Array.from(
        { length: 30 },
        (_, i) => ['behavior', `synthetic-behavior-${i * 5}`] as ['behavior', string],
      ),
      ...Array.from({ length: 9 }, (_, i) => ['issue', `SYN${10000 + i * 6}`] as ['issue', string]),
      ['behavior', 'not-in-the-catalog'],
    ];
    const runs: number[] = [];
    let answered = 0;
    for (let i = 0; i < 21; i++) {
      t = performance.now();
      const lookup = prevalenceLookup('npm', { env: {}, db: path });
      answered = ids.filter(([kind, id]) => lookup.prevalenceOf(kind, id) !== null).length;
      runs.push(performance.now() - t);
    }
    rows.push([
      `prevalence of a whole report (${ids.length} ids), cold open`,
      `${(runs[0] ?? 0).toFixed(1)} ms`,
      'first call: opens the file and reads every count; target < 50 ms',
    ]);
    rows.push([
      `prevalence of a whole report (${ids.length} ids), median of ${runs.length}`,
      `${median(runs).toFixed(1)} ms`,
      `${answered} answered, 1 unknown id → no information; target < 50 ms`,
    ]);

    store = openCommunityStore(path);
    const open: CommunityStore = store;
    t = performance.now();
    for (let i = 0; i < 1000; i++) for (const [kind, id] of ids) open.prevalence('npm', kind, id);
    rows.push([
      'one id, store already open (40,000 lookups)',
      `${(((performance.now() - t) / (1000 * ids.length)) * 1000).toFixed(1)} µs`,
      'a server keeps the store open',
    ]);
    t = performance.now();
    const dependents = open.dependentsCount('npm', 'synthetic-package-7');
    const rank = open.rankOf('npm', 'synthetic-package-7');
    rows.push([
      'dependentsCount + rankOf',
      `${(performance.now() - t).toFixed(2)} ms`,
      `${dependents} dependents, rank ${rank?.rank ?? '-'}`,
    ]);
    store.close();
    const size = readFileSync(path).length;
    rows.push(['database size', `${(size / 2 ** 20).toFixed(0)} MiB`, 'SQLite, WAL checkpointed on close']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return `${machine()}\n\n${table(rows)}`;
}

async function benchVulnerabilities(): Promise<string> {
  const script = resolve(import.meta.dirname, 'bench-vulns.ts');
  const result = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
  if (result.status !== 0) return `skipped: ${(result.stderr || result.stdout).trim().split('\n')[0] ?? ''}`;
  return result.stdout.trim();
}

function writeSection(name: string, title: string, body: string): void {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${body}\n${end}`;
  let doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n\nWritten by `npm run bench`.\n';
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from >= 0 && to > from) doc = doc.slice(0, from) + block + doc.slice(to + end.length);
  else doc = `${doc.trimEnd()}\n\n## ${title}\n\n${block}\n`;
  writeFileSync(DOC, doc);
}

const args = process.argv.slice(2);
const write = !args.includes('--no-write');
const wanted = args.filter((a) => !a.startsWith('--'));
// Bundle first: bin/assay.js runs the TypeScript sources through tsx when they are newer than the bundle, and the
// analysis pool starts its threads from the bundled worker only when it is fresh (src/analysis/pool/bundled-worker.ts),
// so without it an edit since the last build would have every section measure tsx instead of what a user runs.
const built = spawnSync(process.execPath, [resolve(import.meta.dirname, 'build.mjs')], {
  cwd: resolve(import.meta.dirname, '..'),
  stdio: 'inherit',
});
if (built.status !== 0)
  process.stdout.write('Note: the bundle could not be built; sections may run the sources.\n\n');
for (const section of SECTIONS) {
  if (wanted.length > 0 && !wanted.includes(section.name)) continue;
  process.stdout.write(`## ${section.title}\n\n`);
  const body = await section.run();
  process.stdout.write(`${body}\n\n`);
  if (write) writeSection(section.name, section.title, body);
}
