import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { policyContext, runPolicies, verdictFor } from '../../catalog/engine.ts';
import type { DetectionContext, PolicyContext } from '../../catalog/types.ts';
import type { PackageSnapshot } from '../../metadata/snapshot.ts';
import { emptyMetadata } from '../../metadata/types.ts';
import type { FindingSeverity, VulnerabilityContext, VulnerabilityFinding } from '../../vulns/types.ts';
import { criticalVulnerability } from './critical-vulnerability.ts';
import { highSeverityVulnerability } from './high-severity-vulnerability.ts';
import { vulnerabilitiesPolicies } from './index.ts';
import { lowSeverityVulnerability } from './low-severity-vulnerability.ts';
import { mediumSeverityVulnerability } from './medium-severity-vulnerability.ts';

const snapshot: PackageSnapshot = {
  ecosystem: 'pypi',
  name: 'demo-app',
  version: '1.0.0',
  artifact: { file: 'demo-app', sha256: '0'.repeat(64), size: 0, format: 'directory' },
  files: [],
  metadata: emptyMetadata('pypi'),
  anomalies: [],
  limitHits: [],
};
const facts = { sources: [], urls: [], embedded: [], problems: [] };
const DATABASE = { records: 10, newestModified: '2030-01-01T00:00:00Z', importedAt: '2030-01-02T00:00:00Z' };

const CRITICAL = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';

function cvss(score: number, label: FindingSeverity['label'], vector = CRITICAL): FindingSeverity {
  return { vector, type: 'CVSS_V3', score, label };
}

function finding(overrides: Partial<VulnerabilityFinding> = {}): VulnerabilityFinding {
  return {
    id: 'GHSA-demo-0001-0001',
    aliases: ['CVE-2099-0001', 'PYSEC-2099-1'],
    summary: 'Demo flaw',
    severity: cvss(9.8, 'critical'),
    component: { ecosystem: 'PyPI', name: 'demo-lib', version: '1.2.0' },
    matchedOn: 'version',
    fixedVersions: ['1.3.0', '2.0.1'],
    upgradeTo: '2.0.1',
    published: '2029-01-01T00:00:00Z',
    modified: '2029-01-02T00:00:00Z',
    references: [],
    ...overrides,
  };
}

const rangeComponent = { ecosystem: 'PyPI', name: 'demo-lib', specifier: '>=1.0,<2' };

function detection(findings: readonly VulnerabilityFinding[], database = DATABASE): DetectionContext {
  const vulnerabilities: VulnerabilityContext = { findings, database };
  return { snapshot, facts, vulnerabilities };
}

function context(findings: readonly VulnerabilityFinding[], database = DATABASE): PolicyContext {
  return policyContext(detection(findings, database), []);
}

