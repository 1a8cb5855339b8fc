import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Cache, defaultCacheDir } from './cache.ts';
import { sha256Hex } from './hash.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'assay-cache-'));
  dirs.push(d);
  return d;
}
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('Cache', () => {
  it('stores blobs by sha256 under blobs/ab/ and reads them back', async () => {
    const cache = new Cache({ dir: tempDir() });
    const bytes = Buffer.from('some artifact');
    const sha = await cache.putBlob(bytes);
    assert.equal(sha, sha256Hex(bytes));
    assert.ok(existsSync(join(cache.dir, 'blobs', sha.slice(0, 2), sha)));
    assert.deepEqual(await cache.getBlob(sha), bytes);
    assert.equal(await cache.getBlob('f'.repeat(64)), undefined);
    assert.equal(await cache.getBlob('../../etc/passwd'), undefined);
    // Nothing is left behind in tmp/ after the atomic rename.
    assert.deepEqual(readdirSync(join(cache.dir, 'tmp')), []);
  });

  it('treats a corrupted blob as a miss and removes it', async () => {
    const cache = new Cache({ dir: tempDir() });
    const sha = await cache.putBlob(Buffer.from('original'));
    writeFileSync(cache.blobPath(sha), 'tampered');
    assert.equal(await cache.getBlob(sha), undefined);
    assert.equal(existsSync(cache.blobPath(sha)), false);
  });

  it('evicts the least recently used blobs past the size cap', async () => {
    let now = 1_000_000;
    const cache = new Cache({ dir: tempDir(), maxBytes: 250, now: () => now });
    const a = await cache.putBlob(Buffer.alloc(100, 1));
    now += 1000;
    const b = await cache.putBlob(Buffer.alloc(100, 2));
    now += 1000;
    assert.ok(await cache.getBlob(a)); // a is now more recent than b
    now += 1000;
    const c = await cache.putBlob(Buffer.alloc(100, 3));
    assert.equal(existsSync(cache.blobPath(b)), false, 'the least recently used blob goes');
    assert.ok(existsSync(cache.blobPath(a)));
    assert.ok(existsSync(cache.blobPath(c)));
    assert.equal(await cache.totalBytes(), 200);
  });

  it('keeps metadata with a TTL and validators, and maps refs to blobs', async () => {
    let now = 5000;
    const cache = new Cache({ dir: tempDir(), metadataTtlMs: 1000, now: () => now });
    await cache.putMeta('k', {
      url: 'https://r.example/x',
      body: Buffer.from('{}'),
      etag: '"v1"',
      contentType: 'application/json',
    });
    const entry = await cache.getMeta('k');
    assert.ok(entry);
    assert.equal(entry.etag, '"v1"');
    assert.equal(entry.body.toString(), '{}');
    assert.equal(cache.isFresh(entry), true);
    now += 1001;
    assert.equal(cache.isFresh(entry), false);
    await cache.refreshMeta(entry);
    const refreshed = await cache.getMeta('k');
    assert.ok(refreshed && cache.isFresh(refreshed));
    assert.equal(await cache.getMeta('other'), undefined);
    const sha = await cache.putBlob(Buffer.from('tarball'));
    await cache.putRef('integrity sha512-xyz', sha);
    assert.equal((await cache.getRef('integrity sha512-xyz'))?.toString(), 'tarball');
  });

  it('picks its directory from ASSAY_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache', () => {
    assert.equal(defaultCacheDir({ ASSAY_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' }), '/c');
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/x', HOME: '/h' }), '/x/assay');
    assert.equal(defaultCacheDir({ HOME: '/h' }), '/h/.cache/assay');
  });
});
