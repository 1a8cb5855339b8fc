/**
 * The malicious-package snapshot as it lies on disk (data/ossf-malicious.tsv) and its look-up.
 *
 * Line 1 is the header, one line of JSON (the snapshot's provenance, row count, withdrawn count and the
 * order the records were written in). Every further line is one record, tab-separated in MaliciousRow
 * order, sorted by `ecosystem<TAB>name<TAB>` compared as UTF-8 bytes. A scan looks up one or a few names,
 * so it searches the file's bytes directly: nothing is decompressed, decoded or indexed beyond the header.
 * The gzipped JSON this replaced cost about 40 ms of every scan (gunzip, a 1.4 MB string, JSON.parse and
 * an index of 31,000 line starts) to answer those few look-ups.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { MaliciousRow, MaliciousSnapshot } from './format.ts';

const NEWLINE = 0x0a;
const TAB = 0x09;

/** The header of the table file: the snapshot without its records. */
export type MaliciousHeader = Omit<MaliciousSnapshot, 'records'>;

/** One line of records, or null for a malformed one. */
export function maliciousRow(line: string): MaliciousRow | null {
  const [eco, name, id, affected, extra] = line.split('\t');
  if ((eco !== 'pypi' && eco !== 'npm') || !name || !id || affected === undefined || extra !== undefined)
    return null;
  return [eco, name, id, affected];
}

/** The bytes a record line is sorted and searched by: ecosystem and name, each followed by a tab. */
function keyBytes(ecosystem: string, name: string): Buffer {
  return Buffer.from(`${ecosystem}\t${name}\t`, 'utf8');
}

/** Orders record lines by their key bytes, then by the whole line (so equal keys keep one order). */
function compareLines(a: Buffer, b: Buffer): number {
  const ka = a.subarray(0, keyEndIn(a, 0, a.length));
  const kb = b.subarray(0, keyEndIn(b, 0, b.length));
  return Buffer.compare(ka, kb) || Buffer.compare(a, b);
}

/** Where the key of the line at `start` ends in a buffer: just after its second tab, or at the line's end. */
function keyEndIn(bytes: Buffer, start: number, lineEnd: number): number {
  const first = bytes.indexOf(TAB, start);
  if (first < 0 || first >= lineEnd) return lineEnd;
  const second = bytes.indexOf(TAB, first + 1);
  return second < 0 || second >= lineEnd ? lineEnd : second + 1;
}

/** The file's bytes for a snapshot: the header line, then the records in key order. */
export function encodeMaliciousTable(snapshot: MaliciousSnapshot): Buffer {
  const { records, ...rest } = snapshot;
  const header: MaliciousHeader = { ...rest, recordsOrder: 'ecosystem-name' };
  const lines = records === '' ? [] : records.split('\n').map((line) => Buffer.from(line, 'utf8'));
  lines.sort(compareLines);
  const parts: Buffer[] = [Buffer.from(`${JSON.stringify(header)}\n`, 'utf8')];
  lines.forEach((line, i) => {
    parts.push(line);
    if (i < lines.length - 1) parts.push(Buffer.from('\n'));
  });
  return Buffer.concat(parts);
}

/** Reads the header line; throws when it is not a JSON object. */
function readHeader(bytes: Buffer): { header: unknown; bodyStart: number } {
  const end = bytes.indexOf(NEWLINE);
  const headerEnd = end < 0 ? bytes.length : end;
  return {
    header: JSON.parse(bytes.toString('utf8', 0, headerEnd)),
    bodyStart: end < 0 ? bytes.length : end + 1,
  };
}

/** Bytes searched by the table: a whole buffer, or a file read in small blocks as the search reaches them. */
interface TableBytes {
  readonly length: number;
  byteAt(position: number): number;
  slice(from: number, to: number): Buffer;
}

function inMemory(bytes: Buffer): TableBytes {
  return {
    length: bytes.length,
    byteAt: (position) => bytes[position] ?? NEWLINE,
    slice: (from, to) => bytes.subarray(from, to),
  };
}

const BLOCK = 4096;

/**
 * A file read a block at a time. A look-up touches about 15 lines of 31,000 (a binary search), so it reads a few
 * dozen kilobytes instead of the 1.3 MB file: on this kind of machine the fresh memory a whole read fills costs
 * about 4 ms per megabyte in page faults alone.
 */
