import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAssayError } from '../../core/errors.ts';
import { detectFormat, readProject } from './index.ts';
import { fixture } from './testing/fixtures.ts';

describe('readProject', () => {
  it('detects formats by file name', () => {
    assert.equal(detectFormat('/x/requirements-dev.txt'), 'requirements.txt');
    assert.equal(detectFormat('pylock.prod.toml'), 'pylock.toml');
    assert.equal(detectFormat('npm-shrinkwrap.json'), 'npm-shrinkwrap.json');
    assert.equal(detectFormat('Cargo.toml'), undefined);
  });

  it('in a directory, picks the lockfile over the manifest per ecosystem and says so', async () => {
    const project = await readProject(fixture('mixed'));
    assert.deepEqual(project.ecosystems, ['pypi', 'npm']);
    assert.deepEqual(
      project.used.map((u) => [u.file.split('/').pop(), u.kind]),
      [
        ['requirements-dev.txt', 'manifest'],
        ['requirements.txt', 'manifest'],
        ['package-lock.json', 'lockfile'],
      ],
    );
    assert.ok(project.notes.includes('used package-lock.json; also present but not used: package.json'));
    assert.ok(project.notes.includes('used requirements.txt; also present but not used: pyproject.toml'));
    assert.equal(project.components.find((c) => c.name === 'pytest')?.dev, true);
    assert.equal(project.components.find((c) => c.name === 'django')?.dev, false);
  });

  it('fails with E_NOT_FOUND for a missing path and E_USAGE for an unknown file', async () => {
    await assert.rejects(
      readProject(fixture('nope')),
      (e: unknown) => isAssayError(e) && e.code === 'E_NOT_FOUND',
    );
    await assert.rejects(
      readProject(fixture('..', 'index.ts')),
      (e: unknown) => isAssayError(e) && e.code === 'E_USAGE',
    );
  });

  it('fails with E_METADATA for a broken lockfile', async () => {
    await assert.rejects(
      readProject(fixture('bad', 'package-lock.json')),
      (e: unknown) => isAssayError(e) && e.code === 'E_METADATA' && e.message.includes('not valid JSON'),
    );
  });
});
