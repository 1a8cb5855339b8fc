import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { memoryIo } from '../cli/io.ts';
import { main } from '../cli/main.ts';
import { fingerprintsOf } from './fingerprint.ts';
import type { Report } from './model.ts';
import { renderCycloneDx } from './render-cyclonedx.ts';
import { renderHtml } from './render-html.ts';
import { MARKDOWN_LIMIT, renderMarkdown } from './render-markdown.ts';
import { renderSarif } from './render-sarif.ts';
import { HOSTILE_NAME, hostileReport } from './testing/hostile-report.ts';
import { sampleReport } from './testing/sample-report.ts';

const here = import.meta.dirname;
const FIXTURE_PROJECT = join(here, '..', 'scan', 'fixtures', 'project-npm');
let dir: string;
let projectReport: Report;
let projectSarif: Log;

function validateSarif(log: unknown): void {
  const schema = JSON.parse(
    readFileSync(join(here, 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8'),
  ) as object;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
}

function matchSnapshot(name: string, actual: string): void {
  const path = join(here, '__snapshots__', name);
  if (process.env['UPDATE_SNAPSHOTS'] === '1') writeFileSync(path, actual);
  assert.equal(actual, readFileSync(path, 'utf8'));
}

async function scanFixture(format: string): Promise<string> {
  const out = join(dir, `report.${format}`);
  const io = memoryIo({
    ASSAY_DB: join(dir, 'none.db'),
    ASSAY_CACHE_DIR: join(dir, 'cache'),
    ASSAY_OFFLINE: '1',
  });
  const code = await main(['scan', FIXTURE_PROJECT, '-f', format, '-o', out], io);
  assert.equal(code, 1, io.err.join(''));
  return readFileSync(out, 'utf8');
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'assay-ci-render-'));
  projectReport = JSON.parse(await scanFixture('json')) as Report;
  projectSarif = JSON.parse(await scanFixture('sarif')) as Log;
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the SARIF of a fixture project passes the SARIF 2.1.0 schema', () => {
  validateSarif(projectSarif);
  validateSarif(JSON.parse(renderSarif(hostileReport, { docsBaseUrl: 'https://example.org/assay/docs' })));
});

test('the schema check can fail: a result without a message is refused', () => {
  const broken = structuredClone(projectSarif) as unknown as {
    runs: { results: Record<string, unknown>[] }[];
  };
  delete broken.runs[0]?.results[0]?.['message'];
  assert.throws(() => validateSarif(broken));
});

test('SARIF carries the fields GitHub code scanning reads', () => {
  const run = projectSarif.runs[0];
  assert.ok(run);
  assert.equal(run.tool.driver.name, 'assay');
  assert.match(run.tool.driver.version ?? '', /^\d+\.\d+\.\d+/);
  const ruleIds = (run.tool.driver.rules ?? []).map((rule) => rule.id);
  assert.deepEqual(
    ruleIds,
    projectReport.issues.map((issue) => issue.id),
  );
  for (const rule of run.tool.driver.rules ?? []) {
    assert.ok(rule.shortDescription?.text);
    assert.ok(rule.fullDescription?.text);
    const properties = rule.properties as { tags: string[]; 'security-severity': string };
    assert.ok(properties.tags.includes('hunting'));
    const score = Number(properties['security-severity']);
    assert.ok(score > 0 && score <= 10, `security-severity ${properties['security-severity']}`);
  }
  const malicious = (run.results ?? []).find((result) => result.ruleId === 'known-malicious-component');
  assert.ok(malicious);
  assert.equal(malicious.level, 'error');
  const location = malicious.locations?.[0]?.physicalLocation;
  assert.equal(location?.artifactLocation?.uri, 'package-lock.json');
  assert.equal(location?.region?.startLine, 28);
  assert.ok(malicious.relatedLocations && malicious.relatedLocations.length > 0);
  assert.match(malicious.partialFingerprints?.['assayFinding/v1'] ?? '', /^[0-9a-f]{64}$/);
  const withDocs = JSON.parse(
    renderSarif(projectReport, { docsBaseUrl: 'https://example.org/assay/docs/' }),
  ) as Log;
  assert.equal(
    withDocs.runs[0]?.tool.driver.rules?.[0]?.helpUri,
    'https://example.org/assay/docs/issues/known-malicious-component.md',
  );
});

