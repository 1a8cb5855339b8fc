import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runPolicies, verdictFor } from '../../catalog/engine.ts';
import type { Issue } from '../../catalog/types.ts';
import { collectComponentFacts } from '../../enrich/component-facts.ts';
import { type RecordedRegistry, recordedRegistry } from '../../enrich/testing/recorded-registry.ts';
import type { HuntedComponent } from '../../enrich/types.ts';
import { emptyMetadata } from '../../metadata/types.ts';
import { huntingPolicies } from './index.ts';

function dep(name: string, extra: Partial<HuntedComponent> = {}): HuntedComponent {
  return {
    ecosystem: 'npm',
    name,
    pinned: false,
    source: 'registry',
    dev: false,
    direct: true,
    declaredIn: { file: 'package-lock.json', line: 12 },
    locked: false,
    role: 'dependency',
    ...extra,
  };
}

const NOW = '2026-11-22T00:00:00Z';
const snapshot = {
  ecosystem: 'npm' as const,
  name: 'app',
  version: 'project',
  artifact: { file: 'package-lock.json', sha256: '0'.repeat(64), size: 0, format: 'file' as const },
  files: [],
  metadata: emptyMetadata('npm'),
  anomalies: [],
  limitHits: [],
};

async function judge(
  components: HuntedComponent[],
  packages?: RecordedRegistry['packages'],
): Promise<Map<string, Issue>> {
  const enrichment = await collectComponentFacts(components, {
    ...(packages === undefined ? { offline: true } : { registry: recordedRegistry({ now: NOW, packages }) }),
    now: new Date(NOW),
  });
  const { issues, errors } = runPolicies(
    huntingPolicies,
    { snapshot, facts: { sources: [], urls: [], embedded: [], problems: [] }, enrichment },
    [],
  );
  assert.deepEqual(errors, []);
  return new Map(issues.map((issue) => [issue.id, issue]));
}

