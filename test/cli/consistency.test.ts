import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { buildTar } from '../../src/artifacts/testing/build-archives.ts';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { memoryIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';

let dir: string;
const PKG_INFO = 'Metadata-Version: 2.1\nName: demo\nVersion: 1.0.0\n\n';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'assay-cli-consistency-'));
  writeFileSync(
    join(dir, 'demo-1.0.0.tar.gz'),
    gzipSync(buildTar([{ name: 'demo-1.0.0/PKG-INFO', data: PKG_INFO }])),
  );
  writeFileSync(join(dir, 'requirements.txt'), 'flask==3.0.0\n');
  mkdirSync(join(dir, 'osv'));
  writeFileSync(
    join(dir, 'osv', 'GHSA-good.json'),
    JSON.stringify({
      id: 'GHSA-good',
      modified: '2024-01-01T00:00:00Z',
      affected: [{ package: { ecosystem: 'npm', name: 'x' }, versions: ['1.0.0'] }],
    }),
  );
  writeFileSync(join(dir, 'osv', 'GHSA-broken.json'), '{"id": "GHSA-broken", ');
});

after(() => rmSync(dir, { recursive: true, force: true }));

async function run(env: Record<string, string>, ...argv: string[]) {
  const io = memoryIo({ ASSAY_DB: join(dir, 'none.db'), ASSAY_OFFLINE: '1', ...env }, dir);
  const code = await main(argv, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

const ERROR_LINE = /^assay: error E_[A-Z_]+: \S.*\n$/;

describe('one error format everywhere', () => {
  test('a flag commander rejects', async () => {
    const { code, err } = await run({}, 'scan', '--no-such-flag', 'x');
    assert.equal(code, EXIT.usage);
    assert.match(err.split('\n')[0] ?? '', /^assay: error E_USAGE: unknown option '--no-such-flag'$/);
  });

  test('a bad choice and a missing argument', async () => {
    const choice = await run({}, 'scan', '--fail-on', 'sometimes', 'x');
    assert.equal(choice.code, EXIT.usage);
    assert.match(choice.err.split('\n')[0] ?? '', /^assay: error E_USAGE: .*sometimes/);
    const missing = await run({}, 'scan');
    assert.match(missing.err.split('\n')[0] ?? '', /^assay: error E_USAGE: missing required argument/);
  });

  test('db errors, and db import is not "ok" when records were unreadable', async () => {
    const missing = await run({}, 'db', 'import', join(dir, 'nope'), '--db', join(dir, 'v.db'));
    assert.equal(missing.code, EXIT.failure);
    assert.match(missing.err, ERROR_LINE);
    const partial = await run({}, 'db', 'import', join(dir, 'osv'), '--db', join(dir, 'v.db'));
    assert.equal(partial.code, EXIT.incomplete, 'one of two records could not be read');
    assert.match(partial.out, /1 unreadable|unreadable/);
  });
});
