import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { binaryArtifactOf, dependencyHost, isCommonDependencyHost } from './dependency-hosts.ts';

describe('remote dependency hosts', () => {
  test('reads the host of URL, VCS, scp-style and shorthand addresses', () => {
    assert.equal(dependencyHost('git+https://git.example.net/acme/widget.git#main'), 'git.example.net');
    assert.equal(dependencyHost('git@gitlab.com:acme/widget.git'), 'gitlab.com');
    assert.equal(dependencyHost('github:acme/widget'), 'github.com');
    assert.equal(dependencyHost('bitbucket:acme/widget'), 'bitbucket.org');
    assert.equal(dependencyHost('acme/widget#v1'), 'github.com');
    assert.equal(dependencyHost('https://user:pw@files.example.org:8443/x.tgz'), 'files.example.org');
    assert.equal(dependencyHost('^1.2.3'), null);
  });

  test('the forges and registry file hosts are common, a private server is not', () => {
    assert.ok(isCommonDependencyHost('codeload.github.com'));
    assert.ok(isCommonDependencyHost('files.pythonhosted.org'));
    assert.ok(!isCommonDependencyHost('github.com.example.io'));
    assert.ok(!isCommonDependencyHost('downloads.example.net'));
  });

  test('built artifacts are binaries, source tarballs are not', () => {
    assert.equal(binaryArtifactOf('https://h/x-1.0-py3-none-any.whl#sha256=00'), 'whl');
    assert.equal(binaryArtifactOf('https://h/tool.exe?download=1'), 'exe');
    assert.equal(binaryArtifactOf('https://h/x-1.0.tgz'), null);
  });
});
