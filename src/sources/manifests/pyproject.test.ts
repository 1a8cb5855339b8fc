import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { isAssayError } from '../../core/errors.ts';
import { parsePyproject } from './pyproject.ts';
import { fixture, one } from './testing/fixtures.ts';

async function parse(...parts: string[]) {
  const file = fixture(...parts);
  return parsePyproject(file, await readFile(file, 'utf8'));
}

describe('pyproject.toml', () => {
  it('finds lines with the reader the package metadata uses: inside the array, and by exact key', async () => {
    // A text search found the requirement in the description first and `six` inside `pysix-helper`.
    const { components } = await parse('pyproject-lines', 'pyproject.toml');
    assert.equal(one(components, 'requests').declaredIn.line, 6);
    assert.equal(one(components, 'six').declaredIn.line, 12);
  });

  it('reads [project] dependencies, optional groups and PEP 735 dependency groups', async () => {
    const { components } = await parse('pyproject', 'pyproject.toml');
    assert.equal(components.length, 7);
    assert.equal(one(components, 'httpx').specifier, '>=0.27');
    const pydantic = one(components, 'pydantic');
    assert.equal(pydantic.version, '2.7.1');
    assert.equal(pydantic.pinned, true);
    assert.equal(pydantic.declaredIn.line, 11);
    assert.equal(one(components, 'rich').marker, "sys_platform != 'win32'");
    const priv = one(components, 'private-lib');
    assert.equal(priv.source, 'vcs');
    assert.equal(priv.url, 'git+https://github.com/example/private-lib.git@main');
    assert.equal(one(components, 'PyYAML').dev, false);
    assert.equal(one(components, 'pytest').dev, true);
    assert.equal(one(components, 'ruff').dev, true);
  });

  it('reads Poetry tables: bare versions are exact pins, git and path tables bypass the registry', async () => {
    const { components } = await parse('poetry-pyproject', 'pyproject.toml');
    assert.equal(
      components.some((c) => c.name === 'python'),
      false,
    );
    const django = one(components, 'Django');
    assert.equal(django.version, '4.2.11');
    assert.equal(django.pinned, true);
    assert.equal(one(components, 'requests').pinned, false);
    const mylib = one(components, 'mylib');
    assert.equal(mylib.source, 'vcs');
    assert.equal(mylib.url, 'https://github.com/example/mylib.git@v0.3.0');
    assert.equal(one(components, 'local-utils').source, 'path');
    assert.equal(one(components, 'black').dev, true);
  });

  it('rejects broken TOML with E_METADATA', async () => {
    await assert.rejects(
      parse('bad', 'pyproject.toml'),
      (e: unknown) => isAssayError(e) && e.code === 'E_METADATA',
    );
  });
});
