import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readProject } from './index.ts';
import { fixture, one } from './testing/fixtures.ts';

describe('lockfile forms real projects use', () => {
  it('pnpm v5.3: file:.. and exotic keys keep their real names; peer suffixes are not versions', async () => {
    const { components } = await readProject(fixture('pnpm-v5-exotic', 'pnpm-lock.yaml'));
    assert.deepEqual(components.map((c) => c.name).sort(), [
      'bar',
      'foo',
      'is-array',
      'is-negative',
      'mocha-lite',
      'parent-pkg',
    ]);
    assert.equal(one(components, 'foo').version, '1.3.0');
    assert.equal(one(components, 'foo').direct, true);
    const negative = one(components, 'is-negative');
    assert.equal(negative.source, 'vcs');
    assert.match(negative.url ?? '', /1d7e288222b53a0cab90a331f1865220ec29560c/);
    assert.equal(negative.direct, true);
    assert.equal(one(components, 'is-array').version, '1.0.1');
    assert.equal(one(components, 'parent-pkg').source, 'path');
    assert.equal(one(components, 'mocha-lite').dev, true);
    assert.equal(one(components, 'bar').dev, false, 'needed by foo in production as well as by mocha-lite');
  });

  for (const form of ['yarn-ssh-v1', 'yarn-ssh-berry']) {
    it(`${form}: a git dependency over ssh is a VCS component with its commit`, async () => {
      const { components } = await readProject(fixture(form, 'yarn.lock'));
      const lib = one(components, 'private-lib');
      assert.equal(lib.source, 'vcs');
      assert.match(lib.url ?? '', /0f3c1a7e9b2d4c6e8a0b1c2d3e4f5a6b7c8d9e0f/);
    });
  }

  it('package-lock v2: a file: dependency is a path component with the version of the folder it links', async () => {
    const { components } = await readProject(fixture('npm-lock-v2-file', 'package-lock.json'));
    const etag = one(components, 'etag');
    assert.equal(etag.source, 'path');
    assert.equal(etag.url, 'file:deps/etag');
    assert.equal(etag.version, '1.8.1');
    assert.equal(etag.direct, true);
    assert.equal(etag.declaredIn.line, 19);
  });

  it('one component per package: install paths of the same version are merged and kept', async () => {
    const { components } = await readProject(fixture('express-debug', 'npm'));
    const debug2 = components.filter((c) => c.name === 'debug' && c.version === '2.6.9');
    assert.equal(debug2.length, 1);
    assert.equal(
      (debug2[0]?.alsoDeclaredIn ?? []).length,
      3,
      'four node_modules copies: one plus three more',
    );
    assert.equal(
      new Set(components.map((c) => `${c.name}@${c.version}`)).size,
      components.length,
      'no (name, version) listed twice',
    );
  });
});

describe('YAML lockfiles', () => {
  it('a key written twice in one mapping is refused (package managers disagree on which copy wins)', async () => {
    const { parsePnpmLock } = await import('./pnpm-lock.ts');
    const text =
      "lockfileVersion: '9.0'\npackages:\n  a@1.0.0:\n    resolution: {integrity: sha512-a}\n  a@1.0.0:\n    resolution: {integrity: sha512-b}\n";
    assert.throws(() => parsePnpmLock('pnpm-lock.yaml', text), /duplicate key "a@1\.0\.0"/);
  });
});
