/**
 * `npm run bench -- community`: indexing throughput with 1, 2 and 4 `community worker` processes on a
 * throwaway PostgreSQL (the first N archives of the cached npm corpus, so no network: download time is
 * excluded and said so), and the time a report's prevalence takes on a big index (COMMUNITY_BENCH_INDEX, a
 * postgres:// URL; skipped without one).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { analyzerVersion } from '../../src/community/index/analyzer.ts';
import { openCommunityIndex } from '../../src/community/index/open.ts';
import { openPgBossQueue } from '../../src/community/queue/pg-boss.ts';
import { directoryJobs } from '../../src/community/queue/seeds.ts';
import { defaultCatalog } from '../../src/scan/scan.ts';
import { startPostgres } from '../../src/store/postgres-server.ts';
import { median } from './stats.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CORPUS =
  process.env['COMMUNITY_BENCH_CORPUS'] ?? join(homedir(), '.cache', 'assay', 'corpus', 'npm-top');
const PACKAGES = Number(process.env['COMMUNITY_BENCH_PACKAGES'] ?? 120);
/** Jobs in flight per worker process (each has one analysis thread beside its event loop). */
const CONCURRENCY = process.env['COMMUNITY_BENCH_CONCURRENCY'] ?? '4';

async function throughput(workers: number): Promise<string> {
  const server = await startPostgres();
  try {
    const queue = await openPgBossQueue(server.url);
    const jobs = directoryJobs(CORPUS, 'npm', analyzerVersion(defaultCatalog)).slice(0, PACKAGES);
    await queue.enqueue(jobs);
    const children = Array.from({ length: workers }, () =>
      spawn(
        process.execPath,
        [
          join(ROOT, 'bin', 'assay.js'),
          'community',
          'worker',
          '--db',
          server.url,
          '--concurrency',
          CONCURRENCY,
          '--workers',
          '1',
          '--no-progress',
        ],
        { stdio: 'ignore', env: { ...process.env, ASSAY_DB: '' } },
      ),
    );
    for (;;) {
      const npm = (await queue.status()).ecosystems.find((e) => e.ecosystem === 'npm');
      if ((npm?.done ?? 0) + (npm?.failed ?? 0) >= jobs.length) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => new Promise((r) => child.once('exit', r))));
    await queue.close();
    const client = new pg.Client(server.url);
    await client.connect();
    // From the first job finished to the last: worker start-up (module and grammar loading) is left out.
    const span = (
      await client.query(
        `SELECT EXTRACT(EPOCH FROM MAX(completed_on) - MIN(completed_on))::float AS s, COUNT(*)::int AS n
           FROM pgboss.job WHERE state = 'completed'`,
      )
    ).rows[0] as { s: number; n: number };
    const scans = (await client.query('SELECT AVG(duration_ms)::float AS ms FROM community_scans'))
      .rows[0] as {
      ms: number;
    };
    await client.end();
    const rate = span.s > 0 ? (span.n - 1) / span.s : 0;
    return `| ${workers} | ${span.n} | ${rate.toFixed(2)} | ${scans.ms.toFixed(0)} ms |`;
  } finally {
    server.stop();
  }
}

async function reportPrevalence(url: string): Promise<string> {
  const cold: number[] = [];
  const warm: number[] = [];
  let ids = 0;
  let packages = 0;
  for (let i = 0; i < 21; i++) {
    const t = performance.now();
    // What a one-off CLI report needs: open the index, read the ecosystem's state and every id's counts, close.
    const index = await openCommunityIndex(url);
    const opened = performance.now();
    packages = (await index.state('npm'))?.packages.community ?? 0;
    const all = await index.allPrevalence('npm');
    ids = all.behavior.size + all.issue.size;
    warm.push(performance.now() - opened);
    await index.close();
    cold.push(performance.now() - t);
  }
  return (
    `Prevalence of a whole report on the big index (${packages.toLocaleString('en')} npm packages, ${ids} ids), median of ${cold.length}: ` +
    `${median(warm).toFixed(1)} ms on an open index (what \`serve\` and the workers do: state + every id's counts), ` +
    `${median(cold).toFixed(1)} ms with opening and closing the connection (a one-off CLI run) (goal < 50 ms).`
  );
}

export async function benchCommunity(): Promise<string> {
  const lines: string[] = [];
  if (existsSync(CORPUS) && readdirSync(CORPUS).some((f) => f.endsWith('.tgz'))) {
    lines.push(
      `Indexing throughput: the first ${PACKAGES} archives of the cached npm corpus (local files: no download), \`community worker --concurrency ${CONCURRENCY} --workers 1\` processes on one throwaway PostgreSQL, counted from the first job finished to the last.`,
      '',
      '| worker processes | jobs | packages/s | mean scan time |',
      '|---|---|---|---|',
    );
    for (const workers of [1, 2, 4]) lines.push(await throughput(workers));
  } else {
    lines.push(`Indexing throughput: skipped (no corpus at ${CORPUS}; run npm run corpus:npm).`);
  }
  lines.push('');
  const big = process.env['COMMUNITY_BENCH_INDEX'];
  lines.push(
    big
      ? await reportPrevalence(big)
      : 'Prevalence on a big index: skipped (set COMMUNITY_BENCH_INDEX=postgres://…).',
  );
  return lines.join('\n');
}
