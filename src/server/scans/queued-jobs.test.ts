/**
 * Scans on request through the PostgreSQL queue: one process only enqueues (the web server of a deployment),
 * another works the queue (a `community worker`); the report and the errors come back through the job. The
 * PostgreSQL server is started here in a temporary directory and stopped afterwards.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AssayError } from '../../core/errors.ts';
import { type PostgresServer, startPostgres } from '../../store/postgres-server.ts';
import { createApp } from '../app.ts';
import { fixture, fixtureReport } from '../testing/fixtures.ts';
import { QueueFullError, type ScanJob } from './jobs.ts';
import { openQueuedScanJobs, type QueuedScanJobs } from './queued-jobs.ts';
import type { ScanRequest } from './scan-report.ts';

async function settled(jobs: QueuedScanJobs, id: string): Promise<ScanJob> {
  // Polls as a visitor's page does; bounded by count, not by the clock.
  for (let i = 0; i < 600; i++) {
    const job = await jobs.get(id);
    if (job !== null && (job.state === 'done' || job.state === 'failed')) return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${id} did not settle`);
}

describe('scans on the PostgreSQL queue', () => {
  let server: PostgresServer;
  let dir: string;
  let web: QueuedScanJobs;
  let worker: QueuedScanJobs | undefined;
  const seen: ScanRequest[] = [];
  const firstTwo: string[] = [];
  const uploads: Buffer[] = [];

  before(async () => {
    server = await startPostgres();
    dir = mkdtempSync(join(tmpdir(), 'assay-queued-scans-'));
    web = await openQueuedScanJobs(server.url, { maxQueued: 2, pollSeconds: 1 });
  });
  after(async () => {
    await worker?.close();
    await web?.close();
    server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a submission when the queue is full, and counts each job’s place', async () => {
    const first = await web.submit({ kind: 'registry', target: 'npm:first@1.0.0' }, 'npm:first@1.0.0');
    const second = await web.submit({ kind: 'registry', target: 'npm:second@1.0.0' }, 'npm:second@1.0.0');
    assert.deepEqual([first.state, first.position, second.position], ['queued', 1, 2]);
    firstTwo.push(first.id, second.id);
    await assert.rejects(
      web.submit({ kind: 'registry', target: 'npm:third@1.0.0' }, 'npm:third@1.0.0'),
      QueueFullError,
    );
  });

  it('a worker elsewhere runs the queued scans; the reports come back through the jobs', async () => {
    worker = await openQueuedScanJobs(server.url, {
      pollSeconds: 1,
      scanner: async (request) => {
        seen.push(request);
        if (request.kind === 'upload') uploads.push(readFileSync(request.path));
        if (request.kind === 'registry' && request.target.startsWith('npm:broken'))
          throw new AssayError('E_NOT_FOUND', 'npm has no package "broken"');
        const name = request.kind === 'registry' ? (request.target.slice(4).split('@')[0] ?? '') : 'uploaded';
        return fixtureReport('npm', name, '1.0.0');
      },
    });
    for (const id of firstTwo) assert.equal((await settled(web, id)).state, 'done');
    const queued = await web.get(
      (await web.submit({ kind: 'registry', target: 'npm:left-pad@1.3.0' }, 'left-pad')).id,
    );
    const job = await settled(web, queued?.id ?? '');
    assert.equal(job.state, 'done');
    assert.equal(job.report?.target.name, 'left-pad');
    assert.equal(job.label, 'left-pad');
    assert.ok(seen.some((request) => request.kind === 'registry' && request.target === 'npm:first@1.0.0'));
  });

  it('an upload travels inside its job and the server’s copy is removed at once', async () => {
    const path = join(dir, 'upload-1.tgz');
    const bytes = Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5]);
    writeFileSync(path, bytes);
    const job = await web.submit({ kind: 'upload', path, filename: 'pkg-1.0.0.tgz' }, 'pkg-1.0.0.tgz');
    assert.equal(existsSync(path), false);
    const done = await settled(web, job.id);
    assert.equal(done.report?.target.name, 'uploaded');
    assert.deepEqual(uploads.at(-1), bytes);
    const request = seen.at(-1);
    assert.ok(request?.kind === 'upload' && request.path.endsWith('.tgz'));
    // The worker's temporary copy is gone as well.
    assert.equal(existsSync(request.path), false);
  });

  it('a scan that fails is a failed job with its error code; an unknown id is null', async () => {
    const job = await web.submit({ kind: 'registry', target: 'npm:broken@1.0.0' }, 'npm:broken@1.0.0');
    const failed = await settled(web, job.id);
    assert.equal(failed.state, 'failed');
    assert.deepEqual(failed.error, { code: 'E_NOT_FOUND', message: 'npm has no package "broken"' });
    assert.equal(await web.get('00000000-0000-0000-0000-000000000000'), null);
    assert.equal(await web.get('not-a-job'), null);
  });

  it('the API of a server on the queue submits, then polls to the report', async () => {
    const { deps } = fixture({ scans: false });
    const app = createApp({ ...deps, runner: web });
    const submitted = await app.request('/api/v1/scans', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target: 'npm:api-pkg@1.0.0' }),
    });
    assert.equal(submitted.status, 202);
    const location = submitted.headers.get('location') ?? '';
    const id = location.split('/').at(-1) ?? '';
    await settled(web, id);
    const polled = await app.request(location);
    assert.equal(polled.status, 200);
    const body = (await polled.json()) as { state: string };
    assert.equal(body.state, 'done');
  });
});