describe('component policies: evidence names the component and the data', () => {
  it('typosquat-component names the imitated package, where the component is declared', async () => {
    const issue = (await judge([dep('expres', { version: '1.0.0', pinned: true })])).get(
      'typosquat-component',
    );
    assert.equal(issue?.severity, 'medium');
    const evidence = issue?.finding.evidence[0];
    assert.equal(evidence?.component, 'pkg:npm/expres@1.0.0');
    assert.match(evidence?.detail ?? '', /^expres 1\.0\.0: imitates express, popularity rank \d+: omission/);
    assert.match(evidence?.detail ?? '', /an established package of this name is not ruled out/);
    assert.deepEqual([evidence?.file, evidence?.line], ['package-lock.json', 12]);
  });

  it('known-malicious-component is critical for a listed name and fails the verdict', async () => {
    const issues = await judge([dep('noblox.js-proxy', { version: '0.9.0', pinned: true })]);
    const issue = issues.get('known-malicious-component');
    assert.equal(issue?.severity, 'critical');
    assert.match(
      issue?.finding.evidence[0]?.detail ?? '',
      /OpenSSF MAL-2022-4874 \(every version; ossf-malicious, \d{4}-\d{2}-\d{2}\)/,
    );
    assert.equal(verdictFor([...issues.values()]).level, 'fail');
  });

  it('low-popularity-component: silent on mere absence from the top lists, low on a measured count', async () => {
    const offline = await judge([dep('assay-obscure-zz', { version: '1.0.0', pinned: true })]);
    assert.equal(offline.has('low-popularity-component'), false, 'unknown popularity is not low');
    assert.equal(offline.has('rarely-included-component'), false);

    const counted = await judge(
      [
        dep('assay-obscure-zz', { version: '1.0.0', pinned: true }),
        dep('assay-busy-zz', { specifier: '^2.0.0' }),
      ],
      {
        'npm:assay-obscure-zz': { status: 'exists', weeklyDownloads: 37 },
        'npm:assay-busy-zz': { status: 'exists', weeklyDownloads: 250_000 },
      },
    );
    const issue = counted.get('low-popularity-component');
    assert.equal(issue?.severity, 'low');
    assert.deepEqual(
      issue?.finding.evidence.map((e) => e.component),
      ['pkg:npm/assay-obscure-zz@1.0.0'],
    );
    assert.match(
      issue?.finding.evidence[0]?.detail ?? '',
      /37 downloads last week \(npm downloads API \(last week\)\), below 1,000/,
    );
    assert.deepEqual(
      counted.get('rarely-included-component')?.finding.evidence.map((e) => e.component),
      ['pkg:npm/assay-obscure-zz@1.0.0'],
    );
  });

  it('typosquat-component: an old look-alike with a release history is its own project; a new one is flagged', async () => {
    const history = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`1.${i}.0`, `2017-0${1 + (i % 9)}-01T00:00:00Z`]),
    );
    const issues = await judge(
      [dep('expres', { specifier: '^1.0.0' }), dep('lodahs', { specifier: '^1.0.0' })],
      {
        'npm:expres': { status: 'exists', versions: history },
        'npm:lodahs': { status: 'exists', versions: { '1.0.0': '2026-11-01T00:00:00Z' } },
      },
    );
    assert.deepEqual(
      issues.get('typosquat-component')?.finding.evidence.map((e) => e.component),
      ['pkg:npm/lodahs'],
    );
    assert.doesNotMatch(
      issues.get('typosquat-component')?.finding.evidence[0]?.detail ?? '',
      /not ruled out/,
      'the registry was asked: nothing left open',
    );
    const pair = await judge([dep('crossenv', { specifier: '^1.0.0' })], {
      'npm:crossenv': { status: 'exists', versions: history },
    });
    assert.equal(pair.get('typosquat-component')?.severity, 'high', 'a known pair fires whatever its age');
  });

  it('locked-version-missing: a locked version the registry no longer lists, unless the list is truncated', async () => {
    const versions = { '1.0.0': '2016-03-23T00:00:00Z', '1.3.0': '2018-04-09T00:00:00Z' };
    const issues = await judge(
      [
        dep('left-pad', { version: '9.9.9', pinned: true, locked: true }),
        dep('right-pad', { version: '1.3.0', pinned: true, locked: true }),
        dep('long-history', { version: '0.0.1', pinned: true, locked: true }),
        dep('manifest-pin', { version: '2.0.0', pinned: true }),
        dep('ranged', { specifier: '^9.0.0' }),
      ],
      {
        'npm:left-pad': { status: 'exists', versions, latestVersion: '1.3.0' },
        'npm:right-pad': { status: 'exists', versions },
        'npm:long-history': { status: 'exists', versions, versionCount: 1400 },
        'npm:manifest-pin': { status: 'exists', versions },
        'npm:ranged': { status: 'exists', versions },
      },
    );
    const issue = issues.get('locked-version-missing');
    assert.equal(issue?.severity, 'medium');
    assert.deepEqual(
      issue?.finding.evidence.map((e) => e.component),
      ['pkg:npm/left-pad@9.9.9', 'pkg:npm/manifest-pin@2.0.0'],
    );
    assert.match(
      issue?.finding.evidence[0]?.detail ?? '',
      /^left-pad 9\.9\.9: locked in package-lock\.json, but https:\/\/registry\.npmjs\.org lists 2 versions without it, latest 1\.3\.0/,
    );
    assert.equal(issues.has('removed-from-registry'), false, 'the name itself is still served');
  });

  it('locked-version-missing compares PyPI versions by PEP 440, not by spelling', async () => {
    const issues = await judge(
      [dep('some-lib', { ecosystem: 'pypi', version: '1.0', pinned: true, locked: true })],
      { 'pypi:some-lib': { status: 'exists', versions: { '1.0.0': '2020-01-01T00:00:00Z' } } },
    );
    assert.equal(issues.has('locked-version-missing'), false);
  });

  it('recently-published-component: medium for a new package, low for a new version, nothing for old ones', async () => {
    const issues = await judge(
      [
        dep('brand-new', { version: '1.0.0', pinned: true }),
        dep('old-but-updated', { specifier: '^3.0.0' }),
        dep('old-and-quiet', { version: '1.0.0', pinned: true }),
      ],
      {
        'npm:brand-new': { status: 'exists', versions: { '1.0.0': '2026-11-10T12:00:00Z' } },
        'npm:old-but-updated': {
          status: 'exists',
          latestVersion: '3.2.0',
          versions: { '3.0.0': '2020-01-01T00:00:00Z', '3.2.0': '2026-11-20T00:00:00Z' },
        },
        'npm:old-and-quiet': { status: 'exists', versions: { '1.0.0': '2019-05-01T00:00:00Z' } },
      },
    );
    const issue = issues.get('recently-published-component');
    assert.equal(issue?.severity, 'medium');
    assert.deepEqual(
      issue?.finding.evidence.map((e) => e.detail?.replace(/ \(https:.*$/, '')),
      [
        'brand-new 1.0.0: first published 2026-11-10, 11 days before this scan',
        'old-but-updated ^3.0.0 (specifier): version 3.2.0 (what the range installs today) published 2026-11-20, 2 days before this scan',
      ],
    );
  });

  it('recently-published-component judges the version a range installs, not a newer major it excludes (#15.2)', async () => {
    const issues = await judge(
      [dep('marked', { specifier: '^15.0.3' }), dep('pylib', { specifier: '>=1.0,<2', ecosystem: 'pypi' })],
      {
        'npm:marked': {
          status: 'exists',
          latestVersion: '18.3.0',
          versions: {
            '15.0.3': '2024-12-01T00:00:00Z',
            '15.0.12': '2025-05-01T00:00:00Z',
            '18.3.0': '2026-11-20T00:00:00Z',
          },
        },
        'pypi:pylib': {
          status: 'exists',
          latestVersion: '2.0',
          versions: {
            '1.0': '2020-01-01T00:00:00Z',
            '1.4': '2021-01-01T00:00:00Z',
            '2.0': '2026-11-20T00:00:00Z',
          },
        },
      },
    );
    assert.equal(issues.has('recently-published-component'), false);
  });

  it('a locked name the registry no longer serves is removed; one locked from a private host is never published', async () => {
    const issues = await judge(
      [
        dep('vanished', {
          version: '1.0.0',
          pinned: true,
          locked: true,
          url: 'https://registry.npmjs.org/vanished/-/vanished-1.0.0.tgz',
        }),
        dep('acme-internal', {
          version: '2.0.0',
          pinned: true,
          locked: true,
          url: 'https://npm.acme.example/acme-internal/-/acme-internal-2.0.0.tgz',
        }),
        dep('typo-in-manifest', { specifier: '^1.0.0' }),
      ],
      {
        'npm:vanished': { status: 'not-found' },
        'npm:acme-internal': { status: 'not-found' },
        'npm:typo-in-manifest': { status: 'not-found' },
      },
    );
    assert.deepEqual(
      issues.get('removed-from-registry')?.finding.evidence.map((e) => e.component),
      ['pkg:npm/vanished@1.0.0'],
    );
    assert.deepEqual(
      issues.get('never-published-name')?.finding.evidence.map((e) => e.component),
      ['pkg:npm/acme-internal@2.0.0', 'pkg:npm/typo-in-manifest'],
    );
  });

  it('offline, the checks that need the registry stay silent instead of guessing', async () => {
    const issues = await judge([dep('vanished', { version: '1.0.0', pinned: true, locked: true })]);
    for (const id of [
      'removed-from-registry',
      'never-published-name',
      'recently-published-component',
      'component-missing-source-repository',
    ])
      assert.equal(issues.has(id), false, id);
  });

  it('URL, VCS and path components each get their own issue; plain http is medium', async () => {
    const issues = await judge([
      dep('tarball', { source: 'url', url: 'http://example.org/t.tgz' }),
      dep('forked', { source: 'vcs', url: 'git+https://example.org/f.git#main' }),
      dep('sibling', { source: 'path', url: 'file:../sibling' }),
    ]);
    assert.equal(issues.get('url-or-vcs-dependency')?.severity, 'medium');
    assert.equal(issues.get('url-or-vcs-dependency')?.finding.evidence.length, 2);
    assert.equal(issues.get('path-dependency')?.finding.evidence[0]?.component, 'pkg:npm/sibling');
  });
});
