import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PackageFile } from '../artifacts/types.ts';
import { detectEcosystem } from './ecosystem.ts';

function files(...paths: string[]): PackageFile[] {
  return paths.map((path) => ({ path, data: Buffer.alloc(0) }));
}

test('a manifest decides the ecosystem', () => {
  assert.equal(detectEcosystem(files('package/package.json', 'package/index.js')), 'npm');
  assert.equal(detectEcosystem(files('pkg-1.0/setup.py', 'pkg-1.0/pkg/a.js', 'pkg-1.0/pkg/b.js')), 'pypi');
});

test('without a manifest, the language of most source files decides', () => {
  assert.equal(detectEcosystem(files('package/postinstall.js')), 'npm');
  assert.equal(detectEcosystem(files('package/src/index.ts', 'package/README.txt')), 'npm');
  assert.equal(detectEcosystem(files('payload/run.py', 'payload/x.py', 'payload/helper.js')), 'pypi');
  assert.equal(detectEcosystem(files('README.txt')), 'pypi');
});
