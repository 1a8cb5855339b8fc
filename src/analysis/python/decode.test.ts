import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blobKind, shannonEntropy } from '../code/string-measures.ts';
import { decodePythonSource, findCodingCookie } from './decode.ts';
import { decodeStringLiteral } from './literals.ts';

describe('findCodingCookie', () => {
  it('reads the cookie on line 1 or on line 2 after a comment line', () => {
    assert.equal(findCodingCookie(Buffer.from('# -*- coding: latin-1 -*-\nx = 1\n')), 'latin-1');
    assert.equal(
      findCodingCookie(Buffer.from('#!/usr/bin/python\n# vim: set fileencoding=cp1252 :\n')),
      'cp1252',
    );
  });

  it('ignores a cookie on line 2 when line 1 is code, and cookies further down', () => {
    assert.equal(findCodingCookie(Buffer.from('import os\n# coding: gbk\n')), undefined);
    assert.equal(findCodingCookie(Buffer.from('#\n#\n# coding: gbk\n')), undefined);
  });
});

describe('decodePythonSource', () => {
  it('decodes with the declared codec, including Python spellings WHATWG lacks', () => {
    const latin = decodePythonSource(
      Buffer.concat([Buffer.from('# coding: latin_1\n'), Buffer.from([0xe9])]),
    );
    assert.equal(latin.text.endsWith('é'), true);
    assert.equal(latin.declared, 'latin_1');
    const cp936 = decodePythonSource(
      Buffer.concat([Buffer.from('# coding: cp936\n'), Buffer.from([0xd6, 0xd0])]),
    );
    assert.equal(cp936.encoding, 'gbk');
    assert.equal(cp936.text.endsWith('中'), true);
  });

  it('falls back to UTF-8 with a warning for an unknown codec', () => {
    const r = decodePythonSource(Buffer.from('# coding: rot13-evil\nx = "é"\n'));
    assert.equal(r.encoding, 'utf-8');
    assert.match(r.warning ?? '', /unknown coding 'rot13-evil'/);
    assert.equal(r.text.includes('"é"'), true);
  });

  it('prefers the BOM over a cookie and strips it', () => {
    const r = decodePythonSource(
      Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('# coding: latin-1\nx = "é"')]),
    );
    assert.equal(r.encoding, 'utf-8');
    assert.equal(r.text.startsWith('#'), true);
    assert.equal(r.text.endsWith('"é"'), true);
  });

  it('replaces invalid UTF-8 instead of failing, and says so', () => {
    const r = decodePythonSource(Buffer.from([0x78, 0x3d, 0xff, 0xfe]));
    assert.equal(r.text, 'x=\ufffd\ufffd');
    assert.match(r.warning ?? '', /not valid UTF-8/);
  });
});

describe('decodeStringLiteral', () => {
  it('handles prefixes, triple quotes and escapes', () => {
    assert.equal(decodeStringLiteral(String.raw`'a\x41\101\u00e9\n'`, 100).value, 'aAAé\n');
    assert.equal(decodeStringLiteral(String.raw`r'\x41'`, 100).value, String.raw`\x41`);
    assert.deepEqual(decodeStringLiteral(String.raw`b'\u0041'`, 100), {
      value: String.raw`\u0041`,
      bytes: true,
      fstring: false,
      truncated: false,
    });
    assert.equal(decodeStringLiteral('"""line\\\nnext"""', 100).value, 'linenext');
    assert.equal(decodeStringLiteral(String.raw`'\N{DASH}\q'`, 100).value, String.raw`\N{DASH}\q`);
    assert.equal(decodeStringLiteral("f'{x}y'", 100).fstring, true);
  });

  it('keeps an unterminated literal and caps long values', () => {
    assert.equal(decodeStringLiteral("'''abc", 100).value, 'abc');
    const long = decodeStringLiteral(`'${'z'.repeat(1000)}'`, 10);
    assert.equal(long.value, 'z'.repeat(10));
    assert.equal(long.truncated, true);
  });
});

describe('entropy and blobs', () => {
  it('separates random payloads from prose', () => {
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('abcd'), 2);
    assert.equal(blobKind('0123456789abcdef'.repeat(40), 500), 'hex');
    assert.equal(blobKind('Zm9vYmFyMTIz'.repeat(50), 500), 'base64');
    assert.equal(blobKind('hello world this is text '.repeat(30), 500), undefined);
    assert.equal(blobKind('Zm9vYmFyMTIz', 500), undefined);
  });
});
