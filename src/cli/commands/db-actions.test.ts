import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { buildZip } from '../../vulns/testing/osv-records.ts';
import { EXIT } from '../exit-codes.ts';
import { memoryIo } from '../io.ts';
import { runDbImport, runDbStatus, runDbUpdate } from './db-actions.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'vulns', 'fixtures');

function osvZip(ecosystem: string, count: number): Buffer {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const id = `GHSA-test-${ecosystem.toLowerCase()}-${i}`;
    files[`${id}.json`] = JSON.stringify({
      id,
      modified: `2024-06-0${(i % 9) + 1}T00:00:00Z`,
      // Padding makes the archive big enough to be cut in the middle of a record.
      details: `record ${i} `.repeat(200),
      affected: [
        {
          package: { ecosystem, name: `pkg-${i}` },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0.0' }] }],
        },
      ],
    });
  }
  return buildZip(files);
}

interface Served {
  readonly server: Server;
  readonly base: string;
  readonly requests: { url: string; headers: IncomingHttpHeaders }[];
}

/** Serves the zips; with `cutFirst`, the first full-body answer stops halfway and drops the socket. */
async function serve(zips: Record<string, Buffer>, cutFirst = false): Promise<Served> {
  const requests: Served['requests'] = [];
  let cut = cutFirst;
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    const body = zips[req.url ?? ''];
    if (body === undefined) {
      res.writeHead(404).end('not here');
      return;
    }
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range !== null) {
      const start = Number(range[1]);
      res.writeHead(206, {
        'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
        'content-length': String(body.length - start),
      });
      res.end(body.subarray(start));
      return;
    }
    res.writeHead(200, { 'content-length': String(body.length) });
    if (cut) {
      cut = false;
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => setTimeout(() => res.destroy(), 20));
      return;
    }
    res.end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}`, requests };
}

describe('db commands', () => {
  let dir: string;
  let served: Served | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'assay-db-cmd-'));
  });
  afterEach(async () => {
    if (served !== undefined) await new Promise<void>((done) => served?.server.close(() => done()));
    served = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('db import loads a directory and db status describes it', async () => {
    const io = memoryIo({ ASSAY_DB: join(dir, 'env.db') });
    // Two of the records cannot be read: the import finishes, but says so with exit 5.
    assert.equal(await runDbImport({ source: join(FIXTURES, 'records') }, io), EXIT.incomplete);
    const out = io.out.join('');
    assert.match(out, /19 records read: 17 new, 0 updated, 0 unchanged, 2 unreadable/);
    assert.match(out, /skipped broken\.json: unreadable/);
    assert.ok(existsSync(join(dir, 'env.db')), 'ASSAY_DB decides the default path');

    const statusIo = memoryIo({ ASSAY_DB: join(dir, 'env.db') });
    assert.equal(await runDbStatus({}, statusIo), EXIT.ok);
    const status = statusIo.out.join('');
    assert.match(status, /Data as of 2024-01-01T00:00:00Z/);
    assert.match(status, /17 records, 1 of them withdrawn/);
    assert.match(status, /PyPI\s+15 records/);
    assert.match(status, /npm\s+2 records/);
    assert.match(status, /Last import .* from .*records: 19 read, 17 new/);

    const jsonIo = memoryIo();
    assert.equal(await runDbStatus({ db: join(dir, 'env.db'), json: true }, jsonIo), EXIT.ok);
    const parsed = JSON.parse(jsonIo.out.join('')) as {
      records: number;
      databaseDate: string;
      exists: boolean;
    };
    assert.deepEqual(
      [parsed.records, parsed.databaseDate, parsed.exists],
      [17, '2024-01-01T00:00:00Z', true],
    );
  });

  it('db status on a missing database says so without creating it', async () => {
    const io = memoryIo();
    const path = join(dir, 'none.db');
    assert.equal(await runDbStatus({ db: path }, io), EXIT.ok);
    assert.match(io.out.join(''), /No vulnerability database at/);
    assert.equal(existsSync(path), false);
  });

  it('db import of a missing path fails with E_NOT_FOUND and exit code 3', async () => {
    const io = memoryIo();
    assert.equal(
      await runDbImport({ source: join(dir, 'missing'), db: join(dir, 'x.db') }, io),
      EXIT.failure,
    );
    assert.match(io.err.join(''), /E_NOT_FOUND/);
  });

  it('db update fails with E_NETWORK when the host cannot be reached', async () => {
    // A port that was just released: nothing listens there.
    const probe = createServer();
    await new Promise<void>((done) => probe.listen(0, '127.0.0.1', () => done()));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((done) => probe.close(() => done()));
    const io = memoryIo();
    const code = await runDbUpdate(
      { db: join(dir, 'u.db'), url: `http://127.0.0.1:${port}/{ecosystem}/all.zip` },
      io,
    );
    assert.equal(code, EXIT.failure);
    assert.match(io.err.join(''), /E_NETWORK.*cannot reach 127\.0\.0\.1:\d+.*ECONNREFUSED/);
  });

  it('db update downloads and imports the PyPI and npm archives', async () => {
    served = await serve({ '/PyPI/all.zip': osvZip('PyPI', 3), '/npm/all.zip': osvZip('npm', 2) });
    const io = memoryIo();
    const db = join(dir, 'u.db');
    const code = await runDbUpdate({ db, url: `${served.base}/{ecosystem}/all.zip` }, io);
    assert.equal(code, EXIT.ok, io.err.join(''));
    assert.deepEqual(
      served.requests.map((r) => r.url),
      ['/PyPI/all.zip', '/npm/all.zip'],
    );
    const statusIo = memoryIo();
    await runDbStatus({ db, json: true }, statusIo);
    const status = JSON.parse(statusIo.out.join('')) as {
      ecosystems: { ecosystem: string; records: number }[];
      lastImport: { source: string };
    };
    assert.deepEqual(
      status.ecosystems.map((e) => [e.ecosystem, e.records]),
      [
        ['PyPI', 3],
        ['npm', 2],
      ],
    );
    assert.equal(status.lastImport.source, `${served.base}/npm/all.zip`);
    assert.deepEqual(readdirSync(join(dir, 'osv')), [], 'archives are removed once imported');
  });

  it('db update resumes an interrupted download with a Range request', async () => {
    const zip = osvZip('PyPI', 40);
    served = await serve({ '/PyPI/all.zip': zip }, true);
    const db = join(dir, 'r.db');
    const url = `${served.base}/{ecosystem}/all.zip`;

    const first = memoryIo();
    assert.equal(await runDbUpdate({ db, url, ecosystems: ['PyPI'] }, first), EXIT.failure);
    assert.match(first.err.join(''), /E_NETWORK.*run again to resume/);
    const partial = join(dir, 'osv', 'PyPI-all.zip.part');
    assert.ok(existsSync(partial));

    const second = memoryIo();
    assert.equal(await runDbUpdate({ db, url, ecosystems: ['pypi'] }, second), EXIT.ok, second.err.join(''));
    const rangeHeader = served.requests[1]?.headers.range;
    assert.match(rangeHeader ?? '', /^bytes=\d+-$/);
    assert.ok(Number(/\d+/.exec(rangeHeader ?? '')?.[0]) > 0);
    assert.match(second.out.join(''), /40 records read: 40 new/);
  });

  it('db update reports an HTTP error as E_NETWORK', async () => {
    served = await serve({});
    const io = memoryIo();
    const code = await runDbUpdate({ db: join(dir, 'h.db'), url: `${served.base}/{ecosystem}/all.zip` }, io);
    assert.equal(code, EXIT.failure);
    assert.match(io.err.join(''), /E_NETWORK.*HTTP 404/);
  });
});
