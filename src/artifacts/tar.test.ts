import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { unpackBuffer } from './load.ts';
import { buildTar } from './testing/build-archives.ts';
import type { UnpackedArtifact } from './types.ts';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const LONG =
  'demo-1.0/demo/sub/a_module_with_a_very_long_name_that_needs_more_than_one_hundred_bytes_in_its_tar_path.py';

function paths(r: UnpackedArtifact): string[] {
  return r.files.map((f) => f.path);
}
function text(r: UnpackedArtifact, path: string): string | undefined {
  return r.files.find((f) => f.path === path)?.data.toString('utf8');
}
function anomalies(r: UnpackedArtifact): string[] {
  return r.anomalies.map((a) => `${a.kind} ${a.member}${a.target === undefined ? '' : ` -> ${a.target}`}`);
}

test("a GNU tar made by Debian's tar: long names, links reported, never followed", async () => {
  const r = await unpackBuffer(fixture('sample.tar'), 'sample.tar');
  assert.equal(r.format, 'tar');
  assert.deepEqual(paths(r), ['demo-1.0/demo/__init__.py', 'demo-1.0/demo/hard-setup.py', LONG]);
  assert.equal(text(r, LONG), 'deep = True\n');
  assert.deepEqual(anomalies(r), [
    'symlink demo-1.0/demo/link-to-setup -> ../setup.py',
    'hardlink demo-1.0/setup.py -> demo-1.0/demo/hard-setup.py',
  ]);
});

test('pax headers (path) are honoured in a pax tar.gz made by Debian tools', async () => {
  const r = await unpackBuffer(fixture('sample-pax.tar.gz'), 'sample-pax.tar.gz');
  assert.equal(r.format, 'tar.gz');
  assert.ok(paths(r).includes(LONG));
  assert.equal(text(r, 'demo-1.0/demo/__init__.py'), '__version__ = "1.0"\n');
});

for (const name of ['sample.tar.bz2', 'sample.tar.xz']) {
  test(`${name} made by Debian tools reads the same as the plain tar`, async () => {
    const plain = await unpackBuffer(fixture('sample.tar'), 'sample.tar');
    const r = await unpackBuffer(fixture(name), name);
    assert.equal(r.format, name.slice('sample.'.length));
    assert.deepEqual(
      r.files.map((f) => [f.path, f.data.toString('base64')]),
      plain.files.map((f) => [f.path, f.data.toString('base64')]),
    );
    assert.deepEqual(r.anomalies, plain.anomalies);
  });
}

test('ustar prefix field, GNU long name and pax path are all joined correctly', async () => {
  const r = await unpackBuffer(
    buildTar([
      { name: 'mod.py', prefix: 'pkg/deep', data: 'a' },
      { name: `g/${'n'.repeat(120)}.py`, gnuLongName: true, data: 'b' },
      { name: 'short', pax: { path: `p/${'x'.repeat(200)}.py` }, data: 'c' },
    ]),
    't.tar',
  );
  assert.deepEqual(paths(r), [`g/${'n'.repeat(120)}.py`, `p/${'x'.repeat(200)}.py`, 'pkg/deep/mod.py']);
});

test('hostile tar members: traversal, absolute, devices, FIFO, links', async () => {
  const r = await unpackBuffer(
    buildTar([
      { name: '../../etc/cron.d/x', data: 'evil' },
      { name: '/abs.py', data: 'abs' },
      { name: 'dev/tty', type: '3' },
      { name: 'pipe', type: '6' },
      { name: 'up', type: '2', linkname: '../../../../' },
      { name: 'passwd', type: '1', linkname: '/etc/passwd' },
      { name: 'pax\u0000name', pax: { path: 'pax\u0000name.py' }, data: 'n' },
    ]),
    'evil.tar',
  );
  assert.deepEqual(anomalies(r), [
    'path-traversal ../../etc/cron.d/x',
    'absolute-path /abs.py',
    'special-file dev/tty',
    'special-file pipe',
    'symlink up -> ../../../../',
    'hardlink passwd -> /etc/passwd',
    'nul-in-name pax\u0000name.py',
  ]);
  assert.deepEqual(paths(r), ['abs.py', 'etc/cron.d/x', 'pax\uFFFDname.py']);
});

test('an unknown type flag is read as a regular file, as Python extracts it', async () => {
  const r = await unpackBuffer(buildTar([{ name: 'hidden.py', type: 'Z', data: 'payload' }]), 'u.tar');
  assert.equal(text(r, 'hidden.py'), 'payload');
});

test('a tar without the end-of-archive blocks is accepted', async () => {
  const r = await unpackBuffer(buildTar([{ name: 'a.py', data: 'x' }], { end: false }), 'noend.tar');
  assert.deepEqual(paths(r), ['a.py']);
});

test('a tar truncated inside a member is E_ARCHIVE_CORRUPT, not a partial package', async () => {
  const tar = buildTar([
    { name: 'a.py', data: 'x' },
    { name: 'b.py', data: 'y'.repeat(3000) },
  ]);
  await assert.rejects(unpackBuffer(tar.subarray(0, 2048), 'cut.tar'), (e: unknown) => {
    assert.equal((e as { code?: string }).code, 'E_ARCHIVE_CORRUPT');
    assert.match((e as Error).message, /^cut\.tar: tar: truncated member at offset 1024$/);
    return true;
  });
});

test('a tar header with a bad checksum is E_ARCHIVE_CORRUPT', async () => {
  const tar = buildTar([
    { name: 'a.py', data: 'x' },
    { name: 'b.py', data: 'y' },
  ]);
  tar[1024] = 0x41; // first byte of the second header's name
  await assert.rejects(unpackBuffer(tar, 'sum.tar'), {
    code: 'E_ARCHIVE_CORRUPT',
    message: /bad header checksum/,
  });
});

test('truncated gzip, bzip2 and xz streams are E_ARCHIVE_CORRUPT', async () => {
  for (const name of ['sample-pax.tar.gz', 'sample.tar.bz2', 'sample.tar.xz']) {
    const bytes = fixture(name);
    await assert.rejects(
      unpackBuffer(bytes.subarray(0, bytes.length - 20), name),
      { code: 'E_ARCHIVE_CORRUPT' },
      name,
    );
  }
});

test('garbage behind a gzip magic is E_ARCHIVE_CORRUPT; a gzip of plain text is unsupported', async () => {
  const { gzipSync } = await import('node:zlib');
  await assert.rejects(unpackBuffer(Buffer.from('1f8b0800000000000003deadbeef', 'hex'), 'x.tgz'), {
    code: 'E_ARCHIVE_CORRUPT',
  });
  await assert.rejects(unpackBuffer(gzipSync(Buffer.from('just text\n'.repeat(100))), 'notes.txt.gz'), {
    code: 'E_ARCHIVE_UNSUPPORTED',
    message: /gz stream does not hold a tar archive/,
  });
});

test('trailing garbage after a complete bzip2 stream is ignored, as bzip2(1) and Python do', async () => {
  const bytes = Buffer.concat([fixture('sample.tar.bz2'), Buffer.from('trailing junk')]);
  const r = await unpackBuffer(bytes, 'junk.tar.bz2');
  assert.equal(r.files.length, 3);
});

test('an xz stream with a SHA-256 check (made by xz -C sha256) is E_ARCHIVE_UNSUPPORTED', async () => {
  await assert.rejects(unpackBuffer(fixture('sample-sha256.tar.xz'), 's.tar.xz'), {
    code: 'E_ARCHIVE_UNSUPPORTED',
    message: /^s\.tar\.xz: xz: unsupported options/,
  });
});
