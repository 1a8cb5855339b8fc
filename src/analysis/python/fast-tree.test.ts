import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Language, Parser } from 'web-tree-sitter';
import { bindFastRuntime, treeView, viewsAgree } from './fast-tree.ts';
import { initPythonParser, pythonFastRuntime, pythonParser } from './parser.ts';

// Shapes where offsets, fields and error recovery are easy to get wrong: non-ASCII and astral
// characters before the nodes (UTF-16 offsets), Python 2 statements, broken code, deep nesting.
const TRICKY = [
  '# -*- coding: utf-8 -*-',
  'é, 𝔘 = "ü😀", b"\\x00"',
  'import os.path as p, sys',
  'from . import (a as b, c)',
  'print >>sys.stderr, "x", 𝔘',
  'exec "code" in ns',
  '@decorator(1)',
  'async def f(x, /, *y, z: int = 1, **k) -> None:',
  '    return await os.system("ls" + \'-l\' % x, shell=True)[0]',
  'class C(B, metaclass=M):',
  '    s = "a" "b" f"{x!r:>{w}}" rb"\\d"',
  `x = ${'('.repeat(60)}1${')'.repeat(60)}`,
  'y = [chr(i) for i in (1, 2)] if q else lambda q: q',
  'match p:',
  '    case [a, *rest] if a: pass',
  'def broken(:',
  '    os.system(',
  '',
].join('\n');

describe('fast tree view', () => {
  it('is bound after the parser is initialised', async () => {
    await initPythonParser();
    assert.ok(pythonFastRuntime() !== undefined, 'the analyzer would run on the slow library path');
  });

  it('agrees with the library on every node of a tricky file', async () => {
    await initPythonParser();
    const runtime = pythonFastRuntime();
    assert.ok(runtime !== undefined);
    const tree = pythonParser().parse(TRICKY);
    assert.ok(tree !== null);
    try {
      assert.ok(tree.rootNode.hasError, 'the sample is meant to contain a syntax error');
      assert.equal(viewsAgree(tree, runtime, 100_000), true);
      const fast = treeView(tree, runtime).descendantsOfType(['string']);
      const slow = tree.rootNode.descendantsOfType(['string']);
      assert.deepEqual(
        fast.map((node) => TRICKY.slice(node.startIndex, node.endIndex)),
        slow.map((node) => node.text),
      );
      assert.equal(TRICKY.slice(fast[0]!.startIndex, fast[0]!.endIndex), '"ü😀"');
    } finally {
      tree.delete();
    }
  });

  it('refuses a module object without the wasm exports, so the library path is used', async () => {
    await initPythonParser();
    const parser = pythonParser();
    const language = parser.language as Language;
    assert.equal(bindFastRuntime({}, language, parser as Parser), undefined);
    const tree = parser.parse('import os\n');
    assert.ok(tree !== null);
    try {
      const view = treeView(tree, undefined);
      assert.deepEqual(
        view.descendantsOfType(['import_statement']).map((node) => node.type),
        ['import_statement'],
      );
    } finally {
      tree.delete();
    }
  });
});
