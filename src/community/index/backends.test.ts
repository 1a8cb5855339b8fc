/**
 * The same scenario on both backends of the CommunityIndex contract: SQLite (through asyncIndex) and a
 * PostgreSQL server this test starts in a temporary directory and stops afterwards.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { MIGRATIONS } from '../../store/migrations.ts';
import { POSTGRES_MIGRATIONS } from '../../store/migrations-postgres.ts';
import { openPostgres } from '../../store/postgres.ts';
import { type PostgresServer, startPostgres } from '../../store/postgres-server.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import { asyncIndex } from './async.ts';
import { openPostgresIndex } from './postgres.ts';
import { openCommunityStore } from './sqlite.ts';
import type { CommunityIndex, FindingKind, IndexEntry } from './types.ts';

const ANALYZER = '0.1.0+c.parity01';
let serial = 0;

function entry(
  name: string,
  version: string,
  findings: readonly [FindingKind, string][],
  options: { rank?: number; deps?: string[]; verdict?: string; dev?: string[] } = {},
): IndexEntry {
  serial++;
  return {
    ecosystem: 'npm',
    name,
    version,
    artifact: {
      sha256: `${name}-${version}`.padEnd(64, '0'),
      filename: `${name}-${version}.tgz`,
      size: 100 + serial,
      format: 'tar.gz',
      origin: 'test',
    },
    analyzerVersion: ANALYZER,
    scannedAt: '2026-01-01T00:00:00.000Z',
    complete: true,
    durationMs: 5,
    ...(options.verdict === undefined ? {} : { verdict: options.verdict }),
    findings: findings.map(([kind, id]) => ({ kind, id, count: 1 })),
    dependencies: [
      ...(options.deps ?? []).map((dep) => ({ name: dep, kind: 'runtime', specifier: '^1' })),
      ...(options.dev ?? []).map((dep) => ({ name: dep, kind: 'dev', specifier: '^1' })),
    ],
    popularity:
      options.rank === undefined ? [] : [{ source: 'test', rank: options.rank, date: '2026-01-01' }],
  };
}

async function scenario(index: CommunityIndex): Promise<unknown> {
  await index.recordCatalog(ANALYZER, { behavior: ['reads-env', 'spawns-process'], issue: ['TH1'] });
  await index.recordScan(entry('a', '1.0.0', [['behavior', 'reads-env']], { rank: 5, deps: ['lib', 'b'] }));
  await index.recordScan(entry('a', '2.0.0', [['behavior', 'spawns-process']], { rank: 5, deps: ['lib'] }));
  await index.recordScan(
    entry(
      'b',
      '1.0.0',
      [
        ['behavior', 'reads-env'],
        ['issue', 'TH1'],
      ],
      { rank: 500, verdict: 'fail', deps: ['lib', 'c'] },
    ),
  );
  await index.recordScan(entry('d', '1.0.0', [], { dev: ['lib', 'devonly'] }));
  // The same scan recorded twice (a retried job) leaves one copy.
  await index.recordScan(entry('d', '1.0.0', [], { dev: ['lib', 'devonly'] }));
  const state = await index.refresh('npm');
  return {
    packages: state.packages,
    analyzer: state.analyzerVersion,
    stale: (await index.state('npm'))?.stale,
    readsEnv: await index.prevalence('npm', 'behavior', 'reads-env'),
    spawns: await index.prevalence('npm', 'behavior', 'spawns-process'),
    unknown: await index.prevalence('npm', 'behavior', 'not-in-catalog'),
    all: Object.fromEntries(
      Object.entries(await index.allPrevalence('npm')).map(([k, m]) => [k, Object.fromEntries(m)]),
    ),
    libDependents: await index.dependentsCount('npm', 'lib'),
    dependents: Object.fromEntries([...(await index.dependentsCounts('npm'))].sort()),
    crawl: await index.unindexedDependencies('npm', 10),
    failures: await index.failures('npm'),
    rankB: await index.rankOf('npm', 'b'),
    indexedA2: await index.isVersionIndexed('npm', 'a', '2.0.0', ANALYZER),
    indexedA3: await index.isVersionIndexed('npm', 'a', '3.0.0', ANALYZER),
    indexedPkg: await index.isPackageIndexed('npm', 'a', ANALYZER),
    indexedOther: await index.isPackageIndexed('npm', 'a', 'other'),
    artifact: await index.isArtifactIndexed('b-1.0.0'.padEnd(64, '0'), ANALYZER),
  };
}

describe('community index backends', () => {
  let server: PostgresServer;
  before(async () => {
    server = await startPostgres();
  });
  after(() => server?.stop());

  it('gives the same answers on SQLite and on PostgreSQL', async () => {
    const sqlite = asyncIndex(openCommunityStore(':memory:'));
    const fromSqlite = await scenario(sqlite);
    await sqlite.close();
    const postgres = await openPostgresIndex(server.url);
    try {
      const fromPostgres = await scenario(postgres);
      assert.deepEqual(fromPostgres, fromSqlite);
      // And the figures themselves, so both cannot be wrong the same way.
      const got = fromPostgres as Record<string, unknown>;
      assert.deepEqual(got['packages'], { top100: 1, top1k: 2, top10k: 2, community: 3 });
      assert.equal(got['libDependents'], 2);
      assert.deepEqual(got['crawl'], ['lib', 'c']);
      assert.deepEqual(got['failures'], [{ name: 'b', version: '1.0.0', rank: 500, issues: ['TH1'] }]);
      assert.equal(got['unknown'], null);
      const rows = await postgres.pool.query('SELECT COUNT(*)::int AS n FROM community_scans');
      assert.equal(rows.rows[0].n, 4);
    } finally {
      await postgres.close();
    }
  });

  it('caches facts the same way on SQLite and on PostgreSQL', async () => {
    const key = (n: number, variant = 'python') => ({ sha256: String(n).padStart(64, '0'), variant });
    const factsScenario = async (index: CommunityIndex) => {
      const cache = index.factsCache;
      assert.ok(cache !== undefined);
      await cache.putFacts('an', [
        { ...key(1), payload: new Uint8Array([1, 2, 3]) },
        { ...key(1, 'tsx'), payload: new Uint8Array([4]) },
        { ...key(2), payload: new Uint8Array([5, 6]) },
      ]);
      // A second write replaces the row (a payload that failed its checks heals).
      await cache.putFacts('an', [{ ...key(2), payload: new Uint8Array([9]) }]);
      const found = await cache.getFacts('an', [key(1), key(1, 'tsx'), key(2), key(3)]);
      const other = await cache.getFacts('other-analyzer', [key(1)]);
      // More rows than one statement takes, every byte value, and one key twice in a write (the last wins).
      const every = new Uint8Array(256).map((_, i) => i);
      const many = Array.from({ length: 1201 }, (_, i) => ({ ...key(100 + i), payload: every.slice(i % 7) }));
      await cache.putFacts('bulk', [...many, { ...key(100), payload: new Uint8Array([42]) }]);
      const bulk = await cache.getFacts('bulk', [key(100), key(101), key(1300), key(1301)]);
      return {
        found: Object.fromEntries([...found].map(([id, bytes]) => [id, [...bytes]]).sort()),
        other: other.size,
        bulk: Object.fromEntries([...bulk].map(([id, bytes]) => [id, [...bytes]]).sort()),
      };
    };
    const sqlite = asyncIndex(openCommunityStore(':memory:'));
    const fromSqlite = await factsScenario(sqlite);
    await sqlite.close();
    const postgres = await openPostgresIndex(server.url);
    try {
      const fromPostgres = await factsScenario(postgres);
      assert.deepEqual(fromPostgres, fromSqlite);
      assert.equal(Object.keys(fromPostgres.found).length, 3);
      assert.equal(fromPostgres.other, 0);
      assert.deepEqual(
        (Object.values(fromPostgres.bulk) as number[][]).map((bytes) => bytes.length),
        [1, 255, 253],
      );
    } finally {
      await postgres.close();
    }
  });

  it('migrates both backends to the same version with the same columns', async () => {
    assert.deepEqual(
      POSTGRES_MIGRATIONS.map((m) => [m.version, m.description]),
      MIGRATIONS.map((m) => [m.version, m.description]),
    );
    const sqlite = openSqliteStore(':memory:');
    const sqliteColumns = new Map<string, string[]>();
    for (const table of sqlite.database
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[]) {
      const cols = sqlite.database
        .prepare(`SELECT name FROM pragma_table_info(?)`)
        .pluck()
        .all(table) as string[];
      sqliteColumns.set(table, cols.sort());
    }
    sqlite.close();
    const pool = await openPostgres(server.url);
    try {
      const { rows } = await pool.query<{ table_name: string; column_name: string }>(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'",
      );
      const pgColumns = new Map<string, string[]>();
      for (const row of rows)
        pgColumns.set(row.table_name, [...(pgColumns.get(row.table_name) ?? []), row.column_name]);
      for (const cols of pgColumns.values()) cols.sort();
      assert.deepEqual(
        Object.fromEntries([...pgColumns].sort()),
        Object.fromEntries([...sqliteColumns].sort()),
      );
    } finally {
      await pool.end();
    }
  });

  it('lets many processes migrate one database at once', async () => {
    const db = `concurrent_${process.pid}`;
    const admin = new pg.Client(server.url);
    await admin.connect();
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.end();
    const url = server.url.replace(/\/postgres$/, `/${db}`);
    const pools = await Promise.all([1, 2, 3, 4].map(() => openPostgres(url)));
    const versions = await Promise.all(
      pools.map(async (pool) => (await pool.query('SELECT MAX(version) AS v FROM schema_version')).rows[0].v),
    );
    assert.deepEqual(
      versions,
      [4, 4, 4, 4].map(() => POSTGRES_MIGRATIONS.at(-1)?.version),
    );
    await Promise.all(pools.map((pool) => pool.end()));
  });

  it('refuses a database migrated by a newer assay, with E_DATABASE', async () => {
    const pool = await openPostgres(server.url);
    await pool.query("INSERT INTO schema_version VALUES (99, 'future', 'now')");
    await pool.end();
    await assert.rejects(openPostgres(server.url), {
      code: 'E_DATABASE',
      message: /schema version 99 is newer/,
    });
    const cleanup = new pg.Client(server.url);
    await cleanup.connect();
    await cleanup.query('DELETE FROM schema_version WHERE version = 99');
    await cleanup.end();
  });
});
