import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PackageSnapshot } from '../../core/snapshot.ts';
import { readNpmMetadata } from '../../metadata/npm/package-json.ts';
import { installTimeFiles, joinPath, nodeFilesOf } from './npm.ts';

test('nodeFilesOf finds the file node runs, not inline code or flags', () => {
  assert.deepEqual(nodeFilesOf('node ./scripts/postinstall.js'), ['./scripts/postinstall.js']);
  assert.deepEqual(nodeFilesOf('node -r esm install.js && echo ok'), ['install.js']);
  assert.deepEqual(nodeFilesOf('node -e "require(\'./x\')"'), []);
  assert.deepEqual(nodeFilesOf('node-gyp rebuild'), []);
});

test('joinPath stays inside the package', () => {
  assert.equal(joinPath('package/', './lib/../a.js'), 'package/a.js');
  assert.equal(joinPath('', '../../etc/passwd'), undefined);
});

test('installTimeFiles follows the install script and its relative requires', () => {
  const files = [
    {
      path: 'package/package.json',
      data: Buffer.from('{"name":"x","version":"1.0.0","scripts":{"postinstall":"node setup"}}'),
    },
    { path: 'package/setup.js', data: Buffer.from("require('./lib/a')") },
    { path: 'package/lib/a.js', data: Buffer.from('') },
    { path: 'package/index.js', data: Buffer.from('') },
  ];
  const snapshot: PackageSnapshot = {
    ecosystem: 'npm',
    name: 'x',
    version: '1.0.0',
    artifact: { file: 'x-1.0.0.tgz', sha256: '0'.repeat(64), size: 1, format: 'tar.gz' },
    files,
    metadata: readNpmMetadata(files),
    anomalies: [],
    limitHits: [],
  };
  const imports = [
    { file: 'package/setup.js', line: 1, column: 1, module: './lib/a', dynamic: false, snippet: '' },
  ];
  const facts = {
    sources: [
      {
        file: 'package/setup.js',
        language: 'javascript' as const,
        imports,
        calls: [],
        strings: [],
        constructs: [],
        partial: false,
      },
    ],
    urls: [],
    embedded: [],
    problems: [],
  };
  assert.deepEqual([...installTimeFiles(snapshot, facts)].sort(), ['package/lib/a.js', 'package/setup.js']);
});
