import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadArtifact } from '../artifacts/load.ts';
import { reportVulnerabilities } from '../report/vulnerabilities.ts';
import { scanProject } from '../scan/project.ts';
import { scanArtifact } from '../scan/scan.ts';
import { openSqliteStore } from '../store/sqlite.ts';
import { importOsv } from '../vulns/import.ts';
import { osvRecordsSource } from '../vulns/testing/osv-records.ts';
import type { ComponentQuery } from '../vulns/types.ts';
import { databaseVulnerabilitySource, NO_VULNERABILITY_DATABASE } from './vulnerabilities.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

function advisory(name: string, fixed: string, vector: string, id = 'GHSA-test-0001-0001') {
  return {
    id,
    modified: '2030-01-01T00:00:00Z',
    aliases: ['CVE-2099-1234'],
    summary: 'A flaw written for this test',
    severity: [{ type: 'CVSS_V3', score: vector }],
    affected: [
      {
        package: { ecosystem: 'PyPI', name },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
      },
    ],
  };
}

const CRITICAL = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const MEDIUM = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N';

async function scanFiles(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'assay-vuln-scan-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return await loadArtifact(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const PKG_INFO = [
  'Metadata-Version: 2.1',
  'Name: demo-app',
  'Version: 1.0.0',
  'Requires-Dist: demo-parser==1.2.0',
  'Requires-Dist: demo-net>=2.0,<3',
  'Requires-Dist: demo-unbounded',
  "Requires-Dist: demo-dev-tool==0.1; extra == 'dev'",
  '',
].join('\n');

