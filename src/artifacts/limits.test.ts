import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { resolveLimits } from './limits.ts';
import { unpackBuffer } from './load.ts';
import { buildTar, buildZip } from './testing/build-archives.ts';
import { DEFAULT_UNPACK_LIMITS } from './types.ts';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const ZEROS = Buffer.alloc(4 * 1024 * 1024);

test('total bytes: reading stops at the limit and keeps what was read', async () => {
  const entries = ['a', 'b', 'c', 'd'].map((n) => ({ name: `${n}.py`, data: n.repeat(400) }));
  for (const [archive, name] of [
    [buildZip(entries), 'z.zip'],
    [buildTar(entries), 't.tar'],
  ] as const) {
    const r = await unpackBuffer(archive, name, { maxTotalBytes: 1000 });
    assert.deepEqual(
      r.files.map((f) => f.path),
      ['a.py', 'b.py'],
      name,
    );
    assert.deepEqual(r.limitHits, [
      {
        limit: 'total-bytes',
        max: 1000,
        observed: 1200,
        member: 'c.py',
        detail: 'unpacked bytes would pass the total limit; reading stopped',
      },
    ]);
  }
});

test('member count: reading stops after maxMembers members', async () => {
  const entries = Array.from({ length: 10 }, (_, i) => ({ name: `m${i}.py`, data: 'x' }));
  const r = await unpackBuffer(buildZip(entries), 'many.zip', { maxMembers: 3 });
  assert.equal(r.files.length, 3);
  assert.equal(r.limitHits.length, 1);
  assert.deepEqual(
    [r.limitHits[0]?.limit, r.limitHits[0]?.max, r.limitHits[0]?.observed],
    ['member-count', 3, 4],
  );
});

test('member size: a big member is skipped, the others are read', async () => {
  const entries = [
    { name: 'big.bin', data: 'x'.repeat(5000) },
    { name: 'small.py', data: 'ok' },
  ];
  for (const [archive, name] of [
    [buildZip(entries), 'z.zip'],
    [buildTar(entries), 't.tar'],
  ] as const) {
    const r = await unpackBuffer(archive, name, { maxMemberBytes: 1000 });
    assert.deepEqual(
      r.files.map((f) => f.path),
      ['small.py'],
      name,
    );
    assert.deepEqual(
      r.limitHits.map((h) => [h.limit, h.max, h.observed, h.member]),
      [['member-bytes', 1000, 5000, 'big.bin']],
    );
  }
});

test('compression ratio, zip: a zero-filled member is skipped before inflating', async () => {
  const r = await unpackBuffer(
    buildZip([
      { name: 'bomb.bin', data: ZEROS },
      { name: 'a.py', data: 'ok' },
    ]),
    'bomb.zip',
  );
  assert.deepEqual(
    r.files.map((f) => f.path),
    ['a.py'],
  );
  const hit = r.limitHits[0];
  assert.equal(hit?.limit, 'compression-ratio');
  assert.equal(hit?.max, DEFAULT_UNPACK_LIMITS.maxCompressionRatio);
  assert.ok((hit?.observed ?? 0) > 500, String(hit?.observed));
  assert.equal(hit?.member, 'bomb.bin');
});

test('compression ratio, tar.gz / tar.bz2 / tar.xz: the stream is cut at the limit, the reader returns', async () => {
  const gz = gzipSync(
    buildTar([
      { name: 'first.py', data: 'print(1)' },
      { name: 'zeros.bin', data: ZEROS },
    ]),
  );
  const cases = [
    [gz, 'bomb.tar.gz'],
    [fixture('bomb.tar.bz2'), 'bomb.tar.bz2'],
    [fixture('bomb.tar.xz'), 'bomb.tar.xz'],
  ] as const;
  for (const [bytes, name] of cases) {
    const r = await unpackBuffer(bytes, name);
    assert.equal(r.limitHits.length, 1, name);
    const hit = r.limitHits[0];
    assert.equal(hit?.limit, 'compression-ratio', name);
    assert.ok((hit?.observed ?? 0) > DEFAULT_UNPACK_LIMITS.maxCompressionRatio, name);
    assert.ok(
      r.files.every((f) => f.path !== 'bomb/zeros.bin' && f.path !== 'zeros.bin'),
      name,
    );
  }
  const r = await unpackBuffer(gz, 'bomb.tar.gz');
  assert.deepEqual(
    r.files.map((f) => f.path),
    ['first.py'],
  );
});

