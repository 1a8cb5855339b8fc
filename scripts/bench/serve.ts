/**
 * `npm run bench -- serve`: the site on a big synthetic index (real catalog ids), loopback only.
 * 1. A report page from the store: 1,000 distinct package pages with full reports, rendered in-process,
 *    more than the server keeps in memory, so reports are read from disk (gzipped JSON) too.
 * 2. Load: autocannon at 1,000 requests/s for 60 s against a mix of package, catalog and API URLs, the
 *    server in its own process; latency percentiles, errors, and the server's memory before and after.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { openCommunityStore } from '../../src/community/index/sqlite.ts';
import type { IndexEntry } from '../../src/community/index/types.ts';
import type { Report } from '../../src/report/model.ts';
import { defaultCatalog } from '../../src/scan/scan.ts';
import { createApp } from '../../src/server/app.ts';
import { SnapshotPrevalence } from '../../src/server/data/snapshot-source.ts';
import { SqliteSiteIndex } from '../../src/server/data/sqlite-index.ts';
import { packagePath } from '../../src/server/paths.ts';
import { ReportArchive } from '../../src/server/reports.ts';
import { fixtureReport } from '../../src/server/testing/fixtures.ts';

export interface ServeBenchOptions {
  readonly packages?: number;
  readonly reports?: number;
  readonly seconds?: number;
}

const RATE = 1_000;
let PACKAGES = 25_000;
let REPORTS = 1_000;
let DURATION_S = 60;
const ANALYZER = 'bench+c.serve';

function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const behaviorIds = defaultCatalog.behaviors.map((b) => b.id);
const issueIds = defaultCatalog.policies.map((p) => p.id);

function nameOf(n: number): string {
  return `bench-package-${n}`;
}

/** ~12 behaviors and ~2 issues per package, a few ids common and most rare, as real indexes look. */
export function fill(path: string): void {
  const random = generator(7);
  const pick = (ids: readonly string[], count: number): string[] => {
    const chosen = new Set<string>();
    for (let i = 0; i < count; i++) chosen.add(ids[Math.floor(random() ** 3 * ids.length)] ?? '');
    return [...chosen];
  };
  const store = openCommunityStore(path);
  store.recordCatalog(ANALYZER, { behavior: behaviorIds, issue: issueIds });
  store.database.pragma('synchronous = OFF');
  store.database.transaction(() => {
    for (let n = 0; n < PACKAGES; n++) {
      const entry: IndexEntry = {
        ecosystem: 'npm',
        name: nameOf(n),
        version: '1.0.0',
        artifact: {
          sha256: n.toString(16).padStart(64, '0'),
          filename: `${nameOf(n)}-1.0.0.tgz`,
          size: 10_000,
          format: 'tar.gz',
          origin: 'synthetic',
        },
        analyzerVersion: ANALYZER,
        scannedAt: new Date(Date.UTC(2026, 10, 1) + n * 1000).toISOString(),
        complete: true,
        durationMs: 10,
        findings: [
          ...pick(behaviorIds, 12).map((id) => ({ kind: 'behavior' as const, id, count: 1 + (n % 5) })),
          ...pick(issueIds, 2).map((id) => ({ kind: 'issue' as const, id, count: 1 })),
        ],
        dependencies: [{ name: nameOf(Math.floor(random() * 1000)), kind: 'runtime', specifier: '^1' }],
        popularity: [{ source: 'synthetic', rank: n + 1, date: '2026-11-01' }],
      };
      store.recordScan(entry);
    }
  })();
  store.refresh('npm');
  store.close();
}

