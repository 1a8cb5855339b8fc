import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MIGRATIONS } from '../../store/migrations.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import { bandOf, toPrevalence } from './bands.ts';
import { openCommunityStore, type SqliteCommunityStore } from './sqlite.ts';
import type { FindingKind, IndexEntry } from './types.ts';

const ANALYZER = '0.1.0+c.test0001';

let serial = 0;
function entry(
  name: string,
  version: string,
  findings: readonly [FindingKind, string][],
  options: {
    rank?: number;
    ecosystem?: 'npm' | 'pypi';
    deps?: string[];
    analyzer?: string;
    sha?: string;
  } = {},
): IndexEntry {
  serial++;
  return {
    ecosystem: options.ecosystem ?? 'npm',
    name,
    version,
    artifact: {
      sha256: options.sha ?? serial.toString(16).padStart(64, '0'),
      filename: `${name}-${version}.tgz`,
      size: 100,
      format: 'tar.gz',
      origin: 'test',
    },
    analyzerVersion: options.analyzer ?? ANALYZER,
    scannedAt: '2026-01-01T00:00:00.000Z',
    complete: true,
    durationMs: 5,
    findings: findings.map(([kind, id]) => ({ kind, id, count: 2 })),
    dependencies: (options.deps ?? []).map((dep) => ({ name: dep, kind: 'runtime', specifier: '^1' })),
    popularity:
      options.rank === undefined ? [] : [{ source: 'test-ranking', rank: options.rank, date: '2026-01-01' }],
  };
}

