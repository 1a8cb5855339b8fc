import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  buildKevSnapshot,
  formatKevSnapshot,
  kevSnapshot,
  knownExploitedOf,
  withKnownExploited,
} from './kev.ts';
import type { VulnerabilityContext, VulnerabilityFinding } from './types.ts';

const feed = {
  catalogVersion: '2099.01.02',
  dateReleased: '2099-01-02T10:00:00Z',
  vulnerabilities: [
    {
      cveID: 'CVE-2099-0002',
      dateAdded: '2099-01-01',
      dueDate: '2099-01-22',
      knownRansomwareCampaignUse: 'Known',
    },
    {
      cveID: 'CVE-2099-0001',
      dateAdded: '2098-12-01',
      dueDate: '2098-12-22',
      knownRansomwareCampaignUse: 'Unknown',
    },
    { cveID: 'not a cve', dateAdded: '2099-01-01' },
  ],
};

function finding(id: string, aliases: string[]): VulnerabilityFinding {
  return {
    id,
    aliases,
    summary: 's',
    severity: null,
    component: { ecosystem: 'PyPI', name: 'demo', version: '1.0' },
    matchedOn: 'version',
    fixedVersions: [],
    upgradeTo: null,
    published: null,
    modified: '2099-01-01T00:00:00Z',
    references: [],
  };
}

describe('KEV snapshot', () => {
  const snapshot = buildKevSnapshot(feed);

  test('keeps CVE ids with their dates and ransomware flag, one per line in id order', () => {
    assert.deepEqual(snapshot.cves, {
      'CVE-2099-0001': ['2098-12-01', '2098-12-22', 0],
      'CVE-2099-0002': ['2099-01-01', '2099-01-22', 1],
    });
    assert.equal(snapshot.dateReleased, '2099-01-02');
    const lines = formatKevSnapshot(snapshot).split('\n');
    assert.ok(
      lines.indexOf('    "CVE-2099-0001": ["2098-12-01","2098-12-22",0],') <
        lines.indexOf('    "CVE-2099-0002": ["2099-01-01","2099-01-22",1]'),
    );
    assert.deepEqual(JSON.parse(formatKevSnapshot(snapshot)), snapshot);
  });

  test('refuses a feed that is not the catalog', () => {
    assert.throws(() => buildKevSnapshot({ vulnerabilities: [] }), /not a KEV catalog feed/);
  });

  test('a finding matches through its id or any alias, and unlisted findings are left alone', () => {
    assert.equal(knownExploitedOf(finding('GHSA-x', ['CVE-2099-0002']), snapshot)?.ransomware, true);
    assert.equal(knownExploitedOf(finding('CVE-2099-0001', []), snapshot)?.dueDate, '2098-12-22');
    assert.equal(knownExploitedOf(finding('GHSA-y', ['CVE-2099-0003']), snapshot), null);
    const context: VulnerabilityContext = {
      findings: [finding('GHSA-x', ['CVE-2099-0002']), finding('GHSA-y', [])],
      database: { records: 2, newestModified: null, importedAt: null },
    };
    const marked = withKnownExploited(context, snapshot);
    assert.equal(marked?.knownExploitedCatalog?.catalogVersion, '2099.01.02');
    assert.deepEqual(
      marked?.findings.map((item) => item.knownExploited?.cve ?? null),
      ['CVE-2099-0002', null],
    );
  });

  test('without a database nothing was checked, so nothing is marked and no catalog is named', () => {
    const none: VulnerabilityContext = { findings: [], database: null };
    assert.equal(withKnownExploited(none, snapshot), none);
    assert.equal(withKnownExploited(undefined, snapshot), undefined);
  });

  test('the shipped snapshot is the catalog CISA published, with its version', () => {
    const shipped = kevSnapshot();
    assert.match(shipped.catalogVersion, /^\d{4}\.\d{2}\.\d{2}$/);
    assert.ok(Object.keys(shipped.cves).length > 1000);
    assert.deepEqual(shipped.cves['CVE-2021-44228']?.[2], 1);
  });
});
