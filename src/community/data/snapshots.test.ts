import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isAssayError } from '../../core/errors.ts';
import { SNAPSHOT_FILES } from './format.ts';
import { DEFAULT_DATA_DIR, SnapshotStore } from './snapshots.ts';

const head = (name: string, rows: number) => ({
  name,
  source: `${name} source`,
  sourceUrl: 'https://example.test/',
  sourceRevision: 'r1',
  sourceDate: '2026-01-02',
  licence: 'CC0-1.0',
  generated: '2026-01-03',
  generatedFrom: 'shared-copy',
  rows,
});

/** A tiny data directory written by the test, so range semantics are checked on known records. */
async function smallStore(): Promise<SnapshotStore> {
  const dir = await mkdtemp(join(tmpdir(), 'assay-data-'));
  const json = (v: unknown) => JSON.stringify(v);
  const names = Array.from({ length: 150 }, (_, i) => `pkg-${i}`);
  await writeFile(
    join(dir, SNAPSHOT_FILES.pypiTop),
    json({ ...head('pypi-top', 150), names, downloads30d: names.map((_, i) => 1000 - i) }),
  );
  await writeFile(
    join(dir, SNAPSHOT_FILES.npmHighImpact),
    json({
      ...head('npm-high-impact', 2),
      topDownload: ['semver', 'chalk'],
      topDependent: ['react'],
      minWeeklyDownloads: 1_000_000,
      minDependents: 500,
    }),
  );
  const records = [
    'npm\tall-bad\tMAL-1\t*',
    'npm\tlisted\tMAL-2\t1.0.0,1.0.1',
    'npm\tranged\tMAL-3\tRANGE:introduced=1.95.6;fixed=1.95.8',
    'npm\tlast\tMAL-4\tRANGE:introduced=1.1.5;last_affected=1.1.7',
    'npm\tmulti\tMAL-5\tRANGE:introduced=99.1.0;introduced=0',
    'pypi\tpy-bad\tMAL-6\t1.0',
  ].join('\n');
  // Written by hand without `recordsOrder`: the store must put the lines in order before searching them.
  await writeFile(
    join(dir, SNAPSHOT_FILES.malicious),
    `${JSON.stringify({ ...head('ossf-malicious', 6), withdrawnExcluded: 1 })}\n${records}`,
  );
  await writeFile(
    join(dir, SNAPSHOT_FILES.typosquats),
    JSON.stringify({ ...head('typosquat-pairs', 0), pairs: [] }),
  );
  return new SnapshotStore(dir);
}