describe('community store', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'assay-community-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function fresh(): SqliteCommunityStore {
    const store = openCommunityStore(':memory:');
    store.recordCatalog(ANALYZER, {
      behavior: ['reads-env', 'spawns-process', 'never-seen'],
      issue: ['TH1'],
    });
    return store;
  }

  it('adds the community tables as migration 3 on top of an existing vulnerability database', () => {
    const path = join(dir, 'upgrade.db');
    const old = openSqliteStore(path, { migrations: MIGRATIONS.slice(0, 2) });
    assert.equal(old.schemaVersion(), 2);
    old.close();
    const store = openCommunityStore(path);
    try {
      const version = store.database.prepare('SELECT MAX(version) FROM schema_version').pluck().get();
      assert.equal(version, MIGRATIONS.at(-1)?.version);
      const tables = store.database
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'community_%' ORDER BY name",
        )
        .pluck()
        .all();
      assert.deepEqual(tables, [
        'community_artifacts',
        'community_catalogs',
        'community_dependencies',
        'community_findings',
        'community_packages',
        'community_popularity',
        'community_prevalence',
        'community_scans',
        'community_state',
        'community_versions',
      ]);
    } finally {
      store.close();
    }
  });

  it('counts distinct packages per cumulative tier, once per package however many artifacts show an id', () => {
    const store = fresh();
    store.recordScan(entry('a', '1.0.0', [['behavior', 'reads-env']], { rank: 5 }));
    store.recordScan(entry('b', '1.0.0', [['behavior', 'reads-env']], { rank: 500 }));
    store.recordScan(entry('c', '1.0.0', [['behavior', 'reads-env']], { rank: 5000 }));
    store.recordScan(
      entry('d', '1.0.0', [
        ['behavior', 'reads-env'],
        ['issue', 'TH1'],
      ]),
    );
    // A second artifact of a's version with the same behavior: a still counts once.
    store.recordScan(entry('a', '1.0.0', [['behavior', 'reads-env']], { rank: 5 }));
    const state = store.refresh('npm');
    assert.deepEqual(state.packages, { top100: 1, top1k: 2, top10k: 3, community: 4 });
    assert.equal(state.analyzerVersion, ANALYZER);
    assert.deepEqual(store.prevalence('npm', 'behavior', 'reads-env'), {
      top100: 1,
      top1k: 2,
      top10k: 3,
      community: 4,
    });
    assert.deepEqual(store.prevalence('npm', 'issue', 'TH1'), {
      top100: 0,
      top1k: 0,
      top10k: 0,
      community: 1,
    });
    store.close();
  });

  it('counts only the latest indexed version of each package, by version order, not by arrival', () => {
    const store = fresh();
    store.recordScan(entry('a', '2.0.0', [['behavior', 'spawns-process']], { rank: 1 }));
    store.recordScan(entry('a', '1.5.0', [['behavior', 'reads-env']], { rank: 1 }));
    store.refresh('npm');
    assert.equal(store.prevalence('npm', 'behavior', 'spawns-process')?.community, 1);
    assert.equal(store.prevalence('npm', 'behavior', 'reads-env')?.community, 0);
    store.recordScan(entry('a', '10.0.0', [['behavior', 'reads-env']], { rank: 1 }));
    store.refresh('npm');
    assert.equal(store.prevalence('npm', 'behavior', 'spawns-process')?.community, 0);
    assert.equal(store.prevalence('npm', 'behavior', 'reads-env')?.top100, 1);
    assert.equal(store.state('npm')?.packages.community, 1);
    store.close();
  });

  it('tells unknown ids (null) from known ids that no package shows (zero)', () => {
    const store = fresh();
    store.recordScan(entry('a', '1.0.0', [['behavior', 'reads-env']]));
    store.refresh('npm');
    assert.deepEqual(store.prevalence('npm', 'behavior', 'never-seen'), {
      top100: 0,
      top1k: 0,
      top10k: 0,
      community: 0,
    });
    assert.equal(store.prevalence('npm', 'behavior', 'added-later'), null);
    assert.equal(store.prevalence('pypi', 'behavior', 'reads-env'), null);
    store.close();
  });

  it('knows an id only when every analyzer version among the counted scans knew it', () => {
    const store = fresh();
    const newer = '0.2.0+c.test0002';
    store.recordCatalog(newer, { behavior: ['reads-env', 'brand-new'], issue: ['TH1'] });
    store.recordScan(entry('a', '1.0.0', [['behavior', 'reads-env']], { analyzer: ANALYZER }));
    store.recordScan(entry('b', '1.0.0', [['behavior', 'brand-new']], { analyzer: newer }));
    store.refresh('npm');
    assert.equal(store.prevalence('npm', 'behavior', 'brand-new'), null, 'package a could not have shown it');
    assert.equal(store.prevalence('npm', 'behavior', 'reads-env')?.community, 1);
    // Re-scanning a with the newer analyzer makes the new id known.
    store.recordScan(
      entry('a', '1.0.0', [['behavior', 'reads-env']], { analyzer: newer, sha: 'f'.repeat(64) }),
    );
    store.database
      .prepare('DELETE FROM community_artifacts WHERE sha256 <> ? AND filename LIKE ?')
      .run('f'.repeat(64), 'a-%');
    store.refresh('npm');
    assert.equal(store.prevalence('npm', 'behavior', 'brand-new')?.community, 1);
    store.close();
  });

  it('skips what is indexed at the same analyzer version, by package and by artifact', () => {
    const store = fresh();
    const e = entry('left-pad', '1.3.0', [], { sha: 'a'.repeat(64) });
    assert.equal(store.isPackageIndexed('npm', 'left-pad', ANALYZER), false);
    store.recordScan(e);
    assert.equal(store.isPackageIndexed('npm', 'left-pad', ANALYZER), true);
    assert.equal(store.isPackageIndexed('npm', 'left-pad', '9.9.9'), false);
    assert.equal(store.isArtifactIndexed('a'.repeat(64), ANALYZER), true);
    assert.equal(store.isArtifactIndexed('a'.repeat(64), '9.9.9'), false);
    store.close();
  });

  it('keeps the database consistent when a write fails half-way', () => {
    const store = fresh();
    store.recordScan(entry('ok', '1.0.0', [['behavior', 'reads-env']]));
    store.refresh('npm');
    const broken = entry('broken', '1.0.0', [['behavior', 'reads-env']]);
    // The CHECK constraint on the finding kind fails after the package, version and artifact rows were written.
    const bad = { ...broken, findings: [{ kind: 'nonsense' as FindingKind, id: 'x', count: 1 }] };
    assert.throws(() => store.recordScan(bad), { code: 'E_DATABASE' });
    const names = store.database.prepare('SELECT name FROM community_packages ORDER BY name').pluck().all();
    assert.deepEqual(names, ['ok']);
    assert.equal(store.database.prepare('SELECT COUNT(*) FROM community_artifacts').pluck().get(), 1);
    assert.equal(store.state('npm')?.stale, false, 'the failed write did not mark the counts stale');
    store.close();
  });

  it('marks counts stale in the same transaction as a write, and refresh brings them up to date', () => {
    const store = fresh();
    store.recordScan(entry('a', '1.0.0', [['behavior', 'reads-env']]));
    assert.equal(store.state('npm')?.stale, true);
    assert.equal(store.prevalence('npm', 'behavior', 'reads-env'), null, 'not counted before a refresh');
    store.refresh('npm');
    assert.equal(store.state('npm')?.stale, false);
    assert.equal(store.prevalence('npm', 'behavior', 'reads-env')?.community, 1);
    store.close();
  });

  it('normalizes PyPI names and answers dependents and ranks from the latest versions', () => {
    const store = fresh();
    store.recordScan(entry('Requests', '2.0', [], { ecosystem: 'pypi', rank: 4, deps: ['urllib3', 'idna'] }));
    store.recordScan(entry('botocore', '1.0', [], { ecosystem: 'pypi', deps: ['urllib3'] }));
    store.recordScan(entry('botocore', '2.0', [], { ecosystem: 'pypi', deps: ['jmespath'] }));
    store.recordPopularity('pypi', [
      { name: 'requests', source: 'own-ranking', rank: 2, date: '2026-02-01' },
    ]);
    assert.equal(store.dependentsCount('pypi', 'urllib3'), 1, 'botocore 2.0 no longer depends on it');
    assert.equal(store.dependentsCount('pypi', 'JMESPath'), 1);
    assert.equal(store.dependentsCount('pypi', 'nothing'), 0);
    assert.deepEqual(store.rankOf('pypi', 'REQUESTS'), {
      rank: 2,
      source: 'own-ranking',
      date: '2026-02-01',
    });
    assert.equal(store.rankOf('pypi', 'botocore'), null);
    assert.equal(store.refresh('pypi').packages.top100, 1);
    store.close();
  });
});

