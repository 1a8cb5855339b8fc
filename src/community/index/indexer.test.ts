import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFixtureRegistry } from '../../sources/testing/registry.ts';
import type { TestServer } from '../../sources/testing/server.ts';
import { buildFromDirectory, buildFromRegistry, indexTargets, type ProgressEvent } from './indexer.ts';
import { openCommunityStore } from './sqlite.ts';
import { writeNpmTarball, writeWheel } from './testing/archives.ts';

describe('community indexing', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'assay-indexer-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('add: scans targets and records behaviors, issues, dependencies; prevalence follows', async () => {
    const spawn = writeNpmTarball(dir, 'demo-spawn', '1.0.0', true);
    const plain = writeNpmTarball(dir, 'demo-plain', '1.0.0', false);
    const store = openCommunityStore(join(dir, 'add.db'));
    try {
      const summary = await indexTargets([spawn, plain], { store, scan: { workers: 0 } });
      assert.equal(summary.indexed, 2);
      assert.deepEqual(summary.failed, []);
      assert.deepEqual(
        summary.states.map((s) => [s.ecosystem, s.packages.community]),
        [['npm', 2]],
      );
      assert.equal(store.prevalence('npm', 'behavior', 'executes-process')?.community, 1);
      assert.equal(store.prevalence('npm', 'behavior', 'metadata-missing-source-repository')?.community, 2);
      assert.equal(store.prevalence('npm', 'issue', 'missing-source-repository')?.community, 2);
      // A catalog id that neither package showed is known: zero, not null.
      assert.deepEqual(store.prevalence('npm', 'behavior', 'reads-environment-variables'), {
        top100: 0,
        top1k: 0,
        top10k: 0,
        community: 0,
      });
      assert.equal(store.prevalence('npm', 'behavior', 'not-a-behavior-id'), null);
      assert.equal(store.dependentsCount('npm', 'left-pad'), 2);
    } finally {
      store.close();
    }
  });

  it('add: a second run (an interrupted add resumed) skips the targets already indexed', async () => {
    const one = writeNpmTarball(dir, 'resume-one', '1.0.0', true);
    const two = writeNpmTarball(dir, 'resume-two', '1.0.0', false);
    const store = openCommunityStore(':memory:');
    try {
      const first = await indexTargets([one], { store, scan: { workers: 0 } });
      assert.deepEqual([first.indexed, first.skipped], [1, 0]);
      const second = await indexTargets([one, two], { store, scan: { workers: 0 } });
      assert.deepEqual([second.indexed, second.skipped], [1, 1]);
      const scans = store.database.prepare('SELECT COUNT(*) FROM community_scans').pluck().get();
      assert.equal(scans, 2);
    } finally {
      store.close();
    }
  });

  it('build --from DIR: indexes every archive, takes ranks from MANIFEST.tsv, and skips them on a second run', async () => {
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    const one = writeWheel(corpus, 'demo_env', '0.1');
    const two = writeWheel(corpus, 'other_env', '2.0');
    writeFileSync(join(corpus, 'README.txt'), 'not an archive');
    writeFileSync(
      join(corpus, 'MANIFEST.tsv'),
      `rank\tproject\twheel\n7\tdemo-env\t${one}\n2000\tother-env\t${two}\n`,
    );
    const store = openCommunityStore(join(dir, 'dir.db'));
    try {
      const events: ProgressEvent[] = [];
      const first = await buildFromDirectory(corpus, 'pypi', {
        store,
        scan: { workers: 0 },
        onProgress: (event) => events.push(event),
      });
      assert.deepEqual([first.total, first.indexed, first.skipped, first.failed.length], [2, 2, 0, 0]);
      assert.deepEqual(
        events.map((e) => [e.done, e.total, e.status]),
        [
          [1, 2, 'indexed'],
          [2, 2, 'indexed'],
        ],
      );
      assert.deepEqual(first.states[0]?.packages, { top100: 1, top1k: 1, top10k: 2, community: 2 });
      assert.deepEqual(store.prevalence('pypi', 'behavior', 'reads-environment-variables'), {
        top100: 1,
        top1k: 1,
        top10k: 2,
        community: 2,
      });
      assert.deepEqual(store.rankOf('pypi', 'Demo_Env'), {
        rank: 7,
        source: 'corpus-manifest',
        date: store.rankOf('pypi', 'demo-env')?.date,
      });

      const second = await buildFromDirectory(corpus, 'pypi', { store, scan: { workers: 0 } });
      assert.deepEqual([second.indexed, second.skipped], [0, 2]);
      const scans = store.database.prepare('SELECT COUNT(*) FROM community_scans').pluck().get();
      assert.equal(scans, 2);
    } finally {
      store.close();
    }
  });

  it('build --from DIR: a broken archive is one failure, the rest is indexed', async () => {
    const corpus = join(dir, 'broken');
    mkdirSync(corpus);
    writeWheel(corpus, 'fine_pkg', '1.0');
    writeFileSync(join(corpus, 'broken-1.0-py3-none-any.whl'), 'PK\u0003\u0004 not really a zip');
    const store = openCommunityStore(':memory:');
    try {
      const summary = await buildFromDirectory(corpus, 'pypi', { store, scan: { workers: 0 } });
      assert.equal(summary.indexed, 1);
      assert.equal(summary.failed.length, 1);
      assert.equal(summary.failed[0]?.label, 'broken-1.0-py3-none-any.whl');
      assert.equal(store.state('pypi')?.packages.community, 1);
    } finally {
      store.close();
    }
  });

  describe('from a registry', () => {
    let server: TestServer;
    let cacheDir: string;
    before(async () => {
      server = await startFixtureRegistry();
      cacheDir = mkdtempSync(join(tmpdir(), 'assay-indexer-cache-'));
    });
    after(async () => {
      await server.close();
      rmSync(cacheDir, { recursive: true, force: true });
    });

    it('indexes the named packages, then resumes without asking the registry again', async () => {
      const store = openCommunityStore(':memory:');
      const fetch = { env: {}, cacheDir, npmRegistry: `${server.url}/npm`, http: { retries: 0 } };
      try {
        const first = await buildFromRegistry('npm', ['is-number', 'no-such-package-here'], {
          store,
          fetch,
          scan: { workers: 0 },
        });
        assert.deepEqual([first.indexed, first.failed.length], [1, 1]);
        assert.equal(first.failed[0]?.label, 'no-such-package-here');
        assert.equal(store.isPackageIndexed('npm', 'is-number', first.analyzerVersion), true);
        const packumentHits = server.hits('/npm/is-number');
        assert.ok(packumentHits >= 1);

        const second = await buildFromRegistry('npm', ['is-number'], { store, fetch, scan: { workers: 0 } });
        assert.deepEqual([second.indexed, second.skipped], [0, 1]);
        assert.equal(server.hits('/npm/is-number'), packumentHits, 'a skipped package costs no request');
        const version = store.database
          .prepare(
            `SELECT v.version FROM community_packages p JOIN community_versions v ON v.id = p.latest_version_id
              WHERE p.name = 'is-number'`,
          )
          .pluck()
          .get();
        assert.equal(version, '7.0.0');
      } finally {
        store.close();
      }
    });
  });
});
