import assert from 'node:assert/strict';
import { test } from 'node:test';
import yauzl from 'yauzl';
import { checkMemberName } from './names.ts';

function kinds(raw: string): string[] {
  return checkMemberName(raw)
    .problems.map((p) => p.kind)
    .sort();
}

test('a plain relative name has no problem and keeps its path', () => {
  assert.deepEqual(checkMemberName('pkg/sub/mod.py'), {
    path: 'pkg/sub/mod.py',
    problems: [],
    isDirectory: false,
  });
});

test('an absolute name is reported and made relative', () => {
  assert.deepEqual(kinds('/etc/x'), ['absolute-path']);
  assert.equal(checkMemberName('/etc/x').path, 'etc/x');
});

test('a .. segment is path traversal and is dropped from the path', () => {
  assert.deepEqual(kinds('pkg/../../tmp/evil.txt'), ['path-traversal']);
  assert.equal(checkMemberName('pkg/../../tmp/evil.txt').path, 'pkg/tmp/evil.txt');
  // A name that merely contains dots is fine.
  assert.deepEqual(kinds('pkg/..hidden/a..b'), []);
});

test('drive letters are reported with or without a separator', () => {
  assert.deepEqual(kinds('C:\\x'), ['backslash-in-name', 'drive-letter']);
  assert.deepEqual(kinds('C:x'), ['drive-letter']);
  assert.equal(checkMemberName('C:x').path, 'x');
});

test('backslashes are separators for traversal checks', () => {
  assert.deepEqual(kinds('ok\\..\\..\\win.txt'), ['backslash-in-name', 'path-traversal']);
  assert.equal(checkMemberName('ok\\..\\..\\win.txt').path, 'ok/win.txt');
  assert.deepEqual(kinds('\\\\server\\share\\x'), ['absolute-path', 'backslash-in-name']);
});

test('NUL and control characters are reported and replaced in the path', () => {
  assert.deepEqual(kinds('setup.py\u0000.txt'), ['nul-in-name']);
  assert.equal(checkMemberName('setup.py\u0000.txt').path, 'setup.py\uFFFD.txt');
  assert.deepEqual(kinds('a\u001b[2Jb.py'), ['control-character-in-name']);
  assert.deepEqual(kinds('a\u009bb.py'), ['control-character-in-name']);
  assert.equal(checkMemberName('a\u001bb').path, 'a\uFFFDb');
});

test('a name that normalizes to nothing has an empty path', () => {
  assert.equal(checkMemberName('../').path, '');
  assert.equal(checkMemberName('../').isDirectory, true);
  assert.equal(checkMemberName('./pkg/./a.py').path, 'pkg/a.py');
});

test('every name yauzl would reject is reported by us too', () => {
  for (const name of ['../../../../tmp/evil.txt', '/etc/abs.txt', 'ok\\..\\..\\win.txt', 'C:/x', 'a/../b']) {
    assert.notEqual(yauzl.validateFileName(name), null, name);
    assert.ok(checkMemberName(name).problems.length > 0, name);
  }
});
