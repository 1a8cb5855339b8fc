import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serialize } from 'node:v8';
import { decodeTree, encodeTree } from './facts-codec.ts';

const PATH = 'pkg/a.js';

/** A body put together by hand, as a damaged or planted row could hold it. */
function body(strings: unknown, shapes: unknown, numbers: unknown, codes: unknown): Buffer {
  return serialize([strings, shapes, numbers, codes]);
}

describe('compact facts body', () => {
  it('gives back the same tree, key order and awkward numbers included', () => {
    const tree = {
      facts: {
        file: PATH,
        partial: false,
        calls: [
          { file: PATH, line: 3, column: 0, callee: 'f', args: [{ kind: 'number', value: -0 }] },
          {
            callee: 'g',
            file: PATH,
            line: 2 ** 40,
            column: 1.5,
            args: [{ value: Number.NaN, kind: 'number' }],
          },
        ],
        empty: {},
        strings: [{ file: 'elsewhere.js', value: PATH, big: Number.NEGATIVE_INFINITY, ok: true }],
      },
      problems: [],
    };
    const encoded = encodeTree(tree, PATH);
    assert.ok(encoded !== undefined);
    const back = decodeTree(encoded, PATH);
    assert.deepStrictEqual(back, tree);
    assert.equal(JSON.stringify(back), JSON.stringify(tree), 'same key order');
  });

  it('supplies the current path to every file key that held the stored one, and only there', () => {
    const tree = { file: PATH, items: [{ file: PATH, value: PATH }] };
    const encoded = encodeTree(tree, PATH);
    assert.ok(encoded !== undefined);
    assert.deepStrictEqual(decodeTree(encoded, 'moved/b.js'), {
      file: 'moved/b.js',
      items: [{ file: 'moved/b.js', value: PATH }],
    });
  });

  it('declines what facts never hold', () => {
    for (const [i, value] of [
      { a: undefined },
      { a: null },
      { a: new Date(0) },
      { a: 1n },
      { 'a,b': 1 },
      { a: Object.create({ inherited: 1 }) },
      JSON.parse('{"__proto__": 1}'),
    ].entries())
      assert.equal(encodeTree(value, PATH), undefined, `case ${i}`);
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    assert.equal(encodeTree(deep, PATH), undefined);
  });

  it('refuses every malformed body', () => {
    const good = encodeTree({ a: ['x', 1, true] }, PATH);
    assert.ok(good !== undefined);
    assert.deepStrictEqual(decodeTree(good, PATH), { a: ['x', 1, true] });
    const codes = (list: number[]) => Int32Array.from(list);
    const none = new Float64Array();
    const bad = [
      Buffer.from('not a body'),
      good.subarray(0, good.length - 2),
      serialize({ a: 1 }),
      serialize([['x'], ['a'], none]),
      body(['x', 2], ['a'], none, codes([0, 0])),
      body(['x'], [1], none, codes([0, 0])),
      body(['x'], ['a'], [1], codes([0, 0])),
      body(['x'], ['a'], none, [0, 0]),
      body(['x'], ['a'], none, codes([0, 1])), // string index past the table
      body(['x'], ['a'], none, codes([0, -1])),
      body(['x'], ['a'], none, codes([1, 0])), // number index past the numbers
      body(['x'], ['a'], none, codes([5, 3, 0, 0])), // unknown shape
      body(['x'], ['a,a'], none, codes([5, 0, 0, 0, 0, 0])), // a key twice
      body(['x'], ['__proto__'], none, codes([5, 0, 0, 0])),
      body(['x'], ['a'], none, codes([4, 1000000])), // a length past the end
      body(['x'], ['a'], none, codes([4, -1])),
      body(['x'], ['a'], none, codes([4, 2, 0, 0])), // truncated
      body(['x'], ['a'], none, codes([0, 0, 0, 0])), // trailing codes
      body(['x'], ['a'], none, codes([9])), // unknown tag
      body(['x'], ['a'], none, codes([])),
      body(['x'], ['a'], none, codes([...Array.from({ length: 40 }, () => [4, 1]).flat(), 2])), // too deep
    ];
    for (const [i, payload] of bad.entries()) assert.equal(decodeTree(payload, PATH), undefined, `case ${i}`);
  });
});
