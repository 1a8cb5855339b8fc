import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyNpmSpec, isRegistryTarball, LineIndex, pep440Exact, pythonUrlSource } from './util.ts';

describe('manifest helpers', () => {
  it('classifies npm specs', () => {
    assert.deepEqual(classifyNpmSpec('npm:real@1.2.3'), {
      source: 'registry',
      aliasOf: 'real',
      specifier: '1.2.3',
      exact: '1.2.3',
    });
    assert.equal(classifyNpmSpec('npm:@scope/real@^1').aliasOf, '@scope/real');
    assert.equal(classifyNpmSpec('git+ssh://git@github.com/a/b.git').source, 'vcs');
    assert.equal(classifyNpmSpec('https://github.com/a/b.git#main').source, 'vcs');
    assert.equal(classifyNpmSpec('https://x.test/a.tgz').source, 'url');
    assert.equal(classifyNpmSpec('workspace:*').source, 'path');
    assert.equal(classifyNpmSpec('^1.2.3').exact, undefined);
    assert.equal(classifyNpmSpec('latest').source, 'registry');
  });

  it('recognises registry tarball URLs, including scoped and mirrored registries', () => {
    assert.equal(isRegistryTarball('https://registry.npmjs.org/@babel/core/-/core-7.24.4.tgz'), true);
    assert.equal(isRegistryTarball('https://registry.yarnpkg.com/ms/-/ms-2.0.0.tgz#abc'), true);
    assert.equal(isRegistryTarball('https://evil.example.net/evil-url-1.0.0.tgz'), false);
  });

  it('finds exact PEP 440 pins and classifies Python references', () => {
    assert.equal(pep440Exact('==1.2.3'), '1.2.3');
    assert.equal(pep440Exact('===1.0'), '1.0');
    assert.equal(pep440Exact('==1.*'), undefined);
    assert.equal(pep440Exact('>=1'), undefined);
    assert.equal(pythonUrlSource('git+https://x/y.git'), 'vcs');
    assert.equal(pythonUrlSource('https://x/y.whl'), 'url');
    assert.equal(pythonUrlSource('file:///tmp/y'), 'path');
  });

  it('maps offsets to lines', () => {
    const idx = new LineIndex('a\nbb\nccc');
    assert.equal(idx.lineAt(0), 1);
    assert.equal(idx.lineAt(3), 2);
    assert.equal(idx.find('ccc'), 3);
    assert.equal(idx.find('zz'), undefined);
  });
});
