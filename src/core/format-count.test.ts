import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCount } from './format-count.ts';

describe('formatCount', () => {
  it("writes whole numbers as toLocaleString('en') does", () => {
    const values = [0, -0, 1, 12, 123, 999, 1000, 1001, 12_345, 999_999, 1_000_000, 1_234_567_890, -1, -1000];
    for (let v = 1; v < Number.MAX_SAFE_INTEGER / 7; v = v * 7 + 3) values.push(v, -v);
    values.push(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER);
    for (const value of values) assert.equal(formatCount(value), value.toLocaleString('en'), String(value));
  });

  it('leaves fractions and huge numbers to toLocaleString', () => {
    for (const value of [1.5, 1234.5678, 2 ** 60, Number.NaN, Number.POSITIVE_INFINITY])
      assert.equal(formatCount(value), value.toLocaleString('en'));
  });
});