test('fingerprints stay when unrelated lines move and change when the evidence does', () => {
  const target = {
    ecosystem: 'npm',
    name: 'demo',
    version: '1.0.0',
    artifact: { file: 'demo.tgz', format: 'tar.gz' },
  };
  const evidence = [{ file: 'index.js', line: 10, column: 4, snippet: 'eval(atob(x))' }];
  const moved = [{ file: 'index.js', line: 42, column: 8, snippet: '  eval(atob(x))' }];
  const changed = [{ file: 'index.js', line: 10, column: 4, snippet: 'eval(atob(y))' }];
  const base = fingerprintsOf('eval-call', target, evidence).finding;
  assert.equal(fingerprintsOf('eval-call', target, moved).finding, base);
  assert.equal(fingerprintsOf('eval-call', { ...target, version: '1.0.1' }, evidence).finding, base);
  assert.notEqual(fingerprintsOf('eval-call', target, changed).finding, base);
  assert.notEqual(fingerprintsOf('other-rule', target, evidence).finding, base);
  // A project's folder name is where it was checked out, not what it is.
  const project = {
    ecosystem: 'npm',
    name: 'checkout-a',
    version: 'project',
    artifact: { file: '/a/x', format: 'directory' },
  };
  const lock = [{ file: '/a/x/package-lock.json', line: 3, component: 'pkg:npm/a@1.0.0' }];
  const lockElsewhere = [{ file: '/b/y/package-lock.json', line: 9, component: 'pkg:npm/a@1.0.0' }];
  assert.equal(
    fingerprintsOf('r', project, lock).finding,
    fingerprintsOf(
      'r',
      { ...project, name: 'checkout-b', artifact: { file: '/b/y', format: 'directory' } },
      lockElsewhere,
    ).finding,
  );
});

test('the CycloneDX SBOM of a fixture project passes the library validator', async () => {
  const text = await scanFixture('cyclonedx');
  const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
  assert.equal(await validator.validate(text), null);
  const bom = JSON.parse(text) as {
    specVersion: string;
    metadata: { properties: { name: string; value: string }[] };
    components: { purl?: string; name: string; properties: { name: string; value: string }[] }[];
    dependencies: { ref: string; dependsOn?: string[] }[];
  };
  assert.equal(bom.specVersion, '1.6');
  assert.ok(bom.metadata.properties.some((p) => p.name === 'assay:verdict' && p.value === 'fail'));
  const malicious = bom.components.find((c) => c.name === 'noblox.js-proxy');
  assert.equal(malicious?.purl, 'pkg:npm/noblox.js-proxy@1.0.0');
  assert.ok(
    malicious?.properties.some((p) => p.name === 'assay:issue' && p.value === 'known-malicious-component'),
  );
  const root = bom.dependencies.find((d) => d.ref.startsWith('project:'));
  assert.ok(root?.dependsOn?.includes('pkg:npm/express@4.18.2'), JSON.stringify(root));
});

