import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAssayError } from '../../core/errors.ts';
import { readProject } from './index.ts';
import { parsePipfileLock } from './pipfile-lock.ts';
import { parsePoetryLock } from './poetry-lock.ts';
import { parsePylock } from './pylock.ts';
import { fixture, one } from './testing/fixtures.ts';
import { parseUvLock } from './uv-lock.ts';

describe('Python lockfiles', () => {
  it('poetry.lock: versions, hashes, git source; direct and dev from pyproject.toml beside it', async () => {
    const project = await readProject(fixture('poetry'));
    assert.deepEqual(project.used, [
      { file: fixture('poetry', 'poetry.lock'), format: 'poetry.lock', kind: 'lockfile' },
    ]);
    const { components } = project;
    const requests = one(components, 'requests');
    assert.equal(requests.version, '2.31.0');
    assert.equal(requests.direct, true);
    assert.equal(requests.declaredIn.line, 25);
    assert.equal(one(components, 'certifi').direct, false);
    assert.equal(one(components, 'certifi').hashes?.length, 2);
    assert.equal(one(components, 'pytest').dev, true);
    const forked = one(components, 'forked-lib');
    assert.equal(forked.source, 'vcs');
    assert.match(forked.url ?? '', /@4f1c2b0d/);
  });

  it('uv.lock: skips the project itself, takes direct and dev from its entry', async () => {
    const { components } = await readProject(fixture('uv', 'uv.lock'));
    assert.equal(
      components.some((c) => c.name === 'my-project'),
      false,
    );
    assert.equal(one(components, 'anyio').direct, true);
    assert.equal(one(components, 'anyio').hashes?.length, 2);
    assert.equal(one(components, 'idna').direct, false);
    assert.equal(one(components, 'sniffio').dev, true);
    assert.equal(one(components, 'gitdep').source, 'vcs');
  });

  it('Pipfile.lock: default and develop, git refs, direct names from the Pipfile', async () => {
    const { components } = await readProject(fixture('pipfile'));
    assert.equal(one(components, 'requests').version, '2.31.0');
    assert.equal(one(components, 'requests').direct, true);
    assert.equal(one(components, 'certifi').direct, false);
    assert.equal(one(components, 'certifi').marker, "python_version >= '3.6'");
    assert.equal(one(components, 'pytest').dev, true);
    const mylib = one(components, 'mylib');
    assert.equal(mylib.source, 'vcs');
    assert.equal(mylib.pinned, false);
  });

  it('pylock.toml (PEP 751): index, vcs and archive packages', async () => {
    const { components } = await readProject(fixture('pylock', 'pylock.toml'));
    assert.equal(one(components, 'attrs').source, 'registry');
    assert.equal(one(components, 'attrs').hashes?.[0]?.startsWith('sha256:'), true);
    assert.equal(one(components, 'vendored').source, 'vcs');
    const tarball = one(components, 'tarball-only');
    assert.equal(tarball.source, 'url');
    assert.equal(tarball.marker, "python_version < '3.12'");
  });

  it('rejects files of the wrong shape with E_METADATA', () => {
    const bad = (fn: () => unknown) =>
      assert.throws(
        fn,
        (e: unknown) => isAssayError(e) && e.code === 'E_METADATA' && e.message.startsWith('x: '),
      );
    bad(() => parsePoetryLock('x', 'a = 1\n'));
    bad(() => parseUvLock('x', '[[package]]\nversion = "1"\n'));
    bad(() => parsePipfileLock('x', '{"_meta": {}}'));
    bad(() => parsePipfileLock('x', '{not json'));
    bad(() => parsePylock('x', '[[packages]]\nname = "a"\n'));
  });
});
