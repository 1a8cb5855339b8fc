import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSqliteStore } from '../store/sqlite.ts';
import type { VulnerabilityInput, VulnStore } from '../store/types.ts';
import { importOsv } from './import.ts';
import { type ComponentQuery, matchComponents } from './match.ts';
import { dbStatus } from './status.ts';
import { buildZip } from './testing/osv-records.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

/** A record as the store holds it, with one affected entry written by hand. */
function storedRecord(id: string, name: string, data: object): VulnerabilityInput {
  return {
    id,
    modified: '2024-01-01T00:00:00Z',
    published: null,
    withdrawn: null,
    summary: id,
    info: JSON.stringify({ aliases: [], severity: [], label: null, references: [] }),
    raw: '{}',
    aliases: [],
    affected: [{ ecosystem: 'PyPI', name, data: JSON.stringify(data) }],
  };
}

function ids(store: VulnStore, query: ComponentQuery): string[] {
  return matchComponents(store, [query]).map((f) => f.id);
}

describe('matching against hand-written OSV records', () => {
  let store: VulnStore;
  before(async () => {
    store = openSqliteStore(':memory:');
    const result = await importOsv(store, join(FIXTURES, 'records'));
    // 17 readable records, one broken JSON file and one JSON file that is no OSV record.
    assert.equal(result.seen, 19);
    assert.equal(result.inserted, 17);
    assert.equal(result.invalid, 2);
    assert.equal(result.problems.length, 2);
  });
  after(() => store.close());

  it('merges records that alias each other into one finding and prefers the GHSA id', () => {
    const findings = matchComponents(store, [{ ecosystem: 'PyPI', name: 'demo-lib', version: '1.0' }]);
    assert.deepEqual(
      findings.map((f) => f.id),
      ['GHSA-aaaa-0001-0001'],
    );
    const [finding] = findings;
    assert.ok(finding);
    assert.deepEqual(finding.aliases, ['CVE-2099-0001', 'PYSEC-2099-1']);
    assert.equal(finding.summary, 'Demo lib runs shell commands built from request data');
    assert.deepEqual(finding.severity, {
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      type: 'CVSS_V3',
      score: 9.8,
      label: 'critical',
    });
    assert.equal(finding.matchedOn, 'version');
    assert.deepEqual(finding.component, { ecosystem: 'PyPI', name: 'demo-lib', version: '1.0' });
    assert.deepEqual(finding.fixedVersions, ['1.5.0']);
    assert.deepEqual(finding.references, ['https://example.test/ghsa', 'https://example.test/web']);
  });

  it('proposes the smallest upgrade outside every affected range of the component', () => {
    // 1.5.0 fixes the first flaw but opens PYSEC-2099-2 ([1.5.0, 1.7.0)); 1.7.0 is clean.
    const [finding] = matchComponents(store, [{ ecosystem: 'PyPI', name: 'demo-lib', version: '1.0' }]);
    assert.equal(finding?.upgradeTo, '1.7.0');
    const second = matchComponents(store, [{ ecosystem: 'PyPI', name: 'demo-lib', version: '2.0.5' }]);
    assert.deepEqual(
      second.map((f) => [f.id, f.upgradeTo]),
      [['PYSEC-2099-2', '2.1.0']],
    );
    assert.deepEqual(second[0]?.fixedVersions, ['1.7.0', '2.1.0']);
    assert.deepEqual(second[0]?.severity, { vector: null, type: 'label', score: null, label: 'medium' });
  });

  it('last_affected without a fix: no upgrade unless the caller knows later releases', () => {
    assert.deepEqual(ids(store, { ecosystem: 'PyPI', name: 'demo-lib', version: '3.2' }), ['PYSEC-2099-3']);
    assert.deepEqual(ids(store, { ecosystem: 'PyPI', name: 'demo-lib', version: '3.2.1' }), []);
    const [bare] = matchComponents(store, [{ ecosystem: 'PyPI', name: 'demo-lib', version: '3.1' }]);
    assert.equal(bare?.upgradeTo, null);
    const [known] = matchComponents(store, [
      { ecosystem: 'PyPI', name: 'demo-lib', version: '3.1', knownVersions: ['3.0', '3.2', '3.3', '4.0'] },
    ]);
    assert.equal(known?.upgradeTo, '3.3');
  });

  it('limit events cap the range', () => {
    assert.deepEqual(ids(store, { ecosystem: 'PyPI', name: 'demo-lib', version: '0.4' }).sort(), [
      'GHSA-aaaa-0001-0001',
      'PYSEC-2099-4',
    ]);
  });

  it('ignores withdrawn records', () => {
    // PYSEC-2099-10 (withdrawn) claims every version of demo-lib.
    assert.deepEqual(ids(store, { ecosystem: 'PyPI', name: 'demo-lib', version: '9.0' }), []);
  });

  it('skips MAL- records and records aliased to one', () => {
    assert.deepEqual(ids(store, { ecosystem: 'PyPI', name: 'evil-pkg', version: '1.0' }), []);
    assert.deepEqual(ids(store, { ecosystem: 'PyPI', name: 'evil-pkg2', version: '1.0' }), []);
  });

  it('normalizes PyPI names per PEP 503 (Foo_Bar is foo-bar) but keeps npm names as written', () => {
    for (const name of ['foo-bar', 'Foo_Bar', 'FOO.bar', 'foo__bar']) {
      assert.deepEqual(ids(store, { ecosystem: 'pypi', name, version: '1.0' }), ['PYSEC-2099-11'], name);
    }
    assert.deepEqual(ids(store, { ecosystem: 'npm', name: '@scope/pkg', version: '1.1.0' }), [
      'GHSA-bbbb-0002-0002',
    ]);
    assert.deepEqual(ids(store, { ecosystem: 'npm', name: '@Scope/Pkg', version: '1.1.0' }), []);
  });

  it('matches GIT-only records through their versions list', () => {
    assert.deepEqual(ids(store, { ecosystem: 'PyPI', name: 'listed-only', version: '1.1' }), [
      'PYSEC-2099-5',
    ]);
    assert.deepEqual(ids(store, { ecosystem: 'PyPI', name: 'listed-only', version: '1.1+ubuntu1' }), [
      'PYSEC-2099-5',
    ]);
    assert.deepEqual(ids(store, { ecosystem: 'PyPI', name: 'listed-only', version: '1.2' }), []);
  });

  it('applies PEP 440 ordering: pre-releases, epochs, post and local versions', () => {
    const hit = (name: string, version: string) =>
      ids(store, { ecosystem: 'PyPI', name, version }).length === 1;
    assert.deepEqual(
      [hit('prerel', '2.0rc1'), hit('prerel', '2.0.dev3'), hit('prerel', '2.0'), hit('prerel', '2.0.post1')],
      [true, true, false, false],
    );
    assert.deepEqual(
      [hit('epochal', '1!1.0'), hit('epochal', '3.0'), hit('epochal', '1!2.0')],
      [true, false, false],
    );
    assert.deepEqual([hit('postfix', '1.0'), hit('postfix', '1.0.post1')], [true, false]);
    assert.deepEqual([hit('localver', '0.9+cpu'), hit('localver', '1.0+cpu')], [true, false]);
  });

  it('applies SemVer precedence to npm pre-releases, with a CVSS v4 vector kept unscored', () => {
    assert.deepEqual(ids(store, { ecosystem: 'npm', name: '@scope/pkg', version: '1.2.0-beta.1' }), [
      'GHSA-bbbb-0002-0002',
    ]);
    assert.deepEqual(ids(store, { ecosystem: 'npm', name: '@scope/pkg', version: '1.2.0' }), []);
    const [semverHit] = matchComponents(store, [
      { ecosystem: 'npm', name: 'semver-pkg', version: '2.0.0-alpha.1' },
    ]);
    assert.equal(semverHit?.id, 'GHSA-cccc-0003-0003');
    assert.equal(semverHit?.severity?.type, 'CVSS_V4');
    assert.equal(semverHit?.severity?.score, null);
    assert.equal(semverHit?.severity?.label, 'high');
    assert.equal(semverHit?.upgradeTo, '2.0.1');
    assert.deepEqual(ids(store, { ecosystem: 'npm', name: 'semver-pkg', version: '2.0.0-alpha.0' }), []);
  });

  it('reads YAML scalars as strings, so 0.10 stays 0.10 and 2.0 stays 2.0', () => {
    assert.deepEqual(ids(store, { ecosystem: 'PyPI', name: 'yaml-pkg', version: '0.10' }), ['PYSEC-2099-12']);
    assert.deepEqual(ids(store, { ecosystem: 'PyPI', name: 'yaml-pkg', version: '2.0' }), ['PYSEC-2099-12']);
    assert.deepEqual(ids(store, { ecosystem: 'PyPI', name: 'yaml-pkg', version: '0.1' }), []);
  });

  it('falls back to the first line of the details when a record has no summary', () => {
    const [finding] = matchComponents(store, [{ ecosystem: 'PyPI', name: 'demo-lib', version: '1.0' }]);
    assert.ok(finding);
    // The merged finding shows the GHSA summary; alone, the PYSEC record shows its details line.
    const alone = openSqliteStore(':memory:');
    try {
      alone.upsertVulnerabilities([
        {
          id: 'PYSEC-2099-1',
          modified: '2024-01-01T00:00:00Z',
          published: null,
          withdrawn: null,
          summary: 'First line of the details.',
          info: JSON.stringify({ aliases: [], severity: [], label: null, references: [] }),
          raw: '{}',
          aliases: [],
          affected: [
            { ecosystem: 'PyPI', name: 'demo-lib', data: JSON.stringify({ ranges: [], versions: ['1.0'] }) },
          ],
        },
      ]);
      assert.equal(
        matchComponents(alone, [{ ecosystem: 'PyPI', name: 'demo-lib', version: '1.0' }])[0]?.summary,
        'First line of the details.',
      );
    } finally {
      alone.close();
    }
  });

  it('reads the joined version list the importer writes, and a crafted line break never matches', () => {
    const alone = openSqliteStore(':memory:');
    try {
      alone.upsertVulnerabilities([
        storedRecord('PYSEC-2099-91', 'demo-lib', {
          ranges: [],
          versions: [],
          canonical: true,
          versionText: '\n0!1.1\n0!1.2\n',
        }),
      ]);
      const ids = (version: string) =>
        matchComponents(alone, [{ ecosystem: 'PyPI', name: 'demo-lib', version }]).map((f) => f.id);
      assert.deepEqual(ids('1.2.0'), ['PYSEC-2099-91']);
      assert.deepEqual(ids('1.1+local'), ['PYSEC-2099-91']);
      assert.deepEqual(ids('1.3'), []);
      assert.deepEqual(ids('1.1\n0!1.2'), []);
      const range = matchComponents(alone, [{ ecosystem: 'PyPI', name: 'demo-lib', specifier: '>=1.2,<2' }]);
      assert.deepEqual(
        range.map((f) => f.matchedOn),
        ['range'],
      );
    } finally {
      alone.close();
    }
  });

  it('sees new data after a write through the same store or through another connection', () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-match-cache-'));
    const path = join(dir, 'cache.db');
    const writer = openSqliteStore(path);
    const reader = openSqliteStore(path);
    try {
      const ask = (store: VulnStore) =>
        matchComponents(store, [{ ecosystem: 'PyPI', name: 'cached-lib', version: '1.0' }]).map((f) => f.id);
      assert.deepEqual(ask(reader), []);
      assert.deepEqual(ask(reader), [], 'asked twice: the empty answer is remembered');
      writer.upsertVulnerabilities([
        storedRecord('PYSEC-2099-81', 'cached-lib', { ranges: [], versions: ['1.0'] }),
      ]);
      assert.deepEqual(ask(reader), ['PYSEC-2099-81'], 'a commit by another connection');
      reader.upsertVulnerabilities([
        storedRecord('PYSEC-2099-82', 'cached-lib', { ranges: [], versions: ['1.0'] }),
      ]);
      assert.deepEqual(ask(reader), ['PYSEC-2099-81', 'PYSEC-2099-82'], 'a write through the same store');
    } finally {
      writer.close();
      reader.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('proposes the same upgrade whether or not the caller lists released versions', () => {
    for (const version of ['1.0', '1.5.0', '2.0.5']) {
      const plain = matchComponents(store, [{ ecosystem: 'PyPI', name: 'demo-lib', version }]);
      const listed = matchComponents(store, [
        { ecosystem: 'PyPI', name: 'demo-lib', version, knownVersions: ['0.1'] },
      ]);
      assert.deepEqual(
        plain.map((f) => f.upgradeTo),
        listed.map((f) => f.upgradeTo),
        version,
      );
    }
  });

  it('marks a component development-only only when every query naming it is', () => {
    const dev = matchComponents(store, [{ ecosystem: 'PyPI', name: 'demo-lib', version: '1.0', dev: true }]);
    assert.equal(dev[0]?.component.dev, true);
    const mixed = matchComponents(store, [
      { ecosystem: 'PyPI', name: 'demo-lib', version: '1.0', dev: true },
      { ecosystem: 'PyPI', name: 'Demo_Lib', version: '1.0' },
    ]);
    assert.equal(mixed.length, 1);
    assert.equal(mixed[0]?.component.dev, undefined);
  });

  it('matches a specifier when no exact version is known, flagged as a range match', () => {
    const findings = matchComponents(store, [
      { ecosystem: 'PyPI', name: 'demo-lib', specifier: '>=1.6,<1.8' },
    ]);
    assert.deepEqual(
      findings.map((f) => [f.id, f.matchedOn]),
      [['PYSEC-2099-2', 'range']],
    );
    assert.deepEqual(findings[0]?.component, {
      ecosystem: 'PyPI',
      name: 'demo-lib',
      specifier: '>=1.6,<1.8',
    });
    // The lowest clean version above the specifier's lower bound, even if the specifier allows it.
    assert.equal(findings[0]?.upgradeTo, '1.7.0');
    assert.deepEqual(
      matchComponents(store, [{ ecosystem: 'npm', name: '@scope/pkg', specifier: '^1.0.0' }]).map(
        (f) => f.matchedOn,
      ),
      ['range'],
    );
    assert.deepEqual(
      matchComponents(store, [{ ecosystem: 'npm', name: '@scope/pkg', specifier: '^1.2.0' }]),
      [],
    );
  });

  it('reports each component once even when it is listed twice', () => {
    const findings = matchComponents(store, [
      { ecosystem: 'PyPI', name: 'prerel', version: '1.0' },
      { ecosystem: 'PyPI', name: 'Prerel', version: '1.0' },
    ]);
    assert.equal(findings.length, 1);
  });
});

describe('incremental import', () => {
  it('replaces a record only with a newer modified date', async () => {
    const store = openSqliteStore(':memory:');
    const dir = mkdtempSync(join(tmpdir(), 'assay-vulns-older-'));
    try {
      await importOsv(store, join(FIXTURES, 'records'));
      assert.deepEqual(ids(store, { ecosystem: 'PyPI', name: 'postfix', version: '1.0.post1' }), []);

      const newer = await importOsv(store, join(FIXTURES, 'newer'));
      assert.deepEqual([newer.inserted, newer.updated, newer.unchanged], [0, 1, 0]);
      // The newer record moved the fix to 1.0.post2.
      assert.deepEqual(ids(store, { ecosystem: 'PyPI', name: 'postfix', version: '1.0.post1' }), [
        'PYSEC-2099-8',
      ]);

      const again = await importOsv(store, join(FIXTURES, 'records'));
      assert.deepEqual([again.inserted, again.updated, again.unchanged], [0, 0, 17]);
      assert.deepEqual(ids(store, { ecosystem: 'PyPI', name: 'postfix', version: '1.0.post1' }), [
        'PYSEC-2099-8',
      ]);

      const status = dbStatus(store);
      assert.equal(status.records, 17);
      assert.equal(status.withdrawn, 1);
      assert.equal(status.databaseDate, '2024-03-01T00:00:00Z');
      assert.deepEqual(
        status.ecosystems.map((e) => [e.ecosystem, e.records]),
        [
          ['PyPI', 15],
          ['npm', 2],
        ],
      );
      assert.equal(status.lastImport?.unchanged, 17);

      writeFileSync(
        join(dir, 'x.json'),
        JSON.stringify({ id: 'PYSEC-2099-8', modified: '2023-01-01T00:00:00.000001Z', affected: [] }),
      );
      const older = await importOsv(store, dir);
      assert.deepEqual([older.updated, older.unchanged], [0, 1]);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('imports an osv.dev-style zip and a single record file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-vulns-zip-'));
    const store = openSqliteStore(':memory:');
    try {
      const zip = buildZip({
        'GHSA-zzzz-0001-0001.json': JSON.stringify({
          id: 'GHSA-zzzz-0001-0001',
          modified: '2024-05-01T00:00:00Z',
          affected: [
            {
              package: { ecosystem: 'npm', name: 'zipped' },
              ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.1' }] }],
            },
          ],
        }),
        '../../escape.json': JSON.stringify({ id: 'PYSEC-2099-99', modified: '2024-05-01T00:00:00Z' }),
        'README.txt': 'not a record',
      });
      writeFileSync(join(dir, 'all.zip'), zip);
      const result = await importOsv(store, join(dir, 'all.zip'));
      assert.deepEqual([result.seen, result.inserted, result.invalid], [2, 2, 0]);
      assert.ok(!existsSync(join(dir, '..', '..', 'escape.json')));
      assert.deepEqual(ids(store, { ecosystem: 'npm', name: 'zipped', version: '1.0.0' }), [
        'GHSA-zzzz-0001-0001',
      ]);

      const single = await importOsv(store, join(FIXTURES, 'records', 'PYSEC-2099-6.json'));
      assert.deepEqual([single.seen, single.inserted], [1, 1]);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails clearly on a missing source and on a corrupt zip', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-vulns-bad-'));
    const store = openSqliteStore(':memory:');
    try {
      await assert.rejects(importOsv(store, join(dir, 'nope')), { code: 'E_NOT_FOUND' });
      writeFileSync(join(dir, 'bad.zip'), 'PK\u0003\u0004 definitely not a zip');
      await assert.rejects(importOsv(store, join(dir, 'bad.zip')), { code: 'E_ARCHIVE_CORRUPT' });
      writeFileSync(join(dir, 'notes.txt'), 'hello');
      await assert.rejects(importOsv(store, join(dir, 'notes.txt')), { code: 'E_USAGE' });
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const PYPA = '/work/shared/data/osv-pypi';

describe('the real PyPA advisory snapshot', {
  skip: existsSync(PYPA) ? false : `${PYPA} not present`,
}, () => {
  let store: VulnStore;
  before(async () => {
    store = openSqliteStore(':memory:');
    const result = await importOsv(store, PYPA);
    assert.ok(result.inserted > 2600, `imported ${result.inserted}`);
    assert.equal(result.invalid, 0);
  });
  after(() => store?.close());

  // Expected ids read by hand from the YAML files under vulns/<project>/.
  const expectations: [string, string, string[], string][] = [
    ['requests', '2.19.0', ['GHSA-j8r2-6x86-q33q', 'GHSA-x84v-xcm2-53pg'], '2.31.0'],
    ['jinja2', '2.10', ['GHSA-462w-v97r-4m45', 'GHSA-g3rq-g295-4j3m'], '2.11.3'],
    ['pyyaml', '5.3', ['GHSA-6757-jp84-gxfx', 'GHSA-8q59-q68h-6hv4'], '5.4'],
    ['flask', '0.12', ['GHSA-562c-5r94-xh97', 'GHSA-5wv5-4vpf-pj6m', 'GHSA-m2qf-hxjv-5gpq'], '2.2.5'],
  ];
  for (const [name, version, expected, upgrade] of expectations) {
    it(`${name}==${version} has exactly ${expected.join(', ')}`, () => {
      const findings = matchComponents(store, [{ ecosystem: 'PyPI', name, version }]);
      assert.deepEqual(findings.map((f) => f.id).sort(), expected);
      assert.ok(
        findings.every((f) => f.upgradeTo === upgrade),
        `upgrade ${findings[0]?.upgradeTo}`,
      );
    });
  }

  it('PyPI ids merged with their GHSA and CVE aliases (requests 2.19.0)', () => {
    const findings = matchComponents(store, [{ ecosystem: 'PyPI', name: 'Requests', version: '2.19.0' }]);
    const byId = new Map(findings.map((f) => [f.id, f.aliases]));
    assert.deepEqual(byId.get('GHSA-x84v-xcm2-53pg'), ['CVE-2018-18074', 'PYSEC-2018-28']);
    assert.deepEqual(byId.get('GHSA-j8r2-6x86-q33q'), ['CVE-2023-32681', 'PYSEC-2023-74']);
  });

  it('urllib3==1.24.1 lists each advisory once and scores the CVSS ones', () => {
    const findings = matchComponents(store, [{ ecosystem: 'PyPI', name: 'urllib3', version: '1.24.1' }]);
    const allIds = findings.flatMap((f) => [f.id, ...f.aliases]);
    assert.equal(new Set(allIds).size, allIds.length);
    assert.ok(findings.some((f) => f.id === 'GHSA-mh33-7rrq-662w'));
    assert.equal(findings.find((f) => f.id === 'GHSA-v845-jxx5-vc9f')?.severity?.score, 8.1);
  });
});
