import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapBounded } from './concurrency.ts';

test('mapBounded keeps order and never runs more than the limit at once', async () => {
  let running = 0;
  let peak = 0;
  const out = await mapBounded([5, 1, 4, 2, 3], 2, async (n) => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((resolve) => setTimeout(resolve, n));
    running--;
    return n * 10;
  });
  assert.deepEqual(out, [50, 10, 40, 20, 30]);
  assert.equal(peak, 2);
});

test('mapBounded runs nothing for no items and at least one at a time for a limit below 1', async () => {
  assert.deepEqual(await mapBounded([], 4, async () => 1), []);
  assert.deepEqual(await mapBounded([1, 2], 0, async (n) => n + 1), [2, 3]);
});
