/**
 * A file read a block at a time, for binary searches over sorted text files (the malicious-package table, the
 * disposable mail domains): a look-up touches a few dozen lines of a file of megabytes, and on this kind of
 * machine the fresh memory a whole read fills costs about 4 ms per megabyte in page faults alone.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const NEWLINE = 0x0a;
const BLOCK = 4096;

/** Bytes a search reads: a whole buffer, or a file read in blocks as the search reaches them. */
export interface SearchBytes {
  readonly length: number;
  /** The byte at `position`; a newline outside the bytes, so every line ends. */
  byteAt(position: number): number;
  slice(from: number, to: number): Buffer;
}

export function bufferBytes(bytes: Buffer): SearchBytes {
  return {
    length: bytes.length,
    byteAt: (position) => bytes[position] ?? NEWLINE,
    slice: (from, to) => bytes.subarray(from, to),
  };
}

/** `length` bytes of a file from `position`, in a buffer of their own; throws when the file ends before. */
export function readExactly(fd: number, position: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, out, done, length - done, position + done);
    if (n === 0) throw new RangeError('the file ended early');
    done += n;
  }
  return out;
}

/** A file's bytes, read in 4 KB blocks on first use and kept; the descriptor stays open for the object's life. */
export function blockFile(fd: number): SearchBytes {
  const length = fstatSync(fd).size;
  const blocks = new Map<number, Buffer>();
  const blockOf = (index: number): Buffer => {
    let block = blocks.get(index);
    if (block === undefined) {
      block = readExactly(fd, index * BLOCK, Math.min(BLOCK, length - index * BLOCK));
      blocks.set(index, block);
    }
    return block;
  };
  const byteAt = (position: number): number =>
    position < 0 || position >= length
      ? NEWLINE
      : (blockOf(Math.floor(position / BLOCK))[position % BLOCK] ?? NEWLINE);
  return {
    length,
    byteAt,
    slice: (from, to) => {
      const out = Buffer.allocUnsafe(Math.max(0, to - from));
      for (let i = from; i < to; i++) out[i - from] = byteAt(i);
      return out;
    },
  };
}

/** Opens `path` for block reads; the caller closes `fd` when it is done (or keeps it for the process). */
export function openBlockFile(path: string): { readonly fd: number; readonly bytes: SearchBytes } {
  const fd = openSync(path, 'r');
  try {
    return { fd, bytes: blockFile(fd) };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** bytes[from, to) compared with `wanted` as unsigned bytes, the shorter first when one is a prefix of the other. */
export function compareRange(bytes: SearchBytes, from: number, to: number, wanted: Buffer): number {
  const common = Math.min(to - from, wanted.length);
  for (let i = 0; i < common; i++) {
    const difference = bytes.byteAt(from + i) - (wanted[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return to - from - wanted.length;
}

/** Where the line starting at `start` ends (its newline, or the end of the bytes). */
export function lineEnd(bytes: SearchBytes, start: number): number {
  let at = start;
  while (at < bytes.length && bytes.byteAt(at) !== NEWLINE) at++;
  return at;
}

/**
 * The first line start in [from, to) whose line compares at or above the wanted key (`compareAt(start)` < 0
 * means the line at `start` sorts before it), or `to` when none does. `from` must be a line start, and the lines
 * in the range must be sorted for `compareAt`. Every line before the answer compares below; every line from it on,
 * at or above.
 */
export function lowerBoundLine(
  bytes: SearchBytes,
  from: number,
  to: number,
  compareAt: (start: number) => number,
): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    // The first line starting at or after `middle`, or, when none starts before `high`, the line holding it.
    let line = middle <= low ? low : Math.min(lineEnd(bytes, middle - 1) + 1, bytes.length);
    if (line >= high) {
      line = middle;
      while (line > low && bytes.byteAt(line - 1) !== NEWLINE) line--;
    }
    if (compareAt(line) < 0) low = Math.min(lineEnd(bytes, line) + 1, to);
    else high = line;
  }
  return low;
}