describe('prevalence bands', () => {
  const thick = { top100: 100, top1k: 1000, top10k: 1000, community: 1000 };
  const thin = { top100: 10, top1k: 40, top10k: 40, community: 400 };

  it('uses the Top 1k when it is well filled: 10 % common, 1 % uncommon, below rare', () => {
    assert.equal(bandOf({ top100: 0, top1k: 100, top10k: 100, community: 100 }, thick), 'common');
    assert.equal(bandOf({ top100: 0, top1k: 99, top10k: 99, community: 99 }, thick), 'uncommon');
    assert.equal(bandOf({ top100: 0, top1k: 10, top10k: 10, community: 10 }, thick), 'uncommon');
    assert.equal(bandOf({ top100: 0, top1k: 9, top10k: 9, community: 9 }, thick), 'rare');
    assert.equal(bandOf({ top100: 0, top1k: 0, top10k: 0, community: 0 }, thick), 'rare');
  });

  it('falls back to the whole community when the Top 1k is thin', () => {
    // 40 of the 400 packages: common, though 0 of them are in the thin Top 1k.
    assert.equal(bandOf({ top100: 0, top1k: 0, top10k: 0, community: 40 }, thin), 'common');
    assert.equal(bandOf({ top100: 0, top1k: 0, top10k: 0, community: 3 }, thin), 'rare');
    assert.deepEqual(toPrevalence({ top100: 1, top1k: 2, top10k: 3, community: 40 }, thin), {
      top100: 1,
      top1k: 2,
      top10k: 3,
      community: 40,
      band: 'common',
    });
  });
});
