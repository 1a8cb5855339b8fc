import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { deflateSync, gzipSync } from 'node:zlib';
import { compressedProgramIn, compressionOf, programIn } from './executables.ts';

const elfHeader = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);

describe('programs hidden in compressed data', () => {
  test('reads the program kind inside gzip and zlib streams', () => {
    assert.deepEqual(compressedProgramIn(gzipSync(elfHeader)), { kind: 'ELF', compression: 'gzip' });
    assert.deepEqual(compressedProgramIn(deflateSync(elfHeader)), { kind: 'ELF', compression: 'zlib' });
  });

  test('a truncated stream is read as far as it goes', () => {
    // Hash output does not compress, so the stream is longer than the prefix read.
    const noise = Buffer.concat(
      Array.from({ length: 200 }, (_, i) => createHash('sha256').update(String(i)).digest()),
    );
    const big = Buffer.concat([elfHeader, noise]);
    const compressed = gzipSync(big);
    assert.ok(compressed.length > 2 * 1024, 'the stream is longer than the prefix read');
    assert.equal(compressedProgramIn(compressed)?.kind, 'ELF');
  });

  test('compressed text, plain text and "MZ" words are not programs', () => {
    assert.equal(compressedProgramIn(gzipSync(Buffer.from('hello world'))), null);
    assert.equal(compressionOf(Buffer.from('hello')), null);
    assert.equal(programIn(Buffer.from('MZ is a word here')), null);
  });
});
