import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Node, type Tree } from 'web-tree-sitter';
import {
  initJavaScriptParser,
  type JsDialect,
  javascriptFastRuntime,
  javascriptParser,
} from '../javascript/parser.ts';
import { initPythonParser, pythonFastRuntime, pythonParser } from '../python/parser.ts';
import { bindExports, quickCheck, treeView, useLibraryNodes, viewsAgree } from './fast-tree.ts';
import { CHECKED_LIBRARY_VERSION, installedLibraryVersion } from './runtime.ts';

// Imported as runtime.ts imports it, so this Node class is the one the fallback returns.

// Shapes where offsets, fields and error recovery are easy to get wrong: non-ASCII and astral
// characters before the nodes (UTF-16 offsets), Python 2 statements, broken code, deep nesting.
const PYTHON = [
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

const PYTHON_TYPES = ['call', 'string', 'concatenated_string', 'import_from_statement', 'ERROR', 'lambda'];

// The same kinds of traps for JavaScript, plus what the analyzer walks: requires and imports,
// destructuring, member chains, templates with substitutions, regexes, classes, a syntax error.
const JAVASCRIPT = [
  '#!/usr/bin/env node',
  "const é = '😀𝔘', { exec: run, ...rest } = require('child_process');",
  "import fs, { readFile as rf } from 'node:fs';",
  "export * as ns from './x.js';",
  // `$` escaped only so that the linter does not take the template for a mistake.
  'const m = await import(`./\u0024{name}.js`);',
  'globalThis["ev" + "al"](Buffer.from("aGk=", "base64").toString());',
  'a?.b?.[c]?.(d) ?? e;',
  'class K extends B { #p = 1; static { this.q = /[a-z]+\\//giu; } get r() { return super.r; } }',
  `let deep = ${'['.repeat(40)}1${']'.repeat(40)};`,
  'x.y.z = function named([a, { b = 2 }], ...c) { return a + b; };',
  'label: for (const [k, v] of Object.entries(o)) { if (k) continue label; }',
  'if (a) { (',
  '',
].join('\n');

const JS_TYPES = ['call_expression', 'string', 'template_string', 'identifier', 'ERROR', 'member_expression'];

const TYPESCRIPT_EXTRA = [
  'type T<U> = { [K in keyof U]?: U[K] };',
  'const n = <number>(x as unknown);',
  'enum E { A = 1 }',
  'function g(this: Window, p?: string): asserts p is string {}',
  '',
].join('\n');

const TSX_EXTRA = ['const el = <div a="1" {...p}>{"text"}<b>ü</b></div>;', ''].join('\n');

function withTree<T>(tree: Tree | null, use: (tree: Tree) => T): T {
  assert.ok(tree !== null);
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}

after(() => useLibraryNodes(false));

describe('fast tree view: Python', () => {
  it('is bound after the parser is initialised', async () => {
    await initPythonParser();
    assert.ok(pythonFastRuntime() !== undefined, 'the analyzer would run on the slow library path');
  });

  it('agrees with the library on every node and every field of a tricky file', async () => {
    await initPythonParser();
    const runtime = pythonFastRuntime();
    assert.ok(runtime !== undefined);
    withTree(pythonParser().parse(PYTHON), (tree) => {
      assert.ok(tree.rootNode.hasError, 'the sample is meant to contain a syntax error');
      assert.equal(viewsAgree(tree, runtime, { types: PYTHON_TYPES }), true);
      const fast = treeView(tree, runtime).descendantsOfType(['string']);
      const slow = tree.rootNode.descendantsOfType(['string']);
      assert.deepEqual(
        fast.map((node) => PYTHON.slice(node.startIndex, node.endIndex)),
        slow.map((node) => node.text),
      );
      assert.equal(PYTHON.slice(fast[0]!.startIndex, fast[0]!.endIndex), '"ü😀"');
    });
  });

  it('falls back to the library without the wasm exports', async () => {
    await initPythonParser();
    assert.equal(bindExports({}), undefined);
    withTree(pythonParser().parse('import os\n'), (tree) => {
      const view = treeView(tree, undefined);
      assert.ok(view.rootNode instanceof Node);
      assert.deepEqual(
        view.descendantsOfType(['import_statement']).map((node) => node.type),
        ['import_statement'],
      );
    });
  });
});

describe('fast tree view: JavaScript, TypeScript, TSX', () => {
  const sources: Record<JsDialect, string> = {
    javascript: JAVASCRIPT,
    typescript: JAVASCRIPT + TYPESCRIPT_EXTRA,
    tsx: JAVASCRIPT + TSX_EXTRA,
  };
  for (const dialect of ['javascript', 'typescript', 'tsx'] as const) {
    it(`agrees with the library on every node and every field (${dialect})`, async () => {
      await initJavaScriptParser([dialect]);
      const runtime = javascriptFastRuntime(dialect);
      assert.ok(runtime !== undefined, 'the analyzer would run on the slow library path');
      const source = sources[dialect];
      withTree(javascriptParser(dialect).parse(source), (tree) => {
        assert.ok(tree.rootNode.hasError, 'the sample is meant to contain a syntax error');
        assert.equal(viewsAgree(tree, runtime, { types: JS_TYPES }), true);
        const view = treeView(tree, runtime);
        assert.equal(view.rootNode instanceof Node, false);
        const templates = view.descendantsOfType(['template_string']);
        assert.deepEqual(
          templates.map((node) => source.slice(node.startIndex, node.endIndex)),
          ['`./\u0024{name}.js`'],
        );
        const klass = view.descendantsOfType(['class_declaration'])[0];
        assert.equal(klass?.lastNamedChild?.type, 'class_body');
      });
    });
  }
});

describe('fast tree view: guards', () => {
  it('runs on the web-tree-sitter release these tests check, which the runtime then trusts unchecked', () => {
    // A new release must pass the agreement tests above before CHECKED_LIBRARY_VERSION names it.
    assert.equal(installedLibraryVersion(), CHECKED_LIBRARY_VERSION);
  });

  it('never reads a tree through another grammar’s name table', async () => {
    await Promise.all([initPythonParser(), initJavaScriptParser(['javascript'])]);
    const jsRuntime = javascriptFastRuntime('javascript');
    assert.ok(jsRuntime !== undefined);
    withTree(pythonParser().parse('f(1)\n'), (tree) => {
      const view = treeView(tree, jsRuntime);
      assert.ok(view.rootNode instanceof Node);
      assert.deepEqual(
        view.descendantsOfType(['call']).map((node) => node.type),
        ['call'],
      );
      assert.equal(viewsAgree(tree, jsRuntime, { types: ['call'] }), false);
    });
    const sample = { source: 'f(1)\n', fields: ['function'], types: ['call'] };
    assert.equal(quickCheck(jsRuntime, pythonParser(), sample), false);
    const pyRuntime = pythonFastRuntime();
    assert.ok(pyRuntime !== undefined);
    assert.equal(quickCheck(pyRuntime, pythonParser(), sample), true);
  });

  it('uses the library nodes everywhere while asked to', async () => {
    await initJavaScriptParser(['javascript']);
    const runtime = javascriptFastRuntime('javascript');
    withTree(javascriptParser('javascript').parse('a(b)\n'), (tree) => {
      useLibraryNodes(true);
      assert.ok(treeView(tree, runtime).rootNode instanceof Node);
      useLibraryNodes(false);
      assert.equal(treeView(tree, runtime).rootNode instanceof Node, false);
    });
  });
});
