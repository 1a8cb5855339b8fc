import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnalysisProblem } from '../types.ts';
import { FactCaps, MAX_SNIPPET, SourceLines } from './source-lines.ts';

test('SourceLines finds the row of an index and shows the trimmed line', () => {
  const lines = new SourceLines('a = 1\n  b = 2  \n\nc');
  assert.deepEqual(lines.starts(), [0, 6, 16, 17]);
  assert.equal(lines.rowOf(0), 0);
  assert.equal(lines.rowOf(8), 1);
  assert.equal(lines.rowOf(17), 3);
  assert.equal(lines.snippet(1, 2), 'b = 2');
});

test('SourceLines shows the neighbourhood of the column on a line too long to show whole', () => {
  const long = `${'x'.repeat(1000)}NEEDLE${'y'.repeat(1000)}`;
  const snippet = new SourceLines(long).snippet(0, 1000);
  assert.ok(snippet.length <= MAX_SNIPPET);
  assert.ok(snippet.includes('NEEDLE'));
});

test('FactCaps reports a kind once, when it first fills its cap', () => {
  const problems: AnalysisProblem[] = [];
  const caps = new FactCaps('m.py', problems);
  assert.equal(caps.full('calls', 9, 10), false);
  assert.equal(caps.truncated, false);
  assert.equal(caps.full('calls', 10, 10), true);
  assert.equal(caps.full('calls', 11, 10), true);
  assert.equal(caps.truncated, true);
  assert.deepEqual(problems, [
    { file: 'm.py', kind: 'capped', message: 'more than 10 calls in one file; the rest were not kept' },
  ]);
});
