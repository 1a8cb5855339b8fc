import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoize } from './memo.ts';

test('memoize computes each key once, null and undefined answers included', () => {
  const calls: string[] = [];
  const lookUp = memoize((key) => {
    calls.push(key);
    return key === 'none' ? undefined : key.length;
  }, 10);
  assert.equal(lookUp('abc'), 3);
  assert.equal(lookUp('abc'), 3);
  assert.equal(lookUp('none'), undefined);
  assert.equal(lookUp('none'), undefined);
  assert.deepEqual(calls, ['abc', 'none']);
});

test('memoize starts again past its limit instead of growing', () => {
  let computed = 0;
  const lookUp = memoize((key) => {
    computed += 1;
    return key;
  }, 2);
  lookUp('a');
  lookUp('b');
  lookUp('c'); // clears, keeps only c
  lookUp('a'); // computed again
  assert.equal(computed, 4);
});
