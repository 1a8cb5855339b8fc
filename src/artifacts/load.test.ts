import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { loadArtifact, unpackBuffer } from './load.ts';
import { buildTar, buildZip } from './testing/build-archives.ts';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'assay-artifacts-'));
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('a directory is walked with lstat: files read, links and FIFOs reported', async () => {
  const root = join(dir, 'tree');
  mkdirSync(join(root, 'pkg', 'sub'), { recursive: true });
  writeFileSync(join(root, 'setup.py'), 'setup()\n');
  writeFileSync(join(root, 'pkg', 'sub', 'm.py'), 'x = 1\n');
  writeFileSync(join(root, 'pkg', 'vendored.whl'), buildZip([{ name: 'v.py', data: 'v' }]));
  symlinkSync('/etc/passwd', join(root, 'pkg', 'passwd'));
  symlinkSync('..', join(root, 'pkg', 'loop'));
  execFileSync('mkfifo', [join(root, 'pipe')]);
  const r = await loadArtifact(root);
  assert.equal(r.format, 'directory');
  assert.equal(
    r.size,
    r.files.filter((f) => !f.path.includes('!/')).reduce((n, f) => n + f.data.length, 0),
  );
  assert.equal(r.source, root);
  assert.deepEqual(
    r.files.map((f) => f.path),
    ['pkg/sub/m.py', 'pkg/vendored.whl', 'pkg/vendored.whl!/v.py', 'setup.py'],
  );
  assert.deepEqual(
    r.anomalies.map((a) => [a.kind, a.member, a.target]),
    [
      ['special-file', 'pipe', undefined],
      ['symlink', 'pkg/loop', '..'],
      ['symlink', 'pkg/passwd', '/etc/passwd'],
    ],
  );
  assert.deepEqual(r.nested, [{ path: 'pkg/vendored.whl', format: 'zip' }]);
  // The hash covers paths and contents: same tree, same hash; a changed byte, another hash.
  assert.equal((await loadArtifact(root)).sha256, r.sha256);
  writeFileSync(join(root, 'setup.py'), 'setup(x)\n');
  assert.notEqual((await loadArtifact(root)).sha256, r.sha256);
});

test('a directory respects the member-size limit', async () => {
  const root = join(dir, 'sized');
  mkdirSync(root);
  writeFileSync(join(root, 'big.bin'), Buffer.alloc(2000));
  writeFileSync(join(root, 'small.py'), 'ok');
  const r = await loadArtifact(root, { maxMemberBytes: 1000 });
  assert.deepEqual(
    r.files.map((f) => f.path),
    ['small.py'],
  );
  assert.equal(r.limitHits[0]?.limit, 'member-bytes');
});

test('a single plain file is format "file" with its base name as path', async () => {
  const path = join(dir, 'setup.py');
  writeFileSync(path, 'import os\n');
  const r = await loadArtifact(path);
  assert.equal(r.format, 'file');
  assert.deepEqual(
    r.files.map((f) => [f.path, f.data.toString()]),
    [['setup.py', 'import os\n']],
  );
  assert.equal(r.sha256, createHash('sha256').update('import os\n').digest('hex'));
  assert.equal(r.size, 10);
});

test('the format comes from the bytes: a ".tar.gz" that is a zip, a ".whl" that is a tar.gz', async () => {
  const zipPath = join(dir, 'lying.tar.gz');
  writeFileSync(zipPath, buildZip([{ name: 'a.py', data: 'z' }]));
  const asZip = await loadArtifact(zipPath);
  assert.equal(asZip.format, 'zip');
  assert.deepEqual(
    asZip.files.map((f) => f.path),
    ['a.py'],
  );
  const tgz = await unpackBuffer(
    gzipSync(buildTar([{ name: 'b.py', data: 't' }])),
    'lying-1.0-py3-none-any.whl',
  );
  assert.equal(tgz.format, 'tar.gz');
  assert.deepEqual(
    tgz.files.map((f) => f.path),
    ['b.py'],
  );
});

test('a missing path is E_NOT_FOUND; a FIFO given as artifact is E_IO', async () => {
  await assert.rejects(loadArtifact(join(dir, 'nope.whl')), { code: 'E_NOT_FOUND', message: /nope\.whl/ });
  await assert.rejects(loadArtifact(join(dir, 'setup.py', 'child')), { code: 'E_NOT_FOUND' });
  const fifo = join(dir, 'fifo.whl');
  execFileSync('mkfifo', [fifo]);
  await assert.rejects(loadArtifact(fifo), { code: 'E_IO' });
});

test('garbage named like an archive is E_ARCHIVE_CORRUPT; a 7z is E_ARCHIVE_UNSUPPORTED', async () => {
  await assert.rejects(unpackBuffer(Buffer.from('<html>not found</html>'), 'pkg-1.0.tar.gz'), {
    code: 'E_ARCHIVE_CORRUPT',
    message: /^pkg-1\.0\.tar\.gz: not a zip, tar/,
  });
  await assert.rejects(unpackBuffer(Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]), 'pkg.whl'), {
    code: 'E_ARCHIVE_UNSUPPORTED',
  });
});

test('an artifact larger than the total limit is not read into memory', async () => {
  const path = join(dir, 'huge.whl');
  writeFileSync(path, Buffer.alloc(5000, 1));
  const r = await loadArtifact(path, { maxTotalBytes: 1000 });
  assert.deepEqual(r.files, []);
  assert.deepEqual(
    r.limitHits.map((h) => [h.limit, h.max, h.observed]),
    [['total-bytes', 1000, 5000]],
  );
  assert.equal(r.sha256, createHash('sha256').update(Buffer.alloc(5000, 1)).digest('hex'));
});
