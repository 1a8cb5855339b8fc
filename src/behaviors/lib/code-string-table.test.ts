import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { context, source } from '../testing/fake-context.ts';
import { detectStrings } from './detect.ts';
import { wholeTextTest } from './incidents.ts';
import { codeStringTable, distinctMatcher, MATCHED_PREFIX } from './match.ts';

const at = (file: string, line: number, value: string) => ({
  file,
  line,
  column: 1,
  value,
  docstring: false,
});
const long = `C:\\Users\\x\\AppData${'x'.repeat(MATCHED_PREFIX)}`;
const scan = context([
  source('a.py', { strings: [at('a.py', 1, '/etc/passwd'), at('a.py', 2, 'hello'), at('a.py', 3, long)] }),
  source('b.py', { strings: [at('b.py', 1, 'hello'), at('b.py', 2, '/etc/passwd')] }),
]);

describe('code strings matched once per distinct text', () => {
  test('every string points at its bounded distinct text', () => {
    const table = codeStringTable(scan);
    assert.equal(table.strings.length, 5);
    assert.equal(table.values.length, 3);
    for (const [i, fact] of table.strings.entries())
      assert.equal(table.values[table.ids[i] as number], fact.value.slice(0, MATCHED_PREFIX));
  });

  test('gives what testing every string gives, and declines patterns that keep state', () => {
    const table = codeStringTable(scan);
    const patterns = [/passwd/, /^hello$/i, /AppData/];
    const matches = distinctMatcher(table, patterns);
    assert.ok(matches !== undefined);
    for (const [i, fact] of table.strings.entries())
      for (const [k, pattern] of patterns.entries())
        assert.equal(
          (matches(i) & (1 << k)) !== 0,
          pattern.test(fact.value.slice(0, MATCHED_PREFIX)),
          `${i} ${k}`,
        );
    assert.equal(distinctMatcher(table, [/passwd/g]), undefined);
    assert.equal(distinctMatcher(table, [/passwd/y]), undefined);
  });

  test('detectStrings reports every string of a repeated text, with a global pattern too', () => {
    for (const pattern of [/passwd/, /passwd/g]) {
      const found = detectStrings(scan, [{ pattern, note: 'reads accounts' }]);
      // A global pattern keeps lastIndex between tests: the plain loop gives what it always gave.
      if (!pattern.global)
        assert.deepEqual(
          found.map((o) => `${o.file}:${o.line}`),
          ['a.py:1', 'b.py:2'],
        );
      else assert.ok(found.length >= 1);
    }
    const when = detectStrings(scan, [
      { pattern: /passwd/, note: 'x', when: (fact) => fact.file === 'b.py' },
    ]);
    assert.deepEqual(
      when.map((o) => `${o.file}:${o.line}`),
      ['b.py:2'],
    );
  });
});

describe('incident text indicators', () => {
  test('try the whole file first only when a line match implies a file match', () => {
    assert.ok(wholeTextTest(/git\s+remote\s+-v[^\n]{0,200}\bprintenv\b/i));
    assert.ok(wholeTextTest(/regsvr32(?:\.exe)?\s+-s\s+sdd\.dll/i));
    assert.ok(wholeTextTest(/a\$b[$^]/i), 'escaped and in a class');
    for (const pattern of [/^curl /i, /\.sh$/i, /foo(?!bar)/i, /(?<!x)foo/i, /foo/g, /foo/m])
      assert.ok(!wholeTextTest(pattern), String(pattern));
  });
});
