import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initPythonParser, pythonParser } from '../python/parser.ts';
import { parseInputCallback } from './parse-input.ts';

/** What the library's own callback writes (setValue of the length, then stringToUTF16 into 10 KB). */
function libraryWrite(heap: DataView, text: unknown, buffer: number, lengthAddress: number): void {
  if (typeof text !== 'string') {
    heap.setInt32(lengthAddress, 0, true);
    return;
  }
  heap.setInt32(lengthAddress, text.length, true);
  const units = 10 * 1024 - 2 < text.length * 2 ? (10 * 1024 - 2) / 2 : text.length;
  let at = buffer;
  for (let i = 0; i < units; i++, at += 2) heap.setInt16(at, text.charCodeAt(i), true);
  heap.setInt16(at, 0, true);
}

function fakeModule(bytes: number, text: unknown) {
  const memory = new ArrayBuffer(bytes);
  return {
    memory,
    HEAP32: new Int32Array(memory),
    HEAPU16: new Uint16Array(memory),
    currentParseCallback: (index: number) => (typeof text === 'string' ? text.slice(index) : text),
  };
}

describe('parse input callback', () => {
  const samples: unknown[] = [
    '',
    'x = 1\n',
    'é😀 = "ü"\n'.repeat(3),
    'a'.repeat(5118),
    'b'.repeat(5119),
    `${'c'.repeat(5119)}d`,
    `${'😀'.repeat(3000)}tail`,
    undefined,
    null,
  ];
  for (const [n, text] of samples.entries()) {
    it(`writes what the library writes (sample ${n})`, () => {
      for (const index of [0, 3]) {
        const ours = fakeModule(32 * 1024, text);
        // Junk in the buffer first: every byte the library leaves alone must stay as it was.
        new Uint8Array(ours.memory).fill(0xa5);
        const theirs = fakeModule(32 * 1024, text);
        new Uint8Array(theirs.memory).fill(0xa5);
        parseInputCallback(ours)(4096, index, 0, 0, 64);
        const slice = typeof text === 'string' ? text.slice(index) : text;
        libraryWrite(new DataView(theirs.memory), slice, 4096, 64);
        assert.deepEqual(new Uint8Array(ours.memory), new Uint8Array(theirs.memory));
      }
    });
  }

  it('follows a memory that grew (a new buffer behind the views)', () => {
    const module = fakeModule(16 * 1024, 'first');
    const callback = parseInputCallback(module);
    callback(1024, 0, 0, 0, 8);
    const grown = new ArrayBuffer(64 * 1024);
    Object.assign(module, { HEAP32: new Int32Array(grown), HEAPU16: new Uint16Array(grown) });
    callback(40_000, 0, 0, 0, 8);
    assert.equal(new Int32Array(grown)[2], 5);
    assert.equal(Buffer.from(grown, 40_000, 10).toString('utf16le'), 'first');
  });

  it('is what the parser reads: a long file with non-ASCII text parses without errors', async () => {
    await initPythonParser();
    const line = 'é = "ü😀" + x  # ü\n';
    const text = line.repeat(2000);
    const tree = pythonParser().parse(text);
    assert.ok(tree !== null);
    try {
      assert.equal(tree.rootNode.hasError, false);
      assert.equal(tree.rootNode.namedChildren.length, 2000 * 2);
      assert.equal(tree.rootNode.lastNamedChild?.text, '# ü');
    } finally {
      tree.delete();
    }
  });
});
