import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildReport } from '../report/build.ts';
import { renderText } from '../report/render-text.ts';
import { readProject } from '../sources/manifests/index.ts';
import { projectPathKind, scanProject } from './project.ts';
import { defaultCatalog } from './scan.ts';
import { scanTarget } from './target.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const fixture = (name: string) => join(here, 'fixtures', name);
const manifests = (name: string) => join(here, '..', 'sources', 'manifests', 'fixtures', name);

function issueComponents(result: Awaited<ReturnType<typeof scanProject>>, id: string): string[] {
  return (result.issues.find((issue) => issue.id === id)?.finding.evidence ?? []).map(
    (e) => e.component ?? '',
  );
}

describe('projectPathKind: which local paths are projects', () => {
  it('manifest and lockfile files are projects; a directory with a lockfile is a project', async () => {
    assert.equal(await projectPathKind(join(fixture('project-npm'), 'package.json')), 'project');
    assert.equal(await projectPathKind(join(fixture('project-pypi'), 'requirements.txt')), 'project');
    assert.equal(await projectPathKind(fixture('project-npm')), 'project');
    assert.equal(await projectPathKind(fixture('project-pypi')), 'project');
  });

  it('a directory that is a package itself stays a package scan, even beside requirements.txt', async () => {
    assert.equal(await projectPathKind(fixture('package-with-requirements')), 'package');
    assert.equal(await projectPathKind(manifests('npm')), 'package');
    assert.equal(await projectPathKind(join(fixture('package-with-requirements'), 'setup.py')), 'package');
  });
});

describe('scanProject: components and their issues, offline', () => {
  it('an npm lockfile: each component with its resolved version, and the issues naming it', async () => {
    const result = await scanProject(fixture('project-npm'), { offline: true });
    // The name its package.json declares, not the fixture folder's (#15.7).
    assert.equal(result.project.name, 'assay-demo-project');
    assert.equal(result.project.ecosystem, 'npm');
    assert.deepEqual(
      result.enrichment?.components.map(
        (c) => `${c.purl} ${c.component.source}${c.component.dev ? ' dev' : ''}`,
      ),
      [
        'pkg:npm/express@4.18.2 registry',
        'pkg:npm/expres@1.0.0 registry',
        'pkg:npm/noblox.js-proxy@1.0.0 registry',
        'pkg:npm/widget@0.3.0 vcs dev',
      ],
    );
    assert.deepEqual(issueComponents(result, 'known-malicious-component'), ['pkg:npm/noblox.js-proxy@1.0.0']);
    assert.deepEqual(issueComponents(result, 'typosquat-component'), ['pkg:npm/expres@1.0.0']);
    assert.deepEqual(issueComponents(result, 'url-or-vcs-dependency'), ['pkg:npm/widget@0.3.0']);
    assert.equal(result.verdict.level, 'fail');
    assert.equal(result.enrichment?.registry, 'offline');
    assert.ok(result.issues.find((i) => i.id === 'known-malicious-component')?.finding.evidence[0]?.line);
  });

  it('a requirements file: pinned versions and ranges, typosquat, malicious name, unusual version', async () => {
    const result = await scanProject(fixture('project-pypi'));
    assert.equal(result.project.ecosystem, 'pypi');
    // aaiohttp is both: a known malicious name and an imitation of aiohttp.
    assert.deepEqual(issueComponents(result, 'typosquat-component'), [
      'pkg:pypi/reqeusts@2.31.0',
      'pkg:pypi/aaiohttp',
    ]);
    assert.deepEqual(issueComponents(result, 'known-malicious-component'), ['pkg:pypi/aaiohttp']);
    assert.deepEqual(issueComponents(result, 'unusual-version'), ['pkg:pypi/internal-tool@99.99.99']);
    assert.equal(result.enrichment?.registry, 'disabled');
  });

  // One project per lockfile family: the components the parser reads, and the issue its non-registry entry raises.
  const families: [string, string][] = [
    ['npm-lock-v1', 'pkg:npm/gitdep'],
    ['npm-lock-v3', 'pkg:npm/evil-url@1.0.0'],
    ['yarn-v1', 'pkg:npm/forked@0.9.0'],
    ['yarn-berry', 'pkg:npm/remote@2.0.0'],
    ['pnpm-v9', 'pkg:npm/is-odd@3.0.1'],
    ['poetry', 'pkg:pypi/forked-lib@0.5.0'],
    ['uv', 'pkg:pypi/gitdep@0.1.0'],
    ['pipfile', 'pkg:pypi/mylib'],
    ['pylock', 'pkg:pypi/vendored@0.0.1'],
  ];
  for (const [family, nonRegistry] of families) {
    it(`${family}: every component is listed and the URL/VCS entry is an issue`, async () => {
      const result = await scanProject(manifests(family));
      const listed = result.enrichment?.components ?? [];
      assert.equal(listed.length, (await readProject(manifests(family))).components.length);
      assert.ok(listed.length >= 3, `only ${listed.length} components`);
      assert.ok(issueComponents(result, 'url-or-vcs-dependency').includes(nonRegistry), family);
      assert.equal(result.project.used[0]?.kind, 'lockfile');
    });
  }
});

describe('project reports', () => {
  it('list each component with its version kind, scope and issues, and name the snapshots with dates', async () => {
    const [scan] = await scanTarget(fixture('project-npm'), { offline: true });
    assert.ok(scan);
    assert.equal(scan.result.subject, 'project');
    const report = buildReport(scan.result, {
      toolVersion: 'test',
      behaviors: defaultCatalog.behaviors,
      policies: defaultCatalog.policies,
      now: new Date('2026-11-22T00:00:00Z'),
    });
    const noblox = report.components?.find((c) => c.name === 'noblox.js-proxy');
    assert.equal(noblox?.versionKind, 'resolved');
    assert.equal(noblox?.registry, 'not checked (offline)');
    assert.ok(noblox?.issues.includes('known-malicious-component'));
    assert.ok(report.data.snapshots.some((s) => s.name === 'ossf-malicious' && /^\d{4}-/.test(s.date)));
    const text = renderText(report, { color: false, maxEvidence: 3, width: 100 });
    assert.match(text, /Components \(4: 4 direct, 1 dev\) · registry not asked \(offline\)/);
    assert.match(
      text,
      /noblox\.js-proxy 1\.0\.0 \(resolved\) · direct · popularity unknown · issues: .*known-malicious-component/,
    );
    assert.match(text, /Data: ossf-malicious \(.*, \d{4}-\d{2}-\d{2}\)/);
  });
});

describe('scanProject: what the manifests could not give', () => {
  it('an include outside the project makes the report incomplete and says why', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'assay-project-problems-'));
    await writeFile(join(dir, 'requirements.txt'), '-r /etc/passwd\nflask==3.0.0\n');
    const result = await scanProject(dir, { offline: true });
    const report = buildReport(result, {
      toolVersion: 'test',
      behaviors: defaultCatalog.behaviors,
      policies: defaultCatalog.policies,
    });
    assert.equal(report.completeness.complete, false);
    assert.match(report.completeness.analysisProblems[0]?.message ?? '', /outside the project directory/);
  });
});
