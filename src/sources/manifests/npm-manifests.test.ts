import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { isAssayError } from '../../core/errors.ts';
import { readProject } from './index.ts';
import { parsePackageJson } from './package-json.ts';
import { parsePackageLock } from './package-lock.ts';
import { splitPnpmKey } from './pnpm-lock.ts';
import { fixture, one } from './testing/fixtures.ts';
import { parseYarnLock } from './yarn-lock.ts';

describe('package.json', () => {
  it('points a dependency at its key, found by the line finder the package metadata uses', async () => {
    // "left-pad" is written earlier as a keyword: a plain text search from the first "dependencies" found that.
    const file = fixture('npm-lines', 'package.json');
    const { components } = parsePackageJson(file, await readFile(file, 'utf8'));
    assert.equal(one(components, 'left-pad').declaredIn.line, 9);
  });

  it('classifies every kind of spec and dependency map', async () => {
    const file = fixture('npm', 'package.json');
    const { components } = parsePackageJson(file, await readFile(file, 'utf8'));
    const lodash = one(components, 'lodash');
    assert.equal(lodash.version, '4.17.21');
    assert.equal(lodash.dev, false, 'listed in dependencies and devDependencies: runtime wins');
    assert.equal(lodash.declaredIn.line, 7);
    assert.equal(one(components, 'express').pinned, false);
    assert.equal(one(components, 'my-fork').source, 'vcs');
    assert.equal(one(components, 'shorthand').source, 'vcs');
    assert.equal(one(components, 'gh').source, 'vcs');
    assert.equal(one(components, 'tarball').source, 'url');
    assert.equal(one(components, 'local').source, 'path');
    assert.equal(one(components, 'linked').source, 'path');
    const aliased = one(components, 'real-package');
    assert.equal(aliased.alias, 'aliased');
    assert.equal(aliased.specifier, 'npm:real-package@^2.1.0');
    assert.equal(one(components, 'typescript').dev, true);
    assert.equal(one(components, 'react').dev, false);
    assert.equal(one(components, 'fsevents').pinned, true);
  });
});

describe('package-lock.json / npm-shrinkwrap.json', () => {
  it('v3: packages keys, nested installs, aliases, links, URLs; direct from the root entry', async () => {
    const { components } = await readProject(fixture('npm-lock-v3', 'package-lock.json'));
    const core = one(components, '@babel/core');
    assert.equal(core.version, '7.24.4');
    assert.equal(core.direct, true);
    assert.match(core.integrity ?? '', /^sha512-/);
    const nested = one(components, 'semver');
    assert.equal(nested.direct, false);
    assert.equal(nested.declaredIn.line, 28);
    assert.equal(one(components, 'eslint').dev, true);
    assert.equal(one(components, 'evil-url').source, 'url');
    assert.equal(one(components, 'string-width').alias, 'str');
    const link = one(components, 'ws-lib');
    assert.equal(link.source, 'path');
    assert.equal(link.pinned, false);
    assert.equal(one(components, 'left-pad').direct, true, 'a workspace dependency is direct');
  });

  it('v1: nested dependencies, git versions, direct from package.json beside it', async () => {
    const { components } = await readProject(fixture('npm-lock-v1'));
    const ms = components.filter((c) => c.name === 'ms');
    assert.deepEqual(
      ms.map((c) => [c.version, c.declaredIn.line]),
      [
        ['2.0.0', 12],
        ['2.1.3', 32],
      ],
    );
    assert.equal(one(components, 'debug').direct, true);
    assert.equal(one(components, 'mocha').dev, true);
    const git = one(components, 'gitdep');
    assert.equal(git.source, 'vcs');
    assert.equal(git.version, undefined);
  });

  it('npm-shrinkwrap.json (v2) reads like a package-lock', async () => {
    const project = await readProject(fixture('shrinkwrap'));
    assert.equal(project.used[0]?.format, 'npm-shrinkwrap.json');
    assert.deepEqual(
      project.components.map((c) => [c.name, c.version, c.direct]),
      [['chalk', '4.1.2', true]],
    );
  });

  it('rejects truncated JSON and a file without lockfileVersion', () => {
    assert.throws(
      () => parsePackageLock('x', '{"lockfileVersion": 3, "packages": {'),
      (e: unknown) => isAssayError(e) && e.code === 'E_METADATA',
    );
    assert.throws(() => parsePackageLock('x', '{}'), /no lockfileVersion/);
  });
});

