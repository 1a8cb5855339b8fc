/**
 * The site reads the same answers from a SQLite and a PostgreSQL community index holding the same scans:
 * listings, search, package pages with versions and findings, prevalence, dependents, the packages showing an
 * id, and a revision that changes with a write and not with a read. The PostgreSQL server is started here in a
 * temporary directory and stopped afterwards.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asyncIndex } from '../../community/index/async.ts';
import { openPostgresIndex } from '../../community/index/postgres.ts';
import { openCommunityStore } from '../../community/index/sqlite.ts';
import type { CommunityIndex, FindingKind, IndexEntry } from '../../community/index/types.ts';
import { type PostgresServer, startPostgres } from '../../store/postgres-server.ts';
import { PostgresSiteIndex } from './postgres-index.ts';
import { SnapshotPrevalence } from './snapshot-source.ts';
import { SqliteSiteIndex } from './sqlite-index.ts';
import type { SiteIndex } from './types.ts';

const ANALYZER = '0.1.0+c.site01';

function entry(
  name: string,
  version: string,
  findings: readonly [FindingKind, string][],
  options: { rank?: number; deps?: string[]; day?: number; complete?: boolean } = {},
): IndexEntry {
  return {
    ecosystem: 'npm',
    name,
    version,
    artifact: {
      sha256: `${name}-${version}`.padEnd(64, '0'),
      filename: `${name}-${version}.tgz`,
      size: 1000 + version.length,
      format: 'tar.gz',
      origin: 'test',
    },
    analyzerVersion: ANALYZER,
    scannedAt: `2026-01-0${options.day ?? 1}T00:00:00.000Z`,
    complete: options.complete ?? true,
    durationMs: 5,
    findings: findings.map(([kind, id]) => ({ kind, id, count: 2 })),
    dependencies: (options.deps ?? []).map((dep) => ({ name: dep, kind: 'runtime', specifier: '^1' })),
    popularity:
      options.rank === undefined ? [] : [{ source: 'test', rank: options.rank, date: '2026-01-01' }],
  };
}

async function fill(index: CommunityIndex): Promise<void> {
  await index.recordCatalog(ANALYZER, { behavior: ['reads-env', 'spawns-process'], issue: ['TH1'] });
  await index.recordScan(
    entry('left_pad', '1.0.0', [['behavior', 'reads-env']], { rank: 40, deps: ['lib'] }),
  );
  await index.recordScan(
    entry('left_pad', '1.1.0', [['behavior', 'spawns-process']], { rank: 40, deps: ['lib'], day: 2 }),
  );
  await index.recordScan(
    entry(
      'pad-more',
      '2.0.0',
      [
        ['behavior', 'reads-env'],
        ['issue', 'TH1'],
      ],
      { rank: 7, deps: ['lib', 'left_pad'], day: 3 },
    ),
  );
  await index.recordScan(entry('lib', '1.0.0', [['behavior', 'reads-env']], { day: 4, complete: false }));
  await index.refresh('npm');
}

async function answers(site: SiteIndex): Promise<unknown> {
  const revision = await site.revision();
  const out = {
    sources: (await site.sources()).map((source) => ({
      ...source,
      name: source.name.replace(/\(.*\)/, '(…)'),
    })),
    counts: await site.indexedCounts(),
    recent: await site.recent(10),
    searchPad: await site.search('PAD', null, 10),
    searchNpm: await site.search('left_pad', 'npm', 10),
    searchPypi: await site.search('pad', 'pypi', 10),
    searchPercent: await site.search('%', null, 10),
    leftPad: await site.package('npm', 'left_pad'),
    lib: await site.package('npm', 'lib'),
    missing: await site.package('npm', 'nope'),
    readsEnv: await site.prevalence('npm', 'behavior', 'reads-env'),
    unknown: await site.prevalence('npm', 'behavior', 'not-in-catalog'),
    showing: await site.packagesShowing('npm', 'behavior', 'reads-env', 5),
    showingIssue: await site.packagesShowing('npm', 'issue', 'TH1', 5),
  };
  // Reading changes nothing, so the revision a page was cached under still holds.
  assert.equal(await site.revision(), revision);
  // The clock of the refresh and the index's location differ between the two runs by nature.
  return JSON.parse(
    JSON.stringify(out, (key, value: unknown) =>
      key === 'built'
        ? '(refresh time)'
        : typeof value === 'string' && value.startsWith('local community index')
          ? 'local community index'
          : value,
    ),
  ) as unknown;
}

describe('site index backends', () => {
  let server: PostgresServer;
  before(async () => {
    server = await startPostgres();
  });
  after(() => server?.stop());

  it('answers the same on SQLite and PostgreSQL, and the revision moves with a write', async () => {
    const store = openCommunityStore(':memory:');
    await fill(asyncIndex(store));
    const sqlite = new SqliteSiteIndex(store, new SnapshotPrevalence());
    const fromSqlite = await answers(sqlite);

    const writer = await openPostgresIndex(server.url);
    await fill(writer);
    const postgres = new PostgresSiteIndex(await openPostgresIndex(server.url), new SnapshotPrevalence());
    try {
      const fromPostgres = (await answers(postgres)) as Record<string, unknown>;
      assert.deepEqual(fromPostgres, fromSqlite);
      // And the figures themselves, so that both cannot be wrong the same way.
      assert.deepEqual(
        (fromPostgres['recent'] as { name: string }[]).map((ref) => ref.name),
        ['lib', 'pad-more', 'left_pad'],
      );
      assert.deepEqual(
        (fromPostgres['searchPad'] as { name: string }[]).map((ref) => ref.name),
        ['pad-more', 'left_pad'],
      );
      const leftPad = fromPostgres['leftPad'] as {
        versions: { version: string; findings: unknown[] }[];
        dependents: number;
      };
      assert.deepEqual(
        leftPad.versions.map((v) => v.version),
        ['1.1.0', '1.0.0'],
      );
      assert.deepEqual(leftPad.versions[0]?.findings, [{ kind: 'behavior', id: 'spawns-process', count: 2 }]);
      assert.equal(leftPad.dependents, 1);
      assert.equal(
        (fromPostgres['lib'] as { versions: { complete: boolean }[] }).versions[0]?.complete,
        false,
      );
      assert.deepEqual(
        (fromPostgres['showing'] as { name: string; rank: number | null }[]).map((ref) => [
          ref.name,
          ref.rank,
        ]),
        [
          ['pad-more', 7],
          ['lib', null],
        ],
      );
      const before = await postgres.revision();
      await writer.recordScan(entry('newcomer', '0.1.0', [], { day: 5 }));
      assert.notEqual(await postgres.revision(), before);
    } finally {
      await postgres.close();
      await writer.close();
      await sqlite.close();
    }
  });
});
