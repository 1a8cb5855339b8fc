import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readProject } from './index.ts';
import { fixture, one } from './testing/fixtures.ts';

describe('Python lockfile forms', () => {
  it('poetry.lock 2.x: groups decide dev; markers are kept, per group the production one', async () => {
    const { components } = await readProject(fixture('poetry2', 'poetry.lock'));
    assert.equal(one(components, 'pytest').dev, true);
    assert.equal(one(components, 'iniconfig').dev, true);
    const colorama = one(components, 'colorama');
    assert.equal(colorama.dev, true);
    assert.equal(colorama.marker, 'sys_platform == "win32"');
    const urllib3 = one(components, 'urllib3');
    assert.equal(urllib3.dev, false);
    assert.equal(urllib3.marker, 'python_version >= "3.9"');
  });
});

describe('flat Python lockfiles', () => {
  it('a package in both Pipfile.lock sections is one production component', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'assay-pipfile-'));
    const entry = { version: '==2.32.3', hashes: ['sha256:aa'] };
    await writeFile(
      join(dir, 'Pipfile.lock'),
      JSON.stringify({
        _meta: {},
        default: { requests: entry },
        develop: { requests: entry, pytest: entry },
      }),
    );
    const project = await readProject(dir);
    const requests = one(project.components, 'requests');
    assert.equal(requests.dev, false);
    assert.equal(requests.alsoDeclaredIn?.length, 1);
    assert.ok(
      project.notes.some((n) => n.includes('no manifest beside it')),
      'without a Pipfile the report says direct dependencies are not known',
    );
  });

  it('pylock.toml without a manifest: packages nothing depends on are the direct ones', async () => {
    const { parsePylock } = await import('./pylock.ts');
    const text = [
      "lock-version = '1.0'",
      "created-by = 'test'",
      '[[packages]]',
      "name = 'app-dep'",
      "version = '1.0'",
      "dependencies = [{name = 'Helper_Lib'}]",
      '[[packages]]',
      "name = 'helper-lib'",
      "version = '2.0'",
      '',
    ].join('\n');
    const { components } = parsePylock('pylock.toml', text);
    assert.equal(one(components, 'app-dep').direct, true);
    assert.equal(one(components, 'helper-lib').direct, false);
    assert.equal(one(components, 'helper-lib').declaredIn.line, 8);
  });

  it('extras requested are kept', async () => {
    const { pep508Component } = await import('./requirement.ts');
    assert.deepEqual(pep508Component('requests[socks,security]>=2', 'f', 1, false)?.extras, [
      'socks',
      'security',
    ]);
  });
});

describe('pdm.lock', () => {
  it('is read: groups decide dev, git sources keep their revision, direct names from pyproject.toml', async () => {
    const project = await readProject(fixture('pdm'));
    assert.equal(project.used[0]?.format, 'pdm.lock');
    const { components } = project;
    assert.equal(one(components, 'requests').direct, true);
    assert.equal(one(components, 'requests').declaredIn.line, 37);
    assert.equal(one(components, 'certifi').direct, false);
    assert.equal(one(components, 'pytest').dev, true);
    const vendored = one(components, 'vendored');
    assert.equal(vendored.source, 'vcs');
    assert.match(vendored.url ?? '', /@0123456789abcdef/);
  });
});
