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
import { closeSync } from 'node:fs';
import {
  bufferBytes,
  compareRange,
  lineEnd,
  lowerBoundLine,
  openBlockFile,
  type SearchBytes,
} from '../../core/block-file.ts';
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

/** Where the key of the line at `start` ends: just after its second tab, or at the line's end. */
function keyEnd(bytes: SearchBytes, start: number): number {
  const end = lineEnd(bytes, start);
  let tabs = 0;
  let at = start;
  for (; at < end && tabs < 2; at++) if (bytes.byteAt(at) === TAB) tabs++;
  return at;
}

/** Orders record lines by their key bytes, then by the whole line (so equal keys keep one order). */
function compareLines(a: Buffer, b: Buffer): number {
  const ka = a.subarray(0, keyEnd(bufferBytes(a), 0));
  const kb = b.subarray(0, keyEnd(bufferBytes(b), 0));
  return Buffer.compare(ka, kb) || Buffer.compare(a, b);
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

/** The header line, parsed (throws when it is not JSON), and where the records start. */
function readHeader(bytes: SearchBytes): { header: unknown; bodyStart: number } {
  const headerEnd = lineEnd(bytes, 0);
  return {
    header: JSON.parse(bytes.slice(0, headerEnd).toString('utf8')),
    bodyStart: Math.min(headerEnd + 1, bytes.length),
  };
}

/** The records of a table, searchable by name. */
export class MaliciousTable {
  private constructor(
    /** The header as read, for the caller to check. */
    readonly header: unknown,
    private readonly bytes: SearchBytes,
    private readonly bodyStart: number,
  ) {}

  /**
   * A table over a file's bytes. A file whose header does not say its records are sorted (one written by
   * hand) has them put in order here, once, rather than searched wrongly.
   */
  static of(bytes: Buffer): MaliciousTable {
    const { header, bodyStart } = readHeader(bufferBytes(bytes));
    if (isSorted(header)) return new MaliciousTable(header, bufferBytes(bytes), bodyStart);
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
    return new MaliciousTable(header, bufferBytes(ordered), 0);
  }

  /**
   * The table in a file, read as look-ups reach it; the file stays open for the table's life (the process's: a
   * data update that replaces the file leaves this table reading the one it opened). A file that does not say
   * its records are sorted is read whole, closed and put in order.
   */
  static open(path: string): MaliciousTable {
    const { fd, bytes: file } = openBlockFile(path);
    let keepOpen = false;
    try {
      const { header, bodyStart } = readHeader(file);
      if (!isSorted(header)) return MaliciousTable.of(file.slice(0, file.length));
      keepOpen = true;
      return new MaliciousTable(header, file, bodyStart);
    } finally {
      if (!keepOpen) closeSync(fd);
    }
  }

  /** The line at `start`'s key compared with `wanted`, byte by byte (the key ends after its second tab). */
  private compareKeyAt(start: number, wanted: Buffer): number {
    return compareRange(this.bytes, start, keyEnd(this.bytes, start), wanted);
  }

  /**
   * Every record of one name, by binary search over the bytes: `low` and `high` are line starts, every line
   * before `low` has a smaller key and every line from `high` on a key at least as large.
   */
  rows(ecosystem: string, name: string): MaliciousRow[] {
    const wanted = keyBytes(ecosystem, name);
    const first = lowerBoundLine(this.bytes, this.bodyStart, this.bytes.length, (line) =>
      this.compareKeyAt(line, wanted),
    );
    const rows: MaliciousRow[] = [];
    for (let line = first; line < this.bytes.length; ) {
      const end = lineEnd(this.bytes, line);
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
