import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { parseIntegrity, verifyHashes } from './hash.ts';
import { readFixture } from './testing/registry.ts';

// From the registry's packument for is-number@7.0.0 (fixtures/npm/is-number.json).
const INTEGRITY =
  'sha512-41Cifkg6e8TylSpdtTpeLVMqvSBEVzTttHvERD741+pnZ8ANv0004MRL43QKPDlK9cGvNp6NZWZUBlbGXYxxng==';
const SHASUM = '7535345b896734d5f80c4d06c50955527a14f12b';

describe('verifyHashes', () => {
  const tgz = readFixture('npm/is-number-7.0.0.tgz');

  it('accepts the real tarball against its sha512 integrity and its sha1 shasum', () => {
    assert.equal(verifyHashes(tgz, { integrity: INTEGRITY, sha1: SHASUM }, 'x'), 'sha512');
    assert.equal(verifyHashes(tgz, { sha1: SHASUM }, 'x'), 'sha1');
  });

  it('rejects one changed byte with E_HASH_MISMATCH', () => {
    const bad = Buffer.from(tgz);
    bad[100] = (bad[100] ?? 0) ^ 1;
    assert.throws(
      () => verifyHashes(bad, { integrity: INTEGRITY }, 'is-number-7.0.0.tgz'),
      (e: unknown) =>
        (e as { code?: string }).code === 'E_HASH_MISMATCH' &&
        /is-number-7.0.0.tgz.*sha512/.test((e as Error).message),
    );
  });

  it('checks only the strongest algorithm, so a matching sha1 cannot excuse a wrong sha512', () => {
    const wrong512 = `sha512-${createHash('sha512').update('other').digest('base64')}`;
    assert.throws(() => verifyHashes(tgz, { integrity: wrong512, sha1: SHASUM }, 'x'), /sha512/);
  });

  it('checks a PyPI sha256 and reports none when nothing was published', () => {
    const bytes = Buffer.from('wheel');
    const sha = createHash('sha256').update(bytes).digest('hex');
    assert.equal(verifyHashes(bytes, { sha256: sha.toUpperCase() }, 'x'), 'sha256');
    assert.throws(() => verifyHashes(bytes, { sha256: '0'.repeat(64) }, 'x'), /Hash mismatch/);
    assert.equal(verifyHashes(bytes, {}, 'x'), 'none');
  });

  it('parses SRI strings with several tokens and ignores unknown ones', () => {
    const entries = parseIntegrity('md5-abc sha1-AAAA sha512-BBBB?opt');
    assert.deepEqual(
      entries.map((e) => e.algorithm),
      ['sha1', 'sha512'],
    );
  });
});
