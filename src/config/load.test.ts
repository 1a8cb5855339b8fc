import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AssayError } from '../core/errors.ts';
import { findConfig, loadConfig, resolveConfig } from './load.ts';
import { profileLevel } from './profiles.ts';
import { purlMatches } from './purl-pattern.ts';

const KNOWN = new Set(['typosquat-component', 'known-malicious-component', 'unusual-version']);
let dir: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'assay-config-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function configError(text: string): string {
  const file = write('assay.toml', text);
  try {
    loadConfig(file, KNOWN);
  } catch (error) {
    assert.ok(error instanceof AssayError);
    assert.equal(error.code, 'E_CONFIG');
    return error.message;
  }
  assert.fail('expected a config error');
}

test('a full config is read with its defaults, levels, lists and suppressions', () => {
  const file = write(
    'assay.toml',
    `profile = "hardened"
fail-on = "warning"
format = "sarif"
registry-checks = false
max-evidence = 5
docs-url = "https://example.org/assay/docs"

[policies]
unusual-version = "off"
typosquat-component = "fail"

[allow]
packages = ["pkg:npm/@acme/*"]
hosts = ["registry.acme.internal"]
licenses = ["MIT"]

[[suppress]]
policy = "typosquat-component"
package = "pkg:npm/expres@^1.0.0"
reason = "internal fork, reviewed"
expires = 2027-01-31
by = "alice@example.org"
`,
  );
  const config = loadConfig(file, KNOWN);
  assert.equal(config.profile, 'hardened');
  assert.deepEqual(config.defaults, {
    failOn: 'warning',
    format: 'sarif',
    registryChecks: false,
    maxEvidence: 5,
    docsUrl: 'https://example.org/assay/docs',
  });
  assert.deepEqual(config.levels, { 'unusual-version': 'off', 'typosquat-component': 'fail' });
  assert.deepEqual(config.allow.packages, ['pkg:npm/@acme/*']);
  assert.deepEqual(config.deny.hosts, []);
  assert.equal(config.suppressions[0]?.expires, '2027-01-31');
  assert.equal(config.suppressions[0]?.origin, 'assay.toml:17');
});

test('errors name the bad key and its line', () => {
  assert.equal(configError('profile = "baseline"\nfail_on = "fail"\n'), 'assay.toml:2: fail_on: unknown key');
  assert.match(configError('profile = "strict"\n'), /^assay\.toml:1: profile: /);
  assert.equal(
    configError('[policies]\ntypo-squat = "fail"\n'),
    'assay.toml:2: policies.typo-squat: unknown policy id (see `assay catalog`)',
  );
  assert.match(
    configError('[policies]\nunusual-version = "error"\n'),
    /^assay\.toml:2: policies\.unusual-version: /,
  );
  assert.match(
    configError(
      '[[suppress]]\npolicy = "unusual-version"\npackage = "pkg:npm/a"\nreason = "x"\nexpires = 2027-01-01\nby = "me"\n\n[[suppress]]\npolicy = "unusual-version"\npackage = "pkg:npm/b"\nexpires = 2027-01-01\nby = "me"\n',
    ),
    /^assay\.toml:8: suppress\.1\.reason: /,
  );
  assert.match(
    configError(
      '[[suppress]]\npolicy = "unusual-version"\npackage = "pkg:npm/a"\nreason = "x"\nexpires = "soon"\nby = "me"\n',
    ),
    /^assay\.toml:5: suppress\.0\.expires: expected a date/,
  );
  assert.match(configError('[allow]\nhost = ["x"]\n'), /^assay\.toml:2: allow\.host: unknown key/);
  assert.match(configError('docs-url = "docs/"\n'), /^assay\.toml:1: docs-url: /);
  assert.match(configError('profile = \n'), /^assay\.toml:1: not valid TOML/);
});

test('the config is found upward to the repository root and no further', () => {
  const repo = join(dir, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(join(repo, 'packages', 'web'), { recursive: true });
  writeFileSync(join(repo, 'assay.toml'), 'profile = "minimal"\n');
  assert.equal(findConfig(join(repo, 'packages', 'web')), join(repo, 'assay.toml'));
  const outside = join(dir, 'other');
  mkdirSync(join(outside, '.git'), { recursive: true });
  assert.equal(findConfig(outside), undefined);
  assert.equal(resolveConfig(undefined, join(repo, 'packages', 'web'), KNOWN).profile, 'minimal');
  assert.throws(() => resolveConfig('missing.toml', dir, KNOWN), /config file not found/);
});

test('profiles: minimal keeps attacks only, hardened is one step stricter', () => {
  const typo = { id: 'typosquat-component', category: 'hunting' as const };
  const malware = { id: 'persistence-mechanism', category: 'malware' as const };
  assert.equal(profileLevel('baseline', typo, 'medium'), 'warning');
  assert.equal(profileLevel('minimal', typo, 'medium'), 'off');
  assert.equal(profileLevel('minimal', malware, 'medium'), 'warning');
  assert.equal(profileLevel('hardened', typo, 'medium'), 'fail');
  assert.equal(profileLevel('hardened', typo, 'low'), 'warning');
  assert.equal(profileLevel('hardened', typo, 'info'), 'info');
  assert.equal(profileLevel('hardened', malware, 'medium'), 'fail');
});

test('purl patterns match name, wildcard and version range', () => {
  assert.ok(purlMatches('pkg:npm/expres@^1.0.0', 'pkg:npm/expres@1.2.0'));
  assert.ok(!purlMatches('pkg:npm/expres@^1.0.0', 'pkg:npm/expres@2.0.0'));
  assert.ok(purlMatches('pkg:npm/expres', 'pkg:npm/expres@9.9.9'));
  assert.ok(purlMatches('pkg:npm/@acme/*', 'pkg:npm/%40acme/tool@1.0.0'));
  assert.ok(!purlMatches('pkg:npm/@acme/*', 'pkg:npm/%40other/tool@1.0.0'));
  assert.ok(purlMatches('pkg:pypi/Foo_Bar@>=1.0,<2', 'pkg:pypi/foo-bar@1.5'));
  assert.ok(!purlMatches('pkg:pypi/foo-bar@1.0', 'pkg:pypi/foo-bar@1.0.1'));
  assert.ok(!purlMatches('pkg:npm/expres', 'pkg:pypi/expres@1.0.0'));
  assert.ok(!purlMatches('pkg:npm/expres@1.0.0', 'pkg:npm/expres'));
});