test('compression ratio: a stream under the 1 MiB floor is never judged', async () => {
  const r = await unpackBuffer(
    gzipSync(buildTar([{ name: 'spaces.py', data: ' '.repeat(200_000) }])),
    's.tgz',
    {
      maxCompressionRatio: 2,
    },
  );
  assert.deepEqual(r.limitHits, []);
  assert.equal(r.files.length, 1);
});

test('total bytes on a compressed stream: decompression stops near the limit', async () => {
  const tar = buildTar(
    Array.from({ length: 8 }, (_, i) => ({ name: `f${i}.txt`, data: `${i}`.repeat(300_000) })),
  );
  const r = await unpackBuffer(gzipSync(tar), 'big.tgz', { maxTotalBytes: 1_000_000, maxMembers: 10 });
  assert.equal(r.files.length, 3);
  assert.deepEqual(
    r.limitHits.map((h) => h.limit),
    ['total-bytes'],
  );
});

test('nesting: archives inside archives open up to the depth limit', async () => {
  const level3 = buildZip([{ name: 'deepest.py', data: 'three' }]);
  const level2 = gzipSync(buildTar([{ name: 'l3.zip', data: level3 }]));
  const level1 = buildZip([{ name: 'inner/l2.tar.gz', data: level2 }]);
  const outer = buildTar([
    { name: 'pkg/l1.whl', data: level1 },
    { name: 'pkg/evil', type: '2', linkname: '/' },
  ]);
  const r = await unpackBuffer(outer, 'outer.tar', { maxNestingDepth: 2 });
  assert.deepEqual(
    r.files.map((f) => f.path),
    ['pkg/l1.whl', 'pkg/l1.whl!/inner/l2.tar.gz', 'pkg/l1.whl!/inner/l2.tar.gz!/l3.zip'],
  );
  assert.deepEqual(r.nested, [
    { path: 'pkg/l1.whl', format: 'zip' },
    { path: 'pkg/l1.whl!/inner/l2.tar.gz', format: 'tar.gz' },
  ]);
  assert.deepEqual(
    r.limitHits.map((h) => [h.limit, h.max, h.observed, h.member]),
    [['nesting-depth', 2, 3, 'pkg/l1.whl!/inner/l2.tar.gz!/l3.zip']],
  );
  const deeper = await unpackBuffer(outer, 'outer.tar', { maxNestingDepth: 3 });
  assert.equal(deeper.files.find((f) => f.path.endsWith('l3.zip!/deepest.py'))?.data.toString(), 'three');
  const none = await unpackBuffer(outer, 'outer.tar', { maxNestingDepth: 0 });
  assert.deepEqual(none.nested, []);
  assert.equal(none.limitHits[0]?.limit, 'nesting-depth');
});

test('anomalies inside a nested archive name their container', async () => {
  const inner = buildZip([{ name: '../escape.py', data: 'x' }]);
  const r = await unpackBuffer(buildTar([{ name: 'vendor/inner.zip', data: inner }]), 'o.tar');
  assert.deepEqual(
    r.anomalies.map((a) => [a.kind, a.member, a.container]),
    [['path-traversal', '../escape.py', 'vendor/inner.zip']],
  );
  assert.ok(r.files.some((f) => f.path === 'vendor/inner.zip!/escape.py'));
});

test('a corrupt nested archive is an unreadable-member anomaly, the package is still read', async () => {
  const broken = buildZip([{ name: 'a.py', data: 'x' }]).subarray(0, 40);
  const r = await unpackBuffer(
    buildTar([
      { name: 'bad.zip', data: broken },
      { name: 'ok.py', data: 'fine' },
    ]),
    'o.tar',
  );
  assert.deepEqual(
    r.anomalies.map((a) => [a.kind, a.member]),
    [['unreadable-member', 'bad.zip']],
  );
  assert.ok(r.files.some((f) => f.path === 'ok.py'));
});

test('limits are validated', () => {
  assert.throws(() => resolveLimits({ maxMembers: 0 }), { code: 'E_USAGE' });
  assert.throws(() => resolveLimits({ maxNestingDepth: -1 }), { code: 'E_USAGE' });
  assert.equal(resolveLimits({ maxNestingDepth: 0 }).maxNestingDepth, 0);
});
