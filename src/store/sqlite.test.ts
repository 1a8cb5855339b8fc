import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MIGRATIONS } from './migrations.ts';
import { canonicalEcosystem, normalizePackageName } from './names.ts';
import { resolveDbPath } from './paths.ts';
import { compareTimestamps, openSqliteStore } from './sqlite.ts';
import type { VulnerabilityInput } from './types.ts';

function record(id: string, modified: string, name = 'pkg'): VulnerabilityInput {
  return {
    id,
    modified,
    published: null,
    withdrawn: null,
    summary: `summary of ${id} at ${modified}`,
    info: '{}',
    raw: JSON.stringify({ id, modified }),
    aliases: [`CVE-${id}`],
    affected: [{ ecosystem: 'PyPI', name, data: '{"ranges":[],"versions":[]}' }],
  };
}

describe('SQLite store', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'assay-store-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the schema through numbered migrations, in WAL mode', () => {
    const store = openSqliteStore(join(dir, 'nested', 'fresh.db'));
    try {
      assert.equal(store.schemaVersion(), MIGRATIONS.length);
      const versions = store.database
        .prepare('SELECT version FROM schema_version ORDER BY version')
        .pluck()
        .all();
      assert.deepEqual(
        versions,
        MIGRATIONS.map((m) => m.version),
      );
      assert.equal(store.database.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(store.database.pragma('foreign_keys', { simple: true }), 1);
    } finally {
      store.close();
    }
  });

  it('upgrades an old-version database in place and keeps its data', () => {
    const path = join(dir, 'old.db');
    const old = openSqliteStore(path, { migrations: MIGRATIONS.slice(0, 1) });
    assert.equal(old.schemaVersion(), 1);
    old.upsertVulnerabilities([record('PYSEC-1', '2024-01-01T00:00:00Z')]);
    const tables = () =>
      old.database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'imports'").all();
    assert.deepEqual(tables(), []);
    old.close();

    const store = openSqliteStore(path);
    try {
      assert.equal(store.schemaVersion(), MIGRATIONS.length);
      assert.equal(store.counts().total, 1);
      assert.equal(store.affectedFor('PyPI', 'pkg')[0]?.vulnId, 'PYSEC-1');
      store.logImport({
        source: 'test',
        startedAt: '2024-01-01T00:00:00Z',
        finishedAt: '2024-01-01T00:00:01Z',
        seen: 1,
        inserted: 1,
        updated: 0,
        unchanged: 0,
        invalid: 0,
      });
      assert.equal(store.recentImports(5)[0]?.source, 'test');
    } finally {
      store.close();
    }
  });

  it('refuses a database written by a newer assay', () => {
    const path = join(dir, 'future.db');
    openSqliteStore(path, {
      migrations: [
        ...MIGRATIONS,
        { version: 99, description: 'from the future', sql: 'CREATE TABLE later (x)' },
      ],
    }).close();
    assert.throws(() => openSqliteStore(path), { code: 'E_DATABASE', message: /schema version 99 is newer/ });
  });

  it('rolls back a migration that fails halfway', () => {
    const path = join(dir, 'broken-migration.db');
    const broken = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        description: 'fails after one statement',
        sql: 'CREATE TABLE half (x); SELECT * FROM missing;',
      },
    ];
    assert.throws(() => openSqliteStore(path, { migrations: broken }), { code: 'E_DATABASE' });
    const store = openSqliteStore(path);
    try {
      assert.equal(store.schemaVersion(), MIGRATIONS.length);
      const half = store.database.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").all();
      assert.deepEqual(half, []);
    } finally {
      store.close();
    }
  });

  it('replaces a record only when its modified time is newer, with its affected rows', () => {
    const store = openSqliteStore(':memory:');
    try {
      assert.deepEqual(store.upsertVulnerabilities([record('A', '2024-01-01T00:00:00Z', 'old-name')]), {
        inserted: 1,
        updated: 0,
        unchanged: 0,
      });
      assert.deepEqual(
        store.upsertVulnerabilities([
          record('A', '2024-01-01T00:00:00.000Z', 'same-time'),
          record('A', '2023-12-31T23:59:59Z', 'older'),
        ]),
        { inserted: 0, updated: 0, unchanged: 2 },
      );
      assert.deepEqual(store.upsertVulnerabilities([record('A', '2024-01-01T00:00:00.5Z', 'new-name')]), {
        inserted: 0,
        updated: 1,
        unchanged: 0,
      });
      assert.deepEqual(store.affectedFor('PyPI', 'old-name'), []);
      assert.equal(store.affectedFor('PyPI', 'new-name').length, 1);
      assert.equal(store.getVulnerabilities(['A'])[0]?.modified, '2024-01-01T00:00:00.5Z');
      assert.equal(store.getRawRecord('A'), JSON.stringify({ id: 'A', modified: '2024-01-01T00:00:00.5Z' }));
    } finally {
      store.close();
    }
  });

  it('writes a batch all or nothing', () => {
    const store = openSqliteStore(':memory:');
    try {
      const bad = { ...record('C', '2024-01-01T00:00:00Z'), modified: null as unknown as string };
      assert.throws(() => store.upsertVulnerabilities([record('B', '2024-01-01T00:00:00Z'), bad]), {
        code: 'E_DATABASE',
      });
      assert.equal(store.counts().total, 0);
      assert.deepEqual(store.affectedFor('PyPI', 'pkg'), []);
    } finally {
      store.close();
    }
  });

  it('hides withdrawn records from matching but counts them', () => {
    const store = openSqliteStore(':memory:');
    try {
      store.upsertVulnerabilities([
        { ...record('W', '2024-01-01T00:00:00Z'), withdrawn: '2024-02-01T00:00:00Z' },
      ]);
      assert.deepEqual(store.affectedFor('PyPI', 'pkg'), []);
      assert.deepEqual(
        { total: store.counts().total, withdrawn: store.counts().withdrawn },
        { total: 1, withdrawn: 1 },
      );
    } finally {
      store.close();
    }
  });
});

