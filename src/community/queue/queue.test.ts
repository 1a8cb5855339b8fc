/**
 * The indexing queue against a real PostgreSQL that this test starts: idempotent enqueueing, workers killed
 * with SIGKILL in the middle of jobs (no job lost, no row twice), a database stopped and started again under
 * a running worker, SIGTERM finishing the job in hand, and failures kept with their error after retries.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { defaultCatalog } from '../../scan/scan.ts';
import { type PostgresServer, startPostgres } from '../../store/postgres-server.ts';
import { analyzerVersion } from '../index/analyzer.ts';
import { openPostgresIndex } from '../index/postgres.ts';
import { jobId } from './keys.ts';
import { openPgBossQueue, type PgBossQueue } from './pg-boss.ts';
import { type SlowRegistry, spawnWorker, startSlowRegistry } from './testing/workers.ts';
import type { IndexJob, QueueStatus } from './types.ts';

const ANALYZER = analyzerVersion(defaultCatalog);

function jobsFor(names: readonly string[]): IndexJob[] {
  return names.map((name) => ({ ecosystem: 'npm', name, version: null, analyzer: ANALYZER, origin: 'test' }));
}

async function createDatabase(server: PostgresServer, name: string): Promise<string> {
  const admin = new pg.Client(server.url);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return server.url.replace(/\/postgres$/, `/${name}`);
}

async function counts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const out: Record<string, number> = {};
    for (const table of [
      'community_packages',
      'community_versions',
      'community_artifacts',
      'community_scans',
    ]) {
      out[table] = (await client.query(`SELECT COUNT(*)::int AS n FROM ${table}`)).rows[0].n;
    }
    // Every package recorded exactly once, with exactly one artifact.
    out['packagesWithOneArtifact'] = (
      await client.query(
        `SELECT COUNT(*)::int AS n FROM (SELECT p.id FROM community_packages p
           JOIN community_versions v ON v.package_id = p.id
           JOIN community_artifacts a ON a.version_id = v.id GROUP BY p.id HAVING COUNT(*) = 1) one`,
      )
    ).rows[0].n;
    return out;
  } finally {
    await client.end();
  }
}

async function waitFor(
  queue: PgBossQueue,
  done: (status: QueueStatus) => boolean,
  what: string,
  output: () => string = () => '',
  limitMs = 180_000,
): Promise<QueueStatus> {
  const started = Date.now();
  for (;;) {
    const status = await queue.status();
    if (done(status)) return status;
    // A generous bound so a stuck queue fails the test instead of hanging it; never a speed assertion.
    if (Date.now() - started > limitMs) assert.fail(`${what}: ${JSON.stringify(status)}\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

const npmStatus = (status: QueueStatus) => status.ecosystems.find((e) => e.ecosystem === 'npm');

describe('indexing queue on PostgreSQL', () => {
  let server: PostgresServer;
  let cacheRoot: string;
  before(async () => {
    server = await startPostgres();
    cacheRoot = mkdtempSync(join(tmpdir(), 'assay-queue-cache-'));
  });
  after(() => {
    server?.stop();
    rmSync(cacheRoot, { recursive: true, force: true });
  });

  it('keys jobs by (ecosystem, name, version, analyzer version): enqueueing again adds nothing', async () => {
    const url = await createDatabase(server, 'idempotent');
    const queue = await openPgBossQueue(url);
    try {
      const first = await queue.enqueue(jobsFor(['a', 'b', 'c']));
      assert.deepEqual(first, { added: 3, existing: 0 });
      const second = await queue.enqueue([...jobsFor(['a', 'b', 'c', 'd']), ...jobsFor(['d'])]);
      assert.deepEqual(second, { added: 1, existing: 3 });
      const other = await queue.enqueue([{ ...jobsFor(['a'])[0], analyzer: 'another' } as IndexJob]);
      assert.deepEqual(other, { added: 1, existing: 0 });
      assert.equal(npmStatus(await queue.status())?.queued, 5);
      assert.notEqual(
        jobId(jobsFor(['a'])[0] as IndexJob),
        jobId({ ...(jobsFor(['a'])[0] as IndexJob), version: '1.0.0' }),
      );
    } finally {
      await queue.close();
    }
  });

  it('a loop that ran a job fetches the next at once: the polling interval only paces an empty queue', async () => {
    const url = await createDatabase(server, 'pacing');
    // An hour between polls: a loop that waited out its interval after a job would never reach the second one.
    const queue = await openPgBossQueue(url, { pollSeconds: 3600 });
    try {
      await queue.enqueue(jobsFor(['p1', 'p2', 'p3', 'p4', 'p5']));
      const handled: string[] = [];
      await queue.work(
        async (job) => {
          handled.push(job.name);
          return { status: 'skipped' };
        },
        { concurrency: 1 },
      );
      await waitFor(
        queue,
        (status) => npmStatus(status)?.done === 5,
        'five jobs, one loop',
        () => handled.join(' '),
        60_000,
      );
      assert.deepEqual([...handled].sort(), ['p1', 'p2', 'p3', 'p4', 'p5']);
    } finally {
      await queue.close();
    }
  });

  describe('with workers', () => {
    let registry: SlowRegistry;
    before(async () => {
      registry = await startSlowRegistry(10, 1200);
    });
    after(async () => {
      await registry?.close();
    });

    it('kill -9 of a worker in the middle of a job, three times: no job lost, no row duplicated', async () => {
      const url = await createDatabase(server, 'killed');
      const queue = await openPgBossQueue(url, { jobTimeoutSeconds: 3 });
      try {
        await queue.enqueue(jobsFor(registry.names));
        for (let round = 1; round <= 3; round++) {
          const worker = spawnWorker(url, registry.url, join(cacheRoot, `kill-${round}`), [
            '--concurrency',
            '2',
          ]);
          // The tarball answers after 1.2 s: killing now is in the middle of a job.
          await registry.nextTarballRequest();
          worker.child.kill('SIGKILL');
          assert.equal(await worker.exited, null, worker.output());
        }
        const running = npmStatus(await queue.status());
        assert.ok((running?.running ?? 0) > 0, 'the killed workers left jobs in the running state');
        const last = spawnWorker(url, registry.url, join(cacheRoot, 'kill-final'), ['--concurrency', '2']);
        try {
          const status = await waitFor(
            queue,
            (s) => npmStatus(s)?.done === registry.names.length,
            'every job done after the kills',
            last.output,
          );
          assert.equal(npmStatus(status)?.failed, 0);
          assert.deepEqual(status.failures, []);
        } finally {
          last.child.kill('SIGTERM');
          assert.equal(await last.exited, 0, last.output());
        }
        assert.deepEqual(await counts(url), {
          community_packages: 10,
          community_versions: 10,
          community_artifacts: 10,
          community_scans: 10,
          packagesWithOneArtifact: 10,
        });
      } finally {
        await queue.close();
      }
    });

    it('resumes after the database is stopped and started again under a running worker', async () => {
      const url = await createDatabase(server, 'restarted');
      const queue = await openPgBossQueue(url, { jobTimeoutSeconds: 3 });
      const names = registry.names.slice(0, 6);
      await queue.enqueue(jobsFor(names));
      await queue.close();
      const worker = spawnWorker(url, registry.url, join(cacheRoot, 'restart'), ['--concurrency', '2']);
      try {
        await registry.nextTarballRequest();
        server.pause();
        // Jobs in flight now fail to record; the worker must neither die nor lose them.
        await new Promise((resolve) => setTimeout(resolve, 2500));
        server.start();
        const again = await openPgBossQueue(url);
        try {
          const status = await waitFor(
            again,
            (s) => npmStatus(s)?.done === names.length,
            'every job done after the restart',
          );
          assert.equal(npmStatus(status)?.failed, 0);
        } finally {
          await again.close();
        }
        assert.equal(worker.child.exitCode, null, `the worker survived the restart: ${worker.output()}`);
      } finally {
        worker.child.kill('SIGTERM');
        await worker.exited;
      }
      const index = await openPostgresIndex(url);
      try {
        const state = await index.refresh('npm');
        assert.equal(state.packages.community, names.length);
      } finally {
        await index.close();
      }
      assert.equal((await counts(url))['community_scans'], names.length);
    });

    it('SIGTERM finishes the job in hand; a job that keeps failing is kept failed with its error', async () => {
      const url = await createDatabase(server, 'graceful');
      const queue = await openPgBossQueue(url, { retryLimit: 1, retryDelaySeconds: 1 });
      try {
        await queue.enqueue([...jobsFor([registry.names[0] as string]), ...jobsFor(['qt-no-such-package'])]);
        const worker = spawnWorker(url, registry.url, join(cacheRoot, 'graceful'), ['--concurrency', '1']);
        await registry.nextTarballRequest();
        worker.child.kill('SIGTERM');
        assert.equal(await worker.exited, 0, worker.output());
        assert.match(worker.output(), /indexed npm:qt-pkg-0@1\.0\.0/);
        const status = await queue.status();
        assert.equal(npmStatus(status)?.running, 0, 'no job left running by a stopped worker');
        const second = spawnWorker(url, registry.url, join(cacheRoot, 'graceful'), ['--concurrency', '1']);
        try {
          const failed = await waitFor(
            queue,
            (s) => npmStatus(s)?.failed === 1,
            'the missing package failed',
          );
          assert.equal(failed.failures[0]?.job.name, 'qt-no-such-package');
          assert.equal(failed.failures[0]?.attempts, 2);
          assert.match(failed.failures[0]?.error ?? '', /not found|404/i);
        } finally {
          second.child.kill('SIGTERM');
          await second.exited;
        }
      } finally {
        await queue.close();
      }
    });
  });
});
