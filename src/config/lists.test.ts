import assert from 'node:assert/strict';
import { test } from 'node:test';
import { componentHashes } from '../report/component-hashes.ts';
import type { Report } from '../report/model.ts';
import { licenseChoices, normalizedLicenseId } from './license-choices.ts';
import { applyLists } from './lists.ts';
import { EMPTY_LISTS } from './types.ts';

test('license choices: OR offers alternatives, AND imposes every operand, non-SPDX text stays itself', () => {
  assert.deepEqual(licenseChoices('MIT OR (GPL-2.0-only AND Apache-2.0)'), [
    ['MIT'],
    ['GPL-2.0-only', 'Apache-2.0'],
  ]);
  assert.deepEqual(licenseChoices('(MIT OR ISC) AND BSD-3-Clause'), [
    ['MIT', 'BSD-3-Clause'],
    ['ISC', 'BSD-3-Clause'],
  ]);
  assert.deepEqual(licenseChoices('Apache 2.0'), [['Apache-2.0']]);
  assert.deepEqual(licenseChoices('SEE LICENSE IN LICENSE.md'), [['SEE LICENSE IN LICENSE.md']]);
  assert.equal(normalizedLicenseId('mit'), 'mit');
  assert.equal(normalizedLicenseId('gpl-3.0-only'), 'gpl-3.0-only');
  assert.equal(normalizedLicenseId('GPL-3.0'), 'gpl-3.0-only');
  assert.equal(normalizedLicenseId('GPL-2.0+'), 'gpl-2.0-or-later');
  assert.equal(normalizedLicenseId('Apache-2.0'), 'apache-2.0');
});

test('component hashes read SRI and algorithm:hex, and drop values of the wrong length', () => {
  const sha512 = Buffer.alloc(64, 1).toString('base64');
  const sha256 = 'ab'.repeat(32);
  assert.deepEqual(
    componentHashes([`sha512-${sha512}`, `sha256:${sha256.toUpperCase()}`, 'sha1-AAAA', 'md5:zz']),
    [
      { algorithm: 'SHA-512', value: '01'.repeat(64) },
      { algorithm: 'SHA-256', value: sha256 },
    ],
  );
});

function report(): Report {
  const component = (name: string, license: string | undefined, dev = false) => ({
    purl: `pkg:npm/${name}@1.0.0`,
    ecosystem: 'npm' as const,
    name,
    version: '1.0.0',
    versionKind: 'resolved' as const,
    source: 'registry' as const,
    ...(license === undefined ? {} : { license }),
    dev,
    direct: true,
    role: 'dependency' as const,
    declaredIn: { file: 'package-lock.json', line: 10 },
    popularity: { status: 'unknown' as const, coveredDownTo: 'top 1000', source: 'test' },
    registry: 'not checked (offline)',
    issues: [],
  });
  return {
    target: {
      ecosystem: 'npm',
      name: 'demo',
      version: 'project',
      artifact: { file: '/p', sha256: '', size: 0, format: 'directory' },
    },
    metadata: { sources: [], conflicts: [], dependencies: 0 },
    issues: [
      {
        id: 'risky-url-destination',
        title: 't',
        category: 'hunting',
        severity: 'medium',
        riskLabel: 'r',
        problem: 'p',
        nextSteps: [],
        references: {},
        evidence: [
          { file: 'a.js', line: 1, snippet: "get('https://cdn.pastebin.com/raw/x')" },
          { file: 'a.js', line: 2, snippet: "get('https://evil.example/raw/x')" },
        ],
        prevalence: null,
      },
    ],
    components: [
      component('gpl-only', 'GPL-3.0-only'),
      component('dual', 'MIT OR GPL-3.0-only'),
      component('agpl-dev', 'AGPL-3.0-only', true),
      component('unlicensed', 'UNLICENSED'),
    ],
    endpoints: [
      { url: 'https://evil.example/raw/x', host: 'evil.example', file: 'a.js', line: 2, encoding: 'plain' },
    ],
  } as unknown as Report;
}

test('deny lists: a license every choice of which is denied, a denied package, a denied host (subdomains too)', () => {
  const { report: out } = applyLists(report(), {
    allow: EMPTY_LISTS,
    deny: { licenses: ['gpl-3.0-only', 'UNLICENSED'], packages: ['pkg:npm/dual@<2'], hosts: ['example'] },
  });
  const byId = new Map(out.issues.map((issue) => [issue.id, issue]));
  assert.deepEqual(
    byId.get('denied-license')?.evidence.map((item) => item.component),
    ['pkg:npm/gpl-only@1.0.0', 'pkg:npm/unlicensed@1.0.0'],
    'dual may be used under MIT; a dev-only component ships to nobody',
  );
  assert.equal(byId.get('denied-license')?.severity, 'high');
  assert.deepEqual(
    byId.get('denied-package')?.evidence.map((item) => item.component),
    ['pkg:npm/dual@1.0.0'],
  );
  assert.equal(byId.get('denied-host')?.evidence[0]?.line, 2);
});

test('allow lists: licenses outside the list warn; allowed hosts leave hunting evidence, other evidence stays', () => {
  const { report: out, allowed } = applyLists(report(), {
    allow: { licenses: ['MIT'], packages: [], hosts: ['pastebin.com'] },
    deny: EMPTY_LISTS,
  });
  const notAllowed = out.issues.find((issue) => issue.id === 'license-not-allowed');
  assert.equal(notAllowed?.severity, 'medium');
  assert.deepEqual(
    notAllowed?.evidence.map((item) => item.component),
    ['pkg:npm/gpl-only@1.0.0', 'pkg:npm/unlicensed@1.0.0'],
  );
  const risky = out.issues.find((issue) => issue.id === 'risky-url-destination');
  assert.deepEqual(
    risky?.evidence.map((item) => item.line),
    [2],
  );
  assert.deepEqual(
    allowed.map((item) => [item.issue, item.entry, item.evidence.line]),
    [['risky-url-destination', 'pastebin.com', 1]],
  );
});

test('no lists: the report is returned unchanged', () => {
  const input = report();
  const { report: out, allowed } = applyLists(input, { allow: EMPTY_LISTS, deny: EMPTY_LISTS });
  assert.deepEqual(out.issues, input.issues);
  assert.equal(allowed.length, 0);
});