describe('vulnerability policies: one per advisory severity', () => {
  it('a critical advisory on a locked version fails the verdict, with every fact in the evidence', () => {
    const issue = criticalVulnerability.evaluate(context([finding()]));
    assert.ok(issue);
    assert.equal(issue.severity, 'high');
    assert.equal(issue.detail, '1 critical vulnerability in 1 component.');
    assert.deepEqual(issue.evidence, [
      {
        component: 'pkg:pypi/demo-lib@1.2.0',
        detail:
          'GHSA-demo-0001-0001 (CVE-2099-0001, PYSEC-2099-1): CVSS 9.8 critical; demo-lib 1.2.0 is affected; ' +
          `upgrade to 2.0.1 (fixed in 1.3.0, 2.0.1); ${CRITICAL}`,
      },
    ]);
    const { issues } = runPolicies(vulnerabilitiesPolicies, detection([finding()]), []);
    assert.deepEqual(
      issues.map((i) => i.id),
      ['critical-vulnerability'],
    );
    assert.equal(verdictFor(issues).level, 'fail');
  });

  it('each severity label goes to its own policy, at its own severity', () => {
    const cases: [FindingSeverity, string, string][] = [
      [cvss(9.1, 'critical'), 'critical-vulnerability', 'high'],
      [cvss(7.5, 'high'), 'high-severity-vulnerability', 'medium'],
      [cvss(5.3, 'medium'), 'medium-severity-vulnerability', 'medium'],
      [cvss(3.1, 'low'), 'low-severity-vulnerability', 'low'],
      [cvss(0, 'none'), 'low-severity-vulnerability', 'low'],
      [{ vector: null, type: 'label', score: null, label: 'high' }, 'high-severity-vulnerability', 'medium'],
    ];
    for (const [severity, id, level] of cases) {
      const { issues } = runPolicies(vulnerabilitiesPolicies, detection([finding({ severity })]), []);
      assert.deepEqual(
        issues.map((i) => [i.id, i.severity]),
        [[id, level]],
        `${severity.label} ${severity.score}`,
      );
    }
  });

  it('verdicts: high → warning, medium → warning, low → pass', () => {
    const verdict = (severity: FindingSeverity) =>
      verdictFor(runPolicies(vulnerabilitiesPolicies, detection([finding({ severity })]), []).issues).level;
    assert.equal(verdict(cvss(7.5, 'high')), 'warning');
    assert.equal(verdict(cvss(5.3, 'medium')), 'warning');
    assert.equal(verdict(cvss(3.1, 'low')), 'pass');
  });

  it('a range-only match is one step milder and says the installed version is unknown', () => {
    const range = finding({ matchedOn: 'range', component: rangeComponent });
    const issue = criticalVulnerability.evaluate(context([range]));
    assert.equal(issue?.severity, 'medium');
    assert.equal(issue?.evidence[0]?.component, 'pkg:pypi/demo-lib');
    assert.match(
      issue?.evidence[0]?.detail ?? '',
      /range only: demo-lib >=1\.0,<2 admits an affected version/,
    );
    assert.match(issue?.detail ?? '', /1 of them matched on a version range only/);
    const two = criticalVulnerability.evaluate(
      context([range, finding({ component: { ...rangeComponent, name: 'x' } })]),
    );
    assert.match(two?.detail ?? '', /^2 critical vulnerabilities in 2 components, 1 of them/);
    const high = highSeverityVulnerability.evaluate(context([{ ...range, severity: cvss(7.5, 'high') }]));
    assert.equal(high?.severity, 'low');
    const low = lowSeverityVulnerability.evaluate(context([{ ...range, severity: cvss(2, 'low') }]));
    assert.equal(low?.severity, 'info');
  });

  it("a project's development-only component is one step milder; range and dev together two steps", () => {
    const dev = finding({ component: { ecosystem: 'PyPI', name: 'demo-lib', version: '1.2.0', dev: true } });
    assert.equal(criticalVulnerability.evaluate(context([dev]))?.severity, 'medium');
    assert.match(
      criticalVulnerability.evaluate(context([dev]))?.evidence[0]?.detail ?? '',
      /development only/,
    );
    const both = finding({ matchedOn: 'range', component: { ...rangeComponent, dev: true } });
    assert.equal(criticalVulnerability.evaluate(context([both]))?.severity, 'low');
  });

  it('the issue takes its worst finding: a locked match outranks a range match', () => {
    const issue = criticalVulnerability.evaluate(
      context([
        finding({ matchedOn: 'range', component: rangeComponent }),
        finding({ id: 'GHSA-demo-0002' }),
      ]),
    );
    assert.equal(issue?.severity, 'high');
    assert.equal(issue?.evidence.length, 2);
    assert.equal(issue?.evidence[0]?.component, 'pkg:pypi/demo-lib@1.2.0');
  });

  it('an advisory without a usable severity is judged medium and says so', () => {
    const none = finding({ severity: null, fixedVersions: [], upgradeTo: null });
    const issue = mediumSeverityVulnerability.evaluate(context([none]));
    assert.equal(issue?.severity, 'medium');
    assert.match(
      issue?.evidence[0]?.detail ?? '',
      /no severity published \(judged as medium\); .*; no fixed version published$/,
    );
    const v4 = finding({ severity: { vector: 'CVSS:4.0/AV:N', type: 'CVSS_V4', score: null, label: null } });
    assert.match(
      mediumSeverityVulnerability.evaluate(context([v4]))?.evidence[0]?.detail ?? '',
      /CVSS_V4 vector not scored here/,
    );
    assert.equal(criticalVulnerability.evaluate(context([none])), null);
  });

  it('no look-up, no database or no finding: no policy fires', () => {
    const bare: DetectionContext = { snapshot, facts };
    assert.deepEqual(runPolicies(vulnerabilitiesPolicies, bare, []).issues, []);
    assert.deepEqual(runPolicies(vulnerabilitiesPolicies, detection([], DATABASE), []).issues, []);
    const noDatabase: DetectionContext = {
      snapshot,
      facts,
      vulnerabilities: { findings: [], database: null },
    };
    assert.deepEqual(runPolicies(vulnerabilitiesPolicies, noDatabase, []).issues, []);
  });

  it('a MAL- record is never judged as a vulnerability, even if one reached the policies', () => {
    const malware = finding({ id: 'MAL-2099-1', aliases: [] });
    const aliased = finding({ id: 'GHSA-demo-0003', aliases: ['MAL-2099-2'] });
    assert.deepEqual(runPolicies(vulnerabilitiesPolicies, detection([malware, aliased]), []).issues, []);
  });

  it('names the public reference ids it maps to', () => {
    assert.deepEqual(
      vulnerabilitiesPolicies.map((p) => [p.id, p.references.reversinglabs]),
      [
        ['malware-exploited-vulnerability', ['SQ31103']],
        ['actively-exploited-vulnerability', ['SQ31101', 'SQ31102']],
        ['critical-vulnerability', ['SQ31104']],
        ['high-severity-vulnerability', ['SQ31105']],
        ['medium-severity-vulnerability', ['SQ31106']],
        ['low-severity-vulnerability', ['SQ31107']],
      ],
    );
  });
});