describe('batch look-ups', () => {
  it('returns the live affected rows of many packages in one call, each naming its package', () => {
    const store = openSqliteStore(':memory:');
    try {
      store.upsertVulnerabilities([
        record('PYSEC-1', '2024-01-01T00:00:00Z', 'alpha'),
        record('PYSEC-2', '2024-01-01T00:00:00Z', 'beta'),
        record('PYSEC-3', '2024-01-01T00:00:00Z', 'alpha'),
        { ...record('PYSEC-4', '2024-01-01T00:00:00Z', 'beta'), withdrawn: '2024-02-01T00:00:00Z' },
        record('PYSEC-5', '2024-01-01T00:00:00Z', 'gamma'),
      ]);
      const rows = store.affectedForPackages('PyPI', ['beta', 'alpha', 'alpha', 'missing']);
      assert.deepEqual(
        rows.map((row) => `${row.name} ${row.vulnId}`),
        ['alpha PYSEC-1', 'alpha PYSEC-3', 'beta PYSEC-2'],
      );
      assert.deepEqual(
        store.getVulnerabilities(['PYSEC-3', 'nope', 'PYSEC-1', 'PYSEC-3']).map((row) => row.summary),
        ['summary of PYSEC-3 at 2024-01-01T00:00:00Z', 'summary of PYSEC-1 at 2024-01-01T00:00:00Z'],
      );
      assert.deepEqual(store.affectedForPackages('PyPI', []), []);
      assert.deepEqual(store.affectedForPackages('npm', ['alpha']), []);
      // More names than one batch holds still come back complete.
      const many = Array.from({ length: 12_000 }, (_, i) => `name-${i}`);
      assert.equal(store.affectedForPackages('PyPI', [...many, 'gamma'])[0]?.vulnId, 'PYSEC-5');
    } finally {
      store.close();
    }
  });
});

describe('store helpers', () => {
  it('compares RFC 3339 timestamps by instant, then by sub-millisecond digits', () => {
    assert.equal(compareTimestamps('2024-01-01T00:00:00Z', '2024-01-01T00:00:00.000Z'), 0);
    assert.equal(compareTimestamps('2024-01-01T01:00:00+01:00', '2024-01-01T00:00:00Z'), 0);
    assert.equal(compareTimestamps('2024-01-01T00:00:00.000002Z', '2024-01-01T00:00:00.000001Z'), 1);
    assert.equal(compareTimestamps('2023-12-31T23:59:59Z', '2024-01-01T00:00:00Z'), -1);
  });

  it('normalizes PyPI names per PEP 503 and leaves npm names alone', () => {
    assert.equal(normalizePackageName('PyPI', 'Foo_Bar'), 'foo-bar');
    assert.equal(normalizePackageName('pypi', 'foo..-_bar'), 'foo-bar');
    assert.equal(normalizePackageName('npm', '@Scope/Some_Pkg'), '@Scope/Some_Pkg');
    assert.equal(canonicalEcosystem('PYPI'), 'PyPI');
    assert.equal(canonicalEcosystem('NPM'), 'npm');
    assert.equal(canonicalEcosystem('crates.io'), 'crates.io');
  });

  it('resolves the database path: --db, then $ASSAY_DB, then the XDG cache', () => {
    assert.equal(resolveDbPath('/x/given.db', { ASSAY_DB: '/y/env.db' }), '/x/given.db');
    assert.equal(resolveDbPath(undefined, { ASSAY_DB: '/y/env.db', XDG_CACHE_HOME: '/c' }), '/y/env.db');
    assert.equal(resolveDbPath(undefined, { XDG_CACHE_HOME: '/c' }), join('/c', 'assay', 'assay.db'));
    assert.equal(
      resolveDbPath(undefined, { HOME: '/home/u' }),
      join('/home/u', '.cache', 'assay', 'assay.db'),
    );
  });
});
