import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Contribution } from './contribution.ts';
import { readSetupPy } from './setup-py.ts';
import { pythonParser } from './tree-sitter.ts';

async function read(source: string, parseSteps = 40_000): Promise<Contribution> {
  return readSetupPy('setup.py', source, await pythonParser(), { parseSteps });
}

describe('readSetupPy', () => {
  it('finds setuptools.setup through a module alias and distutils.core.setup', async () => {
    const aliased = await read('import setuptools as st\nst.setup(name="aliased", version="2.1")\n');
    assert.deepEqual([aliased.name?.value, aliased.version?.value], ['aliased', '2.1']);
    const distutils = await read('import distutils.core\ndistutils.core.setup(name="old")\n');
    assert.equal(distutils.name?.value, 'old');
  });

  it('ignores calls to other functions named like setup on other objects', async () => {
    const contribution = await read('import logging\nlogging.setup(name="nope")\n');
    assert.equal(contribution.name, undefined);
    assert.deepEqual(contribution.errors, ['no setup() call found']);
  });

  it('reads a float version as written and skips bytes and interpolating f-strings', async () => {
    const contribution = await read(
      'from setuptools import setup\nsetup(name=b"bytes", version=1.10, url=f"https://{host}/", license=f"MIT{{}}")\n',
    );
    assert.equal(contribution.name, undefined);
    assert.equal(contribution.version?.value, '1.10');
    assert.equal(contribution.homePage, undefined);
    assert.equal(contribution.license?.value, 'MIT{}');
  });

  it('reads Python 2 source', async () => {
    const contribution = await read(
      'from distutils.core import setup\nprint "building"\nsetup(name="py2pkg", version="0.9", scripts=["bin/run"])\n',
    );
    assert.equal(contribution.name?.value, 'py2pkg');
    assert.deepEqual(contribution.errors, []);
    assert.equal(contribution.scripts[0]?.name, 'run');
  });

  it('reads install_requires given as one multi-line string', async () => {
    const contribution = await read(
      'from setuptools import setup\nsetup(install_requires="""\nalpha\nbeta>=2\n""")\n',
    );
    assert.deepEqual(
      contribution.dependencies.map((d) => [d.dependency.name, d.dependency.source.line]),
      [
        ['alpha', 3],
        ['beta', 4],
      ],
    );
  });

  it('does not follow a constant that is later augmented', async () => {
    const contribution = await read(
      'from setuptools import setup\nREQ = ["a"]\nREQ += ["b"]\nsetup(install_requires=REQ)\n',
    );
    assert.deepEqual(contribution.dependencies, []);
  });

  it('stops a parse that runs past its work budget and reports it', async () => {
    const big = `from setuptools import setup\n${'x = [1, 2, 3]\n'.repeat(200_000)}setup(name="slow")\n`;
    const contribution = await read(big, 100);
    assert.equal(contribution.name, undefined);
    assert.match(contribution.errors[0] ?? '', /passed its budget of 100 steps/);
    // The shared parser must still work afterwards.
    const after = await read('from setuptools import setup\nsetup(name="after")\n');
    assert.equal(after.name?.value, 'after');
  });
});