describe('data snapshots', () => {
  it('popularity: rank, tier and downloads; unknown below the covered range', async () => {
    const store = await smallStore();
    assert.deepEqual(store.popularity('pypi', 'PKG_0'), {
      status: 'known',
      rank: 1,
      downloads30d: 1000,
      tier: 'top100',
      source: 'pypi-top',
    });
    const p = store.popularity('pypi', 'pkg-120');
    assert.equal(p.status === 'known' && p.tier, 'top1k');
    const unknown = store.popularity('pypi', 'never-heard');
    assert.equal(unknown.status, 'unknown');
    assert.equal(unknown.status === 'unknown' && unknown.coveredDownTo.downloads30d, 851);
    const npmUnknown = store.popularity('npm', 'react');
    assert.equal(npmUnknown.status, 'unknown', 'dependents membership is not a download rank');
    assert.equal(store.isInHighDependents('react'), true);
    assert.equal(store.isInHighDependents('chalk'), false);
  });

  it('malicious records: every version, listed versions, fixed and last_affected ranges', async () => {
    const store = await smallStore();
    assert.equal(store.maliciousRecords('npm', 'all-bad', '7.7.7').length, 1);
    assert.equal(store.maliciousRecords('npm', 'listed', '1.0.1').length, 1);
    assert.equal(store.maliciousRecords('npm', 'listed', '1.0.2').length, 0);
    assert.equal(store.maliciousRecords('npm', 'listed').length, 1, 'no version: every record of the name');
    assert.equal(store.maliciousRecords('npm', 'ranged', '1.95.7').length, 1);
    assert.equal(store.maliciousRecords('npm', 'ranged', '1.95.8').length, 0);
    assert.equal(store.maliciousRecords('npm', 'ranged', '1.95.5').length, 0);
    assert.equal(store.maliciousRecords('npm', 'last', '1.1.7').length, 1);
    assert.equal(store.maliciousRecords('npm', 'last', '1.1.8').length, 0);
    assert.equal(store.maliciousRecords('npm', 'multi', '0.0.1').length, 1);
    assert.equal(store.maliciousRecords('pypi', 'Py_Bad', '1.0.0').length, 1, 'PEP 440: 1.0 == 1.0.0');
    assert.equal(store.maliciousRecords('pypi', 'py-bad', '1.1').length, 0);
  });

  it('malicious records: the search finds every row of a name and only that name, in unsorted records too', async () => {
    const store = await smallStore();
    for (const [eco, name, count] of [
      ['npm', 'all-bad', 1],
      ['npm', 'multi', 1],
      ['npm', 'list', 0],
      ['npm', 'isted', 0],
      ['pypi', 'Py_Bad', 1],
      ['pypi', 'zzz-after-everything', 0],
      ['npm', '', 0],
    ] as const) {
      assert.equal(store.maliciousRecords(eco, name).length, count, `${eco}:${name}`);
    }
  });

  it('the shipped malicious snapshot is sorted the way the look-up searches it', () => {
    const [first = '', ...lines] = readFileSync(
      join(DEFAULT_DATA_DIR, SNAPSHOT_FILES.malicious),
      'utf8',
    ).split('\n');
    const header = JSON.parse(first) as { recordsOrder?: string; rows?: number };
    assert.equal(header.recordsOrder, 'ecosystem-name', 'the build marks the order it wrote');
    assert.equal(lines.length, header.rows);
    const keys = lines.map((line) => {
      const [eco = '', name = ''] = line.split('\t');
      return Buffer.from(`${eco}\t${name}\t`);
    });
    for (let i = 1; i < keys.length; i++)
      assert.ok(
        Buffer.compare(keys[i - 1] ?? Buffer.alloc(0), keys[i] ?? Buffer.alloc(0)) <= 0,
        `line ${i + 2}`,
      );
  });

  it('the shipped malicious snapshot: every record is found by its own name, and a near miss finds nothing', () => {
    const store = new SnapshotStore();
    const [, ...lines] = readFileSync(join(DEFAULT_DATA_DIR, SNAPSHOT_FILES.malicious), 'utf8').split('\n');
    const byName = new Map<string, number>();
    for (const line of lines) {
      const [eco = '', name = ''] = line.split('\t');
      byName.set(`${eco}\t${name}`, (byName.get(`${eco}\t${name}`) ?? 0) + 1);
    }
    let checked = 0;
    for (const [key, count] of byName) {
      // Every 7th name, and the first and last of the file, keep the test quick while covering both ends.
      if (checked++ % 7 !== 0 && checked !== 1 && checked !== byName.size) continue;
      const [eco = '', name = ''] = key.split('\t');
      const ecosystem = eco === 'pypi' ? 'pypi' : 'npm';
      assert.equal(store.maliciousRecords(ecosystem, name).length, count, key);
      assert.equal(store.maliciousRecords(ecosystem, `${name}\u0000`).length, 0, `${key} + NUL`);
    }
  });

  it('names the snapshots that lookups used, with their dates', async () => {
    const store = await smallStore();
    assert.deepEqual(store.snapshotsUsed(), []);
    store.maliciousRecords('npm', 'x');
    assert.deepEqual(
      store.snapshotsUsed().map((s) => [s.name, s.date]),
      [['ossf-malicious', '2026-01-02']],
    );
  });

  it('a missing data directory is a clear E_CONFIG error', () => {
    const store = new SnapshotStore(join(tmpdir(), 'assay-no-such-data-dir'));
    assert.throws(
      () => store.popularity('pypi', 'x'),
      (e: unknown) => isAssayError(e) && e.code === 'E_CONFIG' && e.message.includes('npm run data:update'),
    );
  });

  it('the shipped snapshots load and answer for real names; withdrawn records never match', () => {
    const store = new SnapshotStore();
    const requests = store.popularity('pypi', 'requests');
    assert.equal(requests.status === 'known' && requests.tier, 'top100');
    const lodash = store.popularity('npm', 'lodash');
    assert.equal(lodash.status === 'known' && lodash.tier, 'top1k');
    // MAL-2024-1722 (account-settings) is a withdrawn record in the source.
    assert.deepEqual(store.maliciousRecords('npm', 'account-settings'), []);
    assert.equal(store.maliciousRecords('npm', '--hiljson', '1.0.0')[0]?.id, 'MAL-2022-2');
    assert.deepEqual(
      store.allSnapshots().map((s) => s.name),
      ['pypi-top', 'npm-high-impact', 'ossf-malicious', 'typosquat-pairs'],
    );
    assert.ok(store.allSnapshots().every((s) => s.date !== '' && s.source !== '' && s.licence !== ''));
  });
});
