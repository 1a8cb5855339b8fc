import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readNpmMetadata } from '../../metadata/npm/package-json.ts';
import type { PackageSnapshot } from '../../metadata/snapshot.ts';
import { importTimeFiles, installTimeFiles, joinPath, nodeFilesOf } from './npm.ts';

test('nodeFilesOf finds the file node runs, not inline code or flags', () => {
  assert.deepEqual(nodeFilesOf('node ./scripts/postinstall.js'), ['./scripts/postinstall.js']);
  assert.deepEqual(nodeFilesOf('node -r esm install.js && echo ok'), ['install.js']);
  assert.deepEqual(nodeFilesOf('node -e "console.log(1)"'), []);
  assert.deepEqual(nodeFilesOf('node-gyp rebuild'), []);
});

test('nodeFilesOf looks inside sh -c, chains and inline requires', () => {
  assert.deepEqual(nodeFilesOf('sh -c "node build/setup.js"'), ['build/setup.js']);
  assert.deepEqual(nodeFilesOf('echo hi; node lib/a.js || true'), ['lib/a.js']);
  assert.deepEqual(nodeFilesOf('node -e "require(\'./lib/hook\')"'), ['./lib/hook']);
});

function npmSnapshot(files: { path: string; data: Buffer }[]): PackageSnapshot {
  return {
    ecosystem: 'npm',
    name: 'x',
    version: '1.0.0',
    artifact: { file: 'x-1.0.0.tgz', sha256: '0'.repeat(64), size: 1, format: 'tar.gz' },
    files,
    metadata: readNpmMetadata(files),
    anomalies: [],
    limitHits: [],
  };
}

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
  const snapshot = npmSnapshot(files);
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

test('importTimeFiles starts at main and exports and follows relative imports', () => {
  const files = [
    {
      path: 'package/package.json',
      data: Buffer.from(
        JSON.stringify({
          name: 'p',
          version: '1.0.0',
          main: 'lib/main',
          exports: { '.': { require: './lib/main.js' }, './extra': './extra.mjs' },
        }),
      ),
    },
    { path: 'package/lib/main.js', data: Buffer.from("require('./util');") },
    { path: 'package/lib/util.js', data: Buffer.from('') },
    { path: 'package/extra.mjs', data: Buffer.from('') },
    { path: 'package/examples/demo.js', data: Buffer.from('') },
  ];
  const snapshot = npmSnapshot(files);
  const facts = {
    sources: [
      {
        file: 'package/lib/main.js',
        language: 'javascript' as const,
        imports: [
          { file: 'package/lib/main.js', line: 1, column: 1, module: './util', dynamic: false, snippet: '' },
        ],
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
  assert.deepEqual([...importTimeFiles(snapshot, facts)].sort(), [
    'package/extra.mjs',
    'package/lib/main.js',
    'package/lib/util.js',
  ]);
});