function blockFile(fd: number): TableBytes {
  const length = fstatSync(fd).size;
  const blocks = new Map<number, Buffer>();
  const blockOf = (index: number): Buffer => {
    let block = blocks.get(index);
    if (block === undefined) {
      block = Buffer.allocUnsafe(Math.min(BLOCK, length - index * BLOCK));
      let done = 0;
      while (done < block.length) {
        const n = readSync(fd, block, done, block.length - done, index * BLOCK + done);
        if (n === 0) throw new RangeError('malicious table: the file ended early');
        done += n;
      }
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

/** The records of a table, searchable by name. */
export class MaliciousTable {
  private constructor(
    /** The header as read, for the caller to check. */
    readonly header: unknown,
    private readonly bytes: TableBytes,
    private readonly bodyStart: number,
  ) {}

  /**
   * A table over a file's bytes. A file whose header does not say its records are sorted (one written by
   * hand) has them put in order here, once, rather than searched wrongly.
   */
  static of(bytes: Buffer): MaliciousTable {
    const { header, bodyStart } = readHeader(bytes);
    if (isSorted(header)) return new MaliciousTable(header, inMemory(bytes), bodyStart);
    const body = bytes.subarray(bodyStart);
    const lines: Buffer[] = [];
    for (let start = 0; start < body.length; ) {
      const end = body.indexOf(NEWLINE, start);
      const lineEnd = end < 0 ? body.length : end;
      lines.push(body.subarray(start, lineEnd));
      start = lineEnd + 1;
    }
    lines.sort(compareLines);
    const ordered = Buffer.concat(lines.flatMap((line, i) => (i === 0 ? [line] : [Buffer.from('\n'), line])));
    return new MaliciousTable(header, inMemory(ordered), 0);
  }

  /**
   * The table in a file, read as look-ups reach it; the file stays open for the table's life (the process's: a
   * data update that replaces the file leaves this table reading the one it opened). A file that does not say
   * its records are sorted is read whole, closed and put in order.
   */
  static open(path: string): MaliciousTable {
    const fd = openSync(path, 'r');
    let keepOpen = false;
    try {
      const file = blockFile(fd);
      let headerEnd = 0;
      while (headerEnd < file.length && file.byteAt(headerEnd) !== NEWLINE) headerEnd++;
      const header: unknown = JSON.parse(file.slice(0, headerEnd).toString('utf8'));
      if (!isSorted(header)) return MaliciousTable.of(file.slice(0, file.length));
      keepOpen = true;
      return new MaliciousTable(header, file, Math.min(headerEnd + 1, file.length));
    } finally {
      if (!keepOpen) closeSync(fd);
    }
  }

  private lineEnd(start: number): number {
    let at = start;
    while (at < this.bytes.length && this.bytes.byteAt(at) !== NEWLINE) at++;
    return at;
  }

  /** The start of the first line that begins at or after `position` (the end of the file when none does). */
  private lineStartFrom(position: number): number {
    if (position <= this.bodyStart) return this.bodyStart;
    return Math.min(this.lineEnd(position - 1) + 1, this.bytes.length);
  }

  /** The start of the line that holds `position`. */
  private lineStartOf(position: number): number {
    let at = position;
    while (at > this.bodyStart && this.bytes.byteAt(at - 1) !== NEWLINE) at--;
    return at;
  }

  /** The line at `start`'s key compared with `wanted`, byte by byte (the key ends after its second tab). */
  private compareKeyAt(start: number, wanted: Buffer): number {
    const end = this.lineEnd(start);
    let tabs = 0;
    let at = start;
    for (; at < end && tabs < 2; at++) if (this.bytes.byteAt(at) === TAB) tabs++;
    const keyLength = at - start;
    const common = Math.min(keyLength, wanted.length);
    for (let i = 0; i < common; i++) {
      const difference = this.bytes.byteAt(start + i) - (wanted[i] ?? 0);
      if (difference !== 0) return difference;
    }
    return keyLength - wanted.length;
  }

  /**
   * Every record of one name, by binary search over the bytes: `low` and `high` are line starts, every line
   * before `low` has a smaller key and every line from `high` on a key at least as large.
   */
  rows(ecosystem: string, name: string): MaliciousRow[] {
    const wanted = keyBytes(ecosystem, name);
    let low = this.bodyStart;
    let high = this.bytes.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      let line = this.lineStartFrom(middle);
      if (line >= high) line = this.lineStartOf(middle);
      if (this.compareKeyAt(line, wanted) < 0) low = Math.min(this.lineEnd(line) + 1, this.bytes.length);
      else high = line;
    }
    const rows: MaliciousRow[] = [];
    for (let line = low; line < this.bytes.length; ) {
      const end = this.lineEnd(line);
      if (this.compareKeyAt(line, wanted) !== 0) break;
      const row = maliciousRow(this.bytes.slice(line, end).toString('utf8'));
      if (row !== null) rows.push(row);
      line = end + 1;
    }
    return rows;
  }
}

function isSorted(header: unknown): boolean {
  return (
    typeof header === 'object' &&
    header !== null &&
    (header as Record<string, unknown>)['recordsOrder'] === 'ecosystem-name'
  );
}