describe('vulnerabilities in the scan pipeline', () => {
  it('a package: its exact pins are versions, its ranges are ranges, unconstrained names are skipped', async () => {
    const artifact = await scanFiles({ 'PKG-INFO': PKG_INFO });
    const asked: ComponentQuery[][] = [];
    const result = await scanArtifact(artifact, {
      ecosystem: 'pypi',
      workers: 0,
      vulnerabilities: (queries) => {
        asked.push([...queries]);
        return NO_VULNERABILITY_DATABASE;
      },
    });
    assert.equal(asked.length, 1);
    const shown = (asked[0] ?? []).map((q) => `${q.name} ${q.version ?? q.specifier}`);
    assert.ok(shown.includes('demo-app 1.0.0'), shown.join(' | '));
    assert.ok(shown.includes('demo-parser 1.2.0'), shown.join(' | '));
    assert.ok(
      shown.some((q) => q.startsWith('demo-net >=2.0')),
      shown.join(' | '),
    );
    assert.ok(!shown.some((q) => q.startsWith('demo-unbounded')), shown.join(' | '));
    assert.deepEqual(result.vulnerabilities, NO_VULNERABILITY_DATABASE);
    assert.equal(
      result.issues.filter((i) => i.id.endsWith('vulnerability')).length,
      0,
      'no database, no vulnerability issue',
    );
  });

  it('an injected look-up runs the real matcher before the policies and the verdict counts it', async () => {
    const artifact = await scanFiles({ 'PKG-INFO': PKG_INFO });
    const source = osvRecordsSource([
      advisory('demo-parser', '1.3.0', CRITICAL),
      advisory('demo-net', '2.5.0', MEDIUM, 'GHSA-test-0002-0002'),
    ]);
    const result = await scanArtifact(artifact, { ecosystem: 'pypi', workers: 0, vulnerabilities: source });
    const critical = result.issues.find((i) => i.id === 'critical-vulnerability');
    assert.equal(critical?.severity, 'high');
    assert.equal(critical?.finding.evidence[0]?.component, 'pkg:pypi/demo-parser@1.2.0');
    assert.match(
      critical?.finding.evidence[0]?.detail ?? '',
      /GHSA-test-0001-0001 \(CVE-2099-1234\): CVSS 9\.8/,
    );
    assert.match(critical?.finding.evidence[0]?.detail ?? '', /upgrade to 1\.3\.0/);
    // The range >=2.0,<3 admits 2.0–2.4.x: reported, one step milder than a locked medium flaw.
    const medium = result.issues.find((i) => i.id === 'medium-severity-vulnerability');
    assert.equal(medium?.severity, 'low');
    assert.equal(result.verdict.level, 'fail');
    assert.equal(result.vulnerabilities?.findings.length, 2);
    assert.equal(result.vulnerabilities?.database?.records, 2);

    const report = reportVulnerabilities(result.vulnerabilities, result.snapshot.ecosystem);
    assert.deepEqual(
      report.map((v) => [v.id, v.component.name, v.matchedOn, v.upgradeTo, v.severity?.label]),
      [
        ['GHSA-test-0001-0001', 'demo-parser', 'version', '1.3.0', 'critical'],
        ['GHSA-test-0002-0002', 'demo-net', 'range', '2.5.0', 'medium'],
      ],
    );
  });

  it('a project: the lockfile components are looked up, and the issue points at the declaring line', async () => {
    const source = osvRecordsSource([advisory('requests', '2.32.0', CRITICAL)]);
    const result = await scanProject(join(here, '..', 'scan', 'fixtures', 'project-pypi'), {
      vulnerabilities: source,
    });
    const critical = result.issues.find((i) => i.id === 'critical-vulnerability');
    assert.equal(critical?.finding.evidence[0]?.component, 'pkg:pypi/requests@2.31.0');
    assert.equal(critical?.finding.evidence[0]?.line, 1);
    assert.match(critical?.finding.evidence[0]?.file ?? '', /requirements\.txt$/);
    assert.equal(result.verdict.level, 'fail');
    assert.deepEqual(
      result.vulnerabilities?.findings.map((f) => f.component.name),
      ['requests'],
    );
  });

  it('the CLI source: no database file means no database, and an imported one answers with its date', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-vuln-db-'));
    try {
      const missing = databaseVulnerabilitySource({ db: join(dir, 'none.db'), env: {} });
      assert.deepEqual(await missing([{ ecosystem: 'pypi', name: 'requests', version: '2.0.0' }]), {
        findings: [],
        database: null,
      });
      const path = join(dir, 'assay.db');
      writeFileSync(join(dir, 'rec.json'), JSON.stringify(advisory('requests', '2.32.0', CRITICAL)));
      const store = openSqliteStore(path);
      await importOsv(store, join(dir, 'rec.json'));
      store.close();
      const answer = await databaseVulnerabilitySource({ env: { ASSAY_DB: path } })([
        { ecosystem: 'pypi', name: 'Requests', version: '2.31.0' },
      ]);
      assert.deepEqual(
        answer.findings.map((f) => f.id),
        ['GHSA-test-0001-0001'],
      );
      assert.equal(answer.database?.records, 1);
      assert.equal(answer.database?.newestModified, '2030-01-01T00:00:00Z');
      assert.ok(answer.database?.importedAt);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a package scan looks up itself and its runtime registry dependencies, not dev or non-registry ones', async () => {
    const artifact = await scanFiles({
      'package.json': JSON.stringify({
        name: 'demo-web',
        version: '1.0.0',
        dependencies: {
          'demo-lib': '1.2.0',
          'demo-range': '^2.1.0',
          'demo-git': 'git+https://example.org/x.git',
        },
        devDependencies: { 'demo-test-runner': '3.0.0' },
      }),
    });
    const asked: ComponentQuery[] = [];
    await scanArtifact(artifact, {
      ecosystem: 'npm',
      workers: 0,
      enrich: false,
      vulnerabilities: (queries) => {
        asked.push(...queries);
        return NO_VULNERABILITY_DATABASE;
      },
    });
    assert.deepEqual(
      asked.map((q) => `${q.name} ${q.version ?? `range ${q.specifier}`}`),
      ['demo-web 1.0.0', 'demo-lib 1.2.0', 'demo-range range ^2.1.0'],
    );
  });
});
