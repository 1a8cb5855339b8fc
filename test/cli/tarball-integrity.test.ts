import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { buildTar } from '../../src/artifacts/testing/build-archives.ts';
import { memoryIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import type { Report } from '../../src/report/model.ts';
import { startTestServer, type TestServer } from '../../src/sources/testing/server.ts';

let dir: string;
let registry: TestServer;

const MANIFEST = { name: 'pad-demo', version: '1.0.0', main: 'index.js', license: 'MIT' };

function tarball(code: string): Buffer {
  return gzipSync(
    buildTar([
      { name: 'package/package.json', data: JSON.stringify(MANIFEST, null, 2) },
      { name: 'package/index.js', data: code },
    ]),
  );
}

const published = tarball('module.exports = (s, n) => String(s).padStart(n);\n');

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'assay-tarball-'));
  mkdirSync(join(dir, '.git'));
  const dist = {
    integrity: `sha512-${createHash('sha512').update(published).digest('base64')}`,
    shasum: createHash('sha1').update(published).digest('hex'),
    tarball: 'http://127.0.0.1/pad-demo/-/pad-demo-1.0.0.tgz',
  };
  const packument = {
    name: 'pad-demo',
    'dist-tags': { latest: '1.0.0' },
    versions: { '1.0.0': { ...MANIFEST, dist } },
    time: { created: '2020-01-01T00:00:00.000Z', '1.0.0': '2020-01-01T00:00:00.000Z' },
  };
  registry = await startTestServer({
    '/pad-demo': { headers: { 'content-type': 'application/json' }, body: JSON.stringify(packument) },
  });
});

after(async () => {
  await registry.close();
  rmSync(dir, { recursive: true, force: true });
});

async function scan(file: string, extra: string[] = []): Promise<{ code: number; report: Report }> {
  const io = memoryIo({ ASSAY_DB: join(dir, 'none.db'), ASSAY_CACHE_DIR: join(dir, 'cache') }, dir);
  const code = await main(['scan', file, '-f', 'json', '--registry', registry.url, ...extra], io);
  return { code, report: JSON.parse(io.out.join('')) as Report };
}

test('a local npm tarball with the bytes the registry lists passes the digest check', async () => {
  const file = join(dir, 'pad-demo-1.0.0.tgz');
  writeFileSync(file, published);
  const { code, report } = await scan(file, ['--registry-checks']);
  assert.equal(code, 0);
  assert.ok(!report.behaviors.some((behavior) => behavior.id === 'tarball-differs-from-registry'));
  assert.equal(report.target.artifact.sha512, createHash('sha512').update(published).digest('hex'));
});

test('a rebuilt tarball of the same name and version fails integrity, with both digests as evidence', async () => {
  const file = join(dir, 'pad-demo-1.0.0-rebuilt.tgz');
  writeFileSync(file, tarball('module.exports = (s, n) => String(s).padStart(n); // changed\n'));
  const { code, report } = await scan(file, ['--registry-checks']);
  assert.equal(code, 1);
  const issue = report.issues.find((item) => item.id === 'failed-integrity-check');
  assert.equal(issue?.severity, 'high');
  assert.deepEqual(
    issue?.evidence.map((item) => item.field),
    ['dist.integrity', 'dist.shasum'],
  );
});

test('offline, the registry is not asked and nothing is claimed about the digests', async () => {
  const file = join(dir, 'pad-demo-1.0.0-offline.tgz');
  writeFileSync(file, tarball('module.exports = 1;\n'));
  const before = registry.requests.length;
  const { report } = await scan(file, ['--offline']);
  assert.equal(registry.requests.length, before);
  assert.equal(report.target.artifact.sha512, undefined);
  assert.ok(!report.issues.some((item) => item.id === 'failed-integrity-check'));
});
