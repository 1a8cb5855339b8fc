import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { isTarHeader, knownUnsupportedFormat, sniffFormat } from './sniff.ts';
import { buildTar, buildZip } from './testing/build-archives.ts';

test('zip is recognized by its local header, empty and spanned markers', () => {
  assert.equal(sniffFormat(buildZip([{ name: 'a', data: 'b' }])), 'zip');
  assert.equal(sniffFormat(buildZip([])), 'zip');
  assert.equal(
    sniffFormat(Buffer.concat([Buffer.from('PK\u0007\u0008', 'latin1'), buildZip([{ name: 'a' }])])),
    'zip',
  );
});

test('a zip behind a prefix is still a zip (found from its end record)', () => {
  const polyglot = Buffer.concat([Buffer.from('#!/bin/sh\necho hi\n'), buildZip([{ name: 'a', data: 'b' }])]);
  assert.equal(sniffFormat(polyglot), 'zip');
  assert.equal(sniffFormat(polyglot, { trailingZip: false }), 'unknown');
});

test('compressed streams are named by their outer magic', () => {
  assert.equal(sniffFormat(gzipSync(Buffer.from('x'))), 'tar.gz');
  assert.equal(sniffFormat(Buffer.from('BZh91AY&SY', 'latin1')), 'tar.bz2');
  assert.equal(sniffFormat(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0, 4])), 'tar.xz');
});

test('plain tar by "ustar" at 257, and v7 tar by its checksum', () => {
  const tar = buildTar([{ name: 'a.py', data: 'x' }]);
  assert.equal(sniffFormat(tar), 'tar');
  const v7 = Buffer.from(tar);
  v7.fill(0, 257, 265);
  // Recompute the checksum without the magic so the header is a valid v7 one.
  v7.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += v7[i] ?? 0;
  v7.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  assert.equal(isTarHeader(v7), true);
  assert.equal(sniffFormat(v7), 'tar');
});

test('text, short input and near-misses are unknown', () => {
  assert.equal(sniffFormat(Buffer.from('print("hello")\n')), 'unknown');
  assert.equal(sniffFormat(Buffer.alloc(0)), 'unknown');
  assert.equal(sniffFormat(Buffer.from('BZh is not bzip2')), 'unknown');
  assert.equal(sniffFormat(Buffer.alloc(1024)), 'unknown');
});

test('known formats we do not read are named', () => {
  assert.equal(knownUnsupportedFormat(Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4])), '7z');
  assert.equal(knownUnsupportedFormat(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0])), 'zstd');
  assert.equal(knownUnsupportedFormat(Buffer.from('plain text')), undefined);
});
