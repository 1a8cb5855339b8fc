/**
 * The PyPI crawler path against a local PyPI-format server with 300 generated projects: the PEP 691
 * project list becomes ranked, idempotent jobs on the PostgreSQL queue, and a job indexes its project
 * through the same server's Simple and JSON APIs.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type PostgresServer, startPostgres } from '../../store/postgres-server.ts';
import { indexContext, indexOne } from '../index/indexer.ts';
import { openPostgresIndex } from '../index/postgres.ts';
import { writeWheel } from '../index/testing/archives.ts';
import { jobTarget } from './handler.ts';
import { openPgBossQueue } from './pg-boss.ts';
import { listSimpleProjects, simpleIndexJobs } from './pypi-index.ts';

const PROJECTS = 300;

interface PypiServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Generated projects `gen-proj-0` … `gen-proj-299`, one wheel each, behind /simple/ and /pypi/<name>/json. */
async function startPypiServer(): Promise<PypiServer> {
  const dir = mkdtempSync(join(tmpdir(), 'assay-pypi-server-'));
  const wheels = new Map<string, { file: string; bytes: Buffer }>();
  const names = Array.from({ length: PROJECTS }, (_, i) => `gen-proj-${i}`);
  let base = '';
  const wheelOf = (name: string) => {
    let found = wheels.get(name);
    if (found === undefined) {
      const path = writeWheel(dir, name.replaceAll('-', '_'), '1.0');
      found = { file: path.slice(dir.length + 1), bytes: readFileSync(path) };
      wheels.set(name, found);
    }
    return found;
  };
  const json = (response: import('node:http').ServerResponse, type: string, body: unknown) => {
    response.writeHead(200, { 'content-type': type });
    response.end(JSON.stringify(body));
  };
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (path === '/simple/') {
      json(response, 'application/vnd.pypi.simple.v1+json', {
        meta: { 'api-version': '1.1' },
        projects: [...names].reverse().map((name) => ({ name: name.toUpperCase() })),
      });
      return;
    }
    const simple = /^\/simple\/([^/]+)\/$/.exec(path);
    const api = /^\/pypi\/([^/]+)\/json$/.exec(path);
    const file = /^\/files\/(.+)$/.exec(path);
    const name = simple?.[1] ?? api?.[1];
    if (name !== undefined && names.includes(name)) {
      const wheel = wheelOf(name);
      const sha256 = createHash('sha256').update(wheel.bytes).digest('hex');
      const url = `${base}/files/${wheel.file}`;
      if (simple !== null) {
        json(response, 'application/vnd.pypi.simple.v1+json', {
          meta: { 'api-version': '1.1' },
          name,
          versions: ['1.0'],
          files: [{ filename: wheel.file, url, hashes: { sha256 }, yanked: false, size: wheel.bytes.length }],
        });
      } else {
        const entry = {
          filename: wheel.file,
          url,
          digests: { sha256 },
          packagetype: 'bdist_wheel',
          size: wheel.bytes.length,
          upload_time_iso_8601: '2026-01-01T00:00:00.000000Z',
          yanked: false,
        };
        json(response, 'application/json', {
          info: { name, version: '1.0', summary: 'generated', yanked: false },
          releases: { '1.0': [entry] },
          urls: [entry],
        });
      }
      return;
    }
    const wheel = file === null ? undefined : [...wheels.values()].find((w) => w.file === file[1]);
    if (wheel !== undefined) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.end(wheel.bytes);
      return;
    }
    response.writeHead(404);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  return {
    url: base,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('PyPI crawler against a PEP 691 index', () => {
  let pypi: PypiServer;
  let postgres: PostgresServer;
  let cacheDir: string;
  before(async () => {
    pypi = await startPypiServer();
    postgres = await startPostgres();
    cacheDir = mkdtempSync(join(tmpdir(), 'assay-pypi-crawl-cache-'));
  });
  after(async () => {
    await pypi?.close();
    postgres?.stop();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('lists every project, ranks the known ones first, enqueues once, and indexes a job through the index', async () => {
    const names = await listSimpleProjects(`${pypi.url}/simple`);
    assert.equal(names.length, PROJECTS);
    assert.ok(names.includes('gen-proj-42'), 'names are PEP 503-normalized');
    const ranks = new Map([
      ['gen-proj-7', 1],
      ['gen-proj-250', 2],
    ]);
    const jobs = simpleIndexJobs(names, (name) => ranks.get(name), 'test-analyzer');
    assert.deepEqual(
      jobs.slice(0, 4).map((j) => j.name),
      ['gen-proj-7', 'gen-proj-250', 'gen-proj-0', 'gen-proj-1'],
    );
    const queue = await openPgBossQueue(postgres.url);
    try {
      assert.deepEqual(await queue.enqueue(jobs), { added: PROJECTS, existing: 0 });
      assert.deepEqual(await queue.enqueue(jobs), { added: 0, existing: PROJECTS });
    } finally {
      await queue.close();
    }

    const index = await openPostgresIndex(postgres.url);
    try {
      const context = await indexContext({
        store: index,
        scan: { workers: 0 },
        fetch: { env: {}, cacheDir, pypiIndexUrl: `${pypi.url}/simple`, http: { retries: 0 } },
      });
      for (const job of jobs.slice(0, 3)) {
        const result = await indexOne(context, {
          target: jobTarget(job),
          ecosystem: 'pypi',
          expectedName: job.name,
        });
        assert.deepEqual(result.recorded, [{ name: job.name, version: '1.0' }]);
      }
      const state = await index.refresh('pypi');
      assert.equal(state.packages.community, 3);
      assert.equal(await index.isPackageIndexed('pypi', 'GEN_PROJ_7', context.analyzer), true);
    } finally {
      await index.close();
    }
  });

  it('refuses a project list that is not PEP 691 JSON, with a stable code', async () => {
    await assert.rejects(listSimpleProjects(`${pypi.url}/nothing-here`), { code: 'E_NETWORK' });
  });
});