describe('yarn.lock', () => {
  it('v1: multi-spec headers, resolved, integrity, git entries; direct from package.json', async () => {
    const { components } = await readProject(fixture('yarn-v1'));
    const frame = one(components, '@babel/code-frame');
    assert.equal(frame.version, '7.24.2');
    assert.equal(frame.specifier, '^7.0.0, ^7.10.4');
    assert.equal(frame.direct, true);
    assert.equal(frame.declaredIn.line, 5);
    assert.equal(one(components, 'jest').dev, true);
    assert.equal(one(components, 'picocolors').direct, false);
    assert.equal(one(components, 'forked').source, 'vcs');
  });

  it('berry: YAML entries, workspace skipped, patch and URL protocols', async () => {
    const { components } = await readProject(fixture('yarn-berry', 'yarn.lock'));
    assert.equal(
      components.some((c) => c.name === 'berry-demo'),
      false,
    );
    const lodash = one(components, 'lodash');
    assert.equal(lodash.version, '4.17.21');
    assert.equal(lodash.direct, true);
    assert.match(lodash.hashes?.[0] ?? '', /^sha512:d8cbea/);
    assert.equal(one(components, 'remote').source, 'url');
    assert.deepEqual(
      components.filter((c) => c.name === 'patched').map((c) => c.source),
      ['registry', 'registry'],
    );
  });

  it('rejects text that is not a yarn lockfile', () => {
    assert.throws(
      () => parseYarnLock('x', 'this is not a yarn lock\n  at all\n'),
      /expected an entry header/,
    );
  });
});

describe('pnpm-lock.yaml', () => {
  it('splits every key shape', () => {
    assert.deepEqual(splitPnpmKey('/lodash/4.17.21'), { name: 'lodash', version: '4.17.21' });
    assert.deepEqual(splitPnpmKey('/@babel/core/7.0.0_react@17.0.0'), {
      name: '@babel/core',
      version: '7.0.0',
    });
    assert.deepEqual(splitPnpmKey('/react-dom@18.2.0(react@18.2.0)'), {
      name: 'react-dom',
      version: '18.2.0',
    });
    assert.deepEqual(splitPnpmKey('@types/node@20.12.7'), { name: '@types/node', version: '20.12.7' });
  });

  it('v6: top-level importer, dev flags, link: dependencies', async () => {
    const { components } = await readProject(fixture('pnpm-v6'));
    const dom = one(components, 'react-dom');
    assert.equal(dom.version, '18.2.0');
    assert.equal(dom.specifier, '^18.2.0');
    assert.equal(dom.direct, true);
    assert.equal(one(components, 'js-tokens').direct, false);
    assert.equal(one(components, 'vitest').dev, true);
    assert.equal(one(components, 'local-thing').source, 'path');
  });

  it('v9: importers, aliases, git tarballs', async () => {
    const { components } = await readProject(fixture('pnpm-v9', 'pnpm-lock.yaml'));
    assert.equal(one(components, '@types/node').direct, true);
    assert.equal(one(components, 'chalk').alias, 'my-alias');
    const odd = one(components, 'is-odd');
    assert.equal(odd.source, 'vcs');
    assert.equal(odd.version, '3.0.1');
    assert.equal(one(components, 'typescript').dev, true);
    assert.equal(one(components, 'undici-types').direct, false);
  });
});