/** A full report the size of a busy package's: 12 behaviors with 3 occurrences each, 2 issues. */
export function report(n: number): Report {
  const base = fixtureReport('npm', nameOf(n), '1.0.0');
  const behavior = base.behaviors[0]!;
  const issue = base.issues[0]!;
  return {
    ...base,
    behaviors: behaviorIds.slice(n % 50, (n % 50) + 12).map((id) => ({
      ...behavior,
      id,
      occurrences: [1, 2, 3].map((line) => ({
        file: `lib/file-${line}.js`,
        line: line * 10,
        column: 4,
        snippet: `call(${id})`,
      })),
      count: 3,
    })),
    issues: [issue, { ...issue, id: issueIds[n % issueIds.length] ?? issue.id }],
  };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

export async function benchServe(options: ServeBenchOptions = {}): Promise<string> {
  PACKAGES = options.packages ?? PACKAGES;
  REPORTS = options.reports ?? REPORTS;
  DURATION_S = options.seconds ?? DURATION_S;
  const dir = mkdtempSync(join(tmpdir(), 'assay-bench-serve-'));
  const rows: [string, string, string][] = [];
  try {
    const database = join(dir, 'community.db');
    const reportsDir = join(dir, 'reports');
    let t = performance.now();
    fill(database);
    const archive = new ReportArchive(reportsDir);
    for (let n = 0; n < REPORTS; n++) archive.put(report(n));
    rows.push([
      `set-up: synthetic index of ${PACKAGES.toLocaleString('en')} npm packages, ${REPORTS.toLocaleString('en')} full reports`,
      `${((performance.now() - t) / 1000).toFixed(1)} s`,
      'real catalog ids, ~12 behaviors and ~2 issues per package',
    ]);

    // 1. Report pages from the store, in-process, one at a time (a fresh archive: cold memory).
    const store = openCommunityStore(database);
    const app = createApp({
      index: new SqliteSiteIndex(store, new SnapshotPrevalence()),
      reports: new ReportArchive(reportsDir),
      behaviors: defaultCatalog.behaviors,
      policies: defaultCatalog.policies,
      runner: null,
    });
    for (const [label, first, note] of [
      [
        'report page from the store (full report)',
        0,
        'reports read from disk, more than the 500 kept in memory; target p50 < 20 ms',
      ],
      [
        'package page from the index only (ids and counts)',
        REPORTS,
        'no stored report: catalog text + prevalence per id',
      ],
    ] as const) {
      const times: number[] = [];
      for (let n = first; n < first + REPORTS; n++) {
        t = performance.now();
        const response = await app.request(packagePath('npm', nameOf(n)));
        await response.text();
        times.push(performance.now() - t);
        if (response.status !== 200) throw new Error(`${nameOf(n)}: HTTP ${response.status}`);
      }
      rows.push([
        `${label}, ${REPORTS.toLocaleString('en')} distinct packages`,
        `p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`,
        note,
      ]);
    }
    store.close();

    // 2. Load, the server in its own process.
    const child = fork(resolve(import.meta.dirname, 'serve-child.ts'), [database, reportsDir], {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ask = <T>(message: string, key: string): Promise<T> =>
      new Promise((done) => {
        const listener = (reply: Record<string, unknown>) => {
          if (key in reply) {
            child.off('message', listener);
            done(reply[key] as T);
          }
        };
        child.on('message', listener);
        if (message !== '') child.send(message);
      });
    const url = await ask<string>('', 'url');
    const before = await ask<NodeJS.MemoryUsage>('memory', 'memory');
    const random = generator(11);
    const paths: string[] = [];
    for (let i = 0; i < 400; i++) {
      const n = Math.floor(random() ** 2 * PACKAGES);
      const kind = i % 8;
      if (kind < 3) paths.push(packagePath('npm', nameOf(n % (REPORTS * 2))));
      else if (kind === 3) paths.push(`/behaviors/${behaviorIds[n % behaviorIds.length]}`);
      else if (kind === 4) paths.push(`/issues/${issueIds[n % issueIds.length]}`);
      else if (kind === 5) paths.push(`/api/v1/packages${packagePath('npm', nameOf(n))}`);
      else if (kind === 6) paths.push(`/api/v1/prevalence/behaviors/${behaviorIds[n % behaviorIds.length]}`);
      else paths.push(`/api/v1/search?q=${encodeURIComponent(`bench-package-${n % 997}`)}`);
    }
    const result = await autocannon({
      url,
      connections: 20,
      overallRate: RATE,
      duration: DURATION_S,
      requests: paths.map((path) => ({ method: 'GET', path })),
    });
    const after = await ask<NodeJS.MemoryUsage>('memory', 'memory');
    child.send('stop');
    await new Promise((done) => child.once('exit', done));
    const lat = result.latency;
    const failures = result.errors + result.timeouts + result.non2xx;
    rows.push([
      `load: ${RATE.toLocaleString('en')} requests/s asked for ${DURATION_S} s, 20 connections`,
      `${Math.round(result.requests.average).toLocaleString('en')} requests/s on average, ${result.requests.total.toLocaleString('en')} in all`,
      '3/8 package pages (half with full reports), 2/8 catalog pages, 3/8 API (package, prevalence, search)',
    ]);
    rows.push([
      'errors (connection errors + timeouts + non-2xx)',
      `${failures.toLocaleString('en')} (${result.errors} + ${result.timeouts} + ${result.non2xx})`,
      'target 0',
    ]);
    rows.push([
      'latency',
      `p50 ${lat.p50} ms, p90 ${lat.p90} ms, p99 ${lat.p99} ms, max ${lat.max} ms`,
      'autocannon, corrected for coordinated omission',
    ]);
    rows.push([
      'server memory before → after the load (after a GC)',
      `RSS ${mib(before.rss)} → ${mib(after.rss)}, heap ${mib(before.heapUsed)} → ${mib(after.heapUsed)}`,
      'the report archive keeps at most 500 reports in memory',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const lines = ['| measure | result | note |', '|---|---|---|'];
  for (const [what, result, note] of rows) lines.push(`| ${what} | ${result} | ${note} |`);
  return lines.join('\n');
}