test('the CycloneDX SBOM lists vulnerabilities with ratings and affected components', async () => {
  const report: Report = {
    ...sampleReport,
    target: { ...sampleReport.target, name: 'demo', license: 'MIT OR Apache-2.0' },
    components: [
      {
        purl: 'pkg:pypi/requests@2.0.0',
        ecosystem: 'pypi',
        name: 'requests',
        version: '2.0.0',
        versionKind: 'resolved',
        source: 'registry',
        dev: false,
        direct: true,
        role: 'dependency',
        declaredIn: { file: 'PKG-INFO' },
        popularity: { status: 'known', tier: 'top100', rank: 5, source: 'test' },
        registry: 'not checked (offline)',
        issues: [],
      },
    ],
    vulnerabilities: [
      {
        id: 'GHSA-xxxx-yyyy-zzzz',
        aliases: ['CVE-2024-0001'],
        summary: 'Leaks credentials on redirect.',
        severity: { label: 'HIGH', score: 7.5, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' },
        component: { ecosystem: 'pypi', name: 'requests', version: '2.0.0' },
        matchedOn: 'version',
        fixedVersions: ['2.31.0'],
        upgradeTo: '2.31.0',
      },
    ],
  };
  const text = renderCycloneDx(report);
  assert.equal(await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(text), null);
  const bom = JSON.parse(text) as {
    metadata: { component: { licenses: { expression?: string }[] } };
    vulnerabilities: {
      id: string;
      ratings: { score: number; severity: string; method: string }[];
      affects: { ref: string }[];
    }[];
  };
  assert.equal(bom.metadata.component.licenses[0]?.expression, 'MIT OR Apache-2.0');
  const vulnerability = bom.vulnerabilities[0];
  assert.equal(vulnerability?.id, 'GHSA-xxxx-yyyy-zzzz');
  assert.deepEqual(vulnerability?.ratings[0], {
    score: 7.5,
    severity: 'high',
    method: 'CVSSv31',
    vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
  });
  assert.equal(vulnerability?.affects[0]?.ref, 'pkg:pypi/requests@2.0.0');
});

test('Markdown and HTML reports match their snapshots', () => {
  matchSnapshot('sample.md', renderMarkdown(sampleReport, { maxEvidence: 3 }));
  matchSnapshot('hostile.md', renderMarkdown(hostileReport, { maxEvidence: 5 }));
  matchSnapshot('sample.html', renderHtml(sampleReport, { maxEvidence: 3 }));
  matchSnapshot('hostile.html', renderHtml(hostileReport, { maxEvidence: 5 }));
});

/** Text outside inline code spans, where Markdown, HTML and mentions are live. */
function outsideCode(markdown: string): string {
  return markdown.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '');
}

test('Markdown keeps hostile package strings inert', () => {
  const markdown = renderMarkdown(hostileReport, { maxEvidence: 5 });
  const live = outsideCode(markdown);
  assert.doesNotMatch(live, /<img|<script|<!--|@octocat|@here|javascript:/);
  assert.equal((live.match(/<details>/g) ?? []).length, (live.match(/<\/details>/g) ?? []).length);
  assert.doesNotMatch(markdown, /\u202e/);
  // Every row of a table has as many unescaped pipes as its header: no package string adds a cell.
  const lines = markdown.split('\n');
  const pipes = (line: string) => line.replace(/\\\|/g, '').split('|').length;
  for (const [index, line] of lines.entries()) {
    if (!line.startsWith('| ') || lines[index - 1]?.startsWith('|')) continue;
    const header = pipes(line);
    for (let row = index + 2; lines[row]?.startsWith('|'); row++)
      assert.equal(pipes(lines[row] ?? ''), header, lines[row]);
  }
  assert.match(markdown, /GHSA-\\\|x\\\|/);
});

test('HTML escapes every package string and loads nothing from outside', () => {
  const html = renderHtml(hostileReport, { maxEvidence: 5 });
  assert.doesNotMatch(html, /<img|<script|<b>x|javascript:alert\(1\)\)"/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.doesNotMatch(html, /\u202e/);
  assert.doesNotMatch(html, /<[^>]*\s(src|href)=/);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.ok(!html.includes(HOSTILE_NAME));
});

test('Markdown is cut below the comment limit between sections and says so', () => {
  const many: Report = {
    ...sampleReport,
    issues: Array.from({ length: 400 }, (_, index) => ({
      ...(sampleReport.issues[0] as Report['issues'][number]),
      id: `issue-${index}`,
      problem: 'x'.repeat(300),
    })),
  };
  const markdown = renderMarkdown(many, { maxEvidence: 3 });
  assert.ok(markdown.length <= MARKDOWN_LIMIT, String(markdown.length));
  assert.match(markdown, /This comment was cut at 60,000 characters/);
  assert.equal((markdown.match(/<details>/g) ?? []).length, (markdown.match(/<\/details>/g) ?? []).length);
  const small = renderMarkdown(sampleReport, { maxEvidence: 3 });
  assert.doesNotMatch(small, /was cut/);
});
