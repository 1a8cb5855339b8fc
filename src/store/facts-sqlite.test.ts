import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { evictionCutoff, factsCacheBytes } from './facts-limits.ts';
import { factsCachePath, lazyFactsCache } from './facts-open.ts';
import { SqliteFactsCache } from './facts-sqlite.ts';
import { openSqliteStore } from './sqlite.ts';

const key = (n: number, variant = 'python') => ({ sha256: n.toString(16).padStart(64, '0'), variant });
const bytes = (n: number, size = 100) => new Uint8Array(size).fill(n);

describe('facts cache in SQLite', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'assay-facts-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('stores and reads payloads by (sha256, analyzer, variant); a new write replaces a row', async () => {
    const store = openSqliteStore(join(dir, 'a.db'));
    try {
      const cache = new SqliteFactsCache(store.database);
      await cache.putFacts('an1', [
        { ...key(1), payload: bytes(1) },
        { ...key(1, 'tsx'), payload: bytes(2) },
      ]);
      await cache.putFacts('an1', [{ ...key(1), payload: bytes(9) }]);
      const found = await cache.getFacts('an1', [key(1), key(1, 'tsx'), key(2)]);
      assert.deepEqual([...found.keys()].sort(), [
        `${key(1).sha256}\u0000python`,
        `${key(1).sha256}\u0000tsx`,
      ]);
      assert.deepEqual(found.get(`${key(1).sha256}\u0000python`), Buffer.from(bytes(9)));
      assert.equal((await cache.getFacts('an2', [key(1)])).size, 0, 'another analyzer sees nothing');
      assert.equal(cache.totalBytes(), 200);
    } finally {
      store.close();
    }
  });

  it('stays under its size cap, evicting the least recently used rows', async () => {
    const store = openSqliteStore(join(dir, 'b.db'));
    try {
      let clock = 10_000_000;
      const cache = new SqliteFactsCache(store.database, { maxBytes: 1000, now: () => clock });
      for (let n = 0; n < 8; n++) {
        clock += 2 * 24 * 60;
        await cache.putFacts('an', [{ ...key(n), payload: bytes(n) }]);
      }
      // Row 0 is read a day later: it becomes the most recently used.
      clock += 2 * 24 * 60;
      assert.equal((await cache.getFacts('an', [key(0)])).size, 1);
      for (let n = 8; n < 12; n++) {
        clock += 1;
        await cache.putFacts('an', [{ ...key(n), payload: bytes(n) }]);
      }
      assert.ok(cache.totalBytes() <= 1000);
      const left = await cache.getFacts(
        'an',
        Array.from({ length: 12 }, (_, n) => key(n)),
      );
      assert.ok(left.has(`${key(0).sha256}\u0000python`), 'the row just read is kept');
      assert.ok(left.has(`${key(11).sha256}\u0000python`), 'the newest row is kept');
      assert.ok(!left.has(`${key(1).sha256}\u0000python`), 'the oldest unread row is gone');
    } finally {
      store.close();
    }
  });

  it('never returns an oversized row', async () => {
    const store = openSqliteStore(join(dir, 'c.db'));
    try {
      store.database
        .prepare(
          'INSERT INTO analysis_facts (sha256, analyzer, variant, size, used, payload) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(key(5).sha256, 'an', 'python', 1, 0, Buffer.alloc(9 * 1024 * 1024));
      const cache = new SqliteFactsCache(store.database);
      assert.equal((await cache.getFacts('an', [key(5)])).size, 0);
    } finally {
      store.close();
    }
  });

  it('evicts down to nine tenths of the cap', () => {
    assert.equal(evictionCutoff([{ size: 40 }, { size: 40 }, { size: 40 }], 100), 2);
    assert.equal(evictionCutoff([{ size: 10 }], 100), 1);
    assert.equal(factsCacheBytes({ ASSAY_FACTS_CACHE_MB: '2' }), 2 * 1024 * 1024);
    assert.equal(factsCacheBytes({ ASSAY_FACTS_CACHE_MB: 'lots' }), 1024 * 1024 * 1024);
  });

  it('the command line cache: its own file, off on request, a miss when it cannot open', async () => {
    assert.equal(factsCachePath({ HOME: '/h' }), '/h/.cache/assay/facts.db');
    assert.equal(factsCachePath({ XDG_CACHE_HOME: '/x', ASSAY_FACTS_DB: '/f.db' }), '/f.db');
    assert.equal(factsCachePath({ ASSAY_FACTS_CACHE: 'off' }), undefined);
    const notADatabase = join(dir, 'junk.db');
    writeFileSync(notADatabase, 'this is not a SQLite file, and it is long enough to be read as one........');
    const cache = lazyFactsCache(notADatabase);
    assert.equal((await cache.getFacts('an', [key(1)])).size, 0);
    await cache.putFacts('an', [{ ...key(1), payload: bytes(1) }]);
    cache.close();
    const good = lazyFactsCache(join(dir, 'd.db'));
    await good.putFacts('an', [{ ...key(1), payload: bytes(1) }]);
    assert.equal((await good.getFacts('an', [key(1)])).size, 1);
    good.close();
  });
});
