import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { MaliciousSnapshot } from './format.ts';
import { encodeMaliciousTable, MaliciousTable } from './malicious-table.ts';

const HEAD = {
  name: 'ossf-malicious',
  source: 'test',
  sourceUrl: 'https://example.test/',
  sourceRevision: 'r1',
  sourceDate: '2026-01-02',
  licence: 'CC0-1.0',
  generated: '2026-01-03',
  generatedFrom: 'shared-copy' as const,
  withdrawnExcluded: 0,
};

function snapshot(lines: readonly string[]): MaliciousSnapshot {
  return { ...HEAD, rows: lines.length, records: lines.join('\n') };
}

/** What a look-up must answer: every well-formed line whose ecosystem and name match exactly. */
function linear(lines: readonly string[], ecosystem: string, name: string): string[] {
  return lines.filter((line) => {
    const [eco, n, id, affected, extra] = line.split('\t');
    return eco === ecosystem && n === name && !!id && affected !== undefined && extra === undefined;
  });
}

// Names chosen to trip a byte search: prefixes of each other, a name sorting between them, non-ASCII and
// astral characters (UTF-8 byte order is not UTF-16 order there), several records of one name, a malformed line.
const LINES = [
  'npm\ta\tMAL-1\t*',
  'npm\tab\tMAL-2\t1.0.0',
  'npm\tab\tMAL-3\t2.0.0',
  'npm\tab-c\tMAL-4\t*',
  'npm\tabc\tMAL-5\t*',
  'npm\t\u00e9clair\tMAL-6\t*',
  'npm\t\uff41\tMAL-7\t*',
  'npm\t\u{1f600}\tMAL-8\t*',
  'npm\tbroken-line-without-fields',
  'pypi\ta\tMAL-9\t*',
  'pypi\tzz\tMAL-10\t1.0',
];

const QUERIES: [string, string][] = [
  ['npm', 'a'],
  ['npm', 'ab'],
  ['npm', 'ab-c'],
  ['npm', 'abc'],
  ['npm', 'abcd'],
  ['npm', 'aa'],
  ['npm', ''],
  ['npm', '\u00e9clair'],
  ['npm', '\uff41'],
  ['npm', '\u{1f600}'],
  ['npm', 'broken-line-without-fields'],
  ['pypi', 'a'],
  ['pypi', 'zz'],
  ['pypi', 'zzz'],
  ['npm', 'zzz'],
  ['aaa', 'a'],
];

describe('malicious table', () => {
  it('finds exactly the rows a linear scan finds, whatever order the lines were given in', () => {
    for (let rotation = 0; rotation < LINES.length; rotation++) {
      const given = [...LINES.slice(rotation), ...LINES.slice(0, rotation)];
      const table = MaliciousTable.of(encodeMaliciousTable(snapshot(given)));
      for (const [eco, name] of QUERIES)
        assert.deepEqual(
          table.rows(eco, name).map((row) => row.join('\t')),
          linear(LINES, eco, name).sort(),
          `${eco}:${name} (rotation ${rotation})`,
        );
    }
  });

  it('an unsorted table written by hand is put in order before it is searched', () => {
    const unsorted = Buffer.from(
      `${JSON.stringify({ ...HEAD, rows: LINES.length })}\n${[...LINES].reverse().join('\n')}\n`,
    );
    const table = MaliciousTable.of(unsorted);
    for (const [eco, name] of QUERIES)
      assert.deepEqual(
        table
          .rows(eco, name)
          .map((row) => row.join('\t'))
          .sort(),
        linear(LINES, eco, name).sort(),
        `${eco}:${name}`,
      );
  });

  it('an empty table and a table of one line', () => {
    assert.deepEqual(MaliciousTable.of(encodeMaliciousTable(snapshot([]))).rows('npm', 'a'), []);
    const one = MaliciousTable.of(encodeMaliciousTable(snapshot(['npm\tx\tMAL-1\t*'])));
    assert.deepEqual(one.rows('npm', 'x'), [['npm', 'x', 'MAL-1', '*']]);
    assert.deepEqual(one.rows('npm', 'w'), []);
    assert.deepEqual(one.rows('npm', 'y'), []);
  });

  it('many names: every one is found and nothing else', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `npm\tp${(i * 7919) % 2000}\tMAL-${i}\t*`);
    const table = MaliciousTable.of(encodeMaliciousTable(snapshot(lines)));
    for (let i = 0; i < 2000; i += 13) {
      assert.equal(table.rows('npm', `p${i}`).length, 1, `p${i}`);
      assert.equal(table.rows('npm', `p${i}x`).length, 0, `p${i}x`);
    }
  });

  it('the header keeps every field but the records, and says the order it wrote', () => {
    const table = MaliciousTable.of(encodeMaliciousTable(snapshot(LINES)));
    assert.deepEqual(table.header, { ...HEAD, rows: LINES.length, recordsOrder: 'ecosystem-name' });
  });
});

describe('malicious table read from a file in blocks', () => {
  it('answers as the in-memory table does, including across block edges', () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-malicious-'));
    try {
      // Long names push lines across the 4 KB blocks the file is read in.
      const lines = [
        ...LINES,
        ...Array.from({ length: 300 }, (_, i) => `npm\tlong-${'x'.repeat(i % 97)}-${i}\tMAL-L${i}\t*`),
      ];
      const path = join(dir, 'table.tsv');
      writeFileSync(path, encodeMaliciousTable(snapshot(lines)));
      const fromFile = MaliciousTable.open(path);
      const inMemory = MaliciousTable.of(encodeMaliciousTable(snapshot(lines)));
      const queries: [string, string][] = [
        ...QUERIES,
        ...Array.from({ length: 300 }, (_, i): [string, string] => [
          'npm',
          `long-${'x'.repeat(i % 97)}-${i}`,
        ]),
        ['npm', 'long-'],
      ];
      for (const [eco, name] of queries) {
        assert.deepEqual(fromFile.rows(eco, name), inMemory.rows(eco, name), `${eco}:${name}`);
        assert.deepEqual(
          fromFile.rows(eco, name).map((row) => row.join('\t')),
          linear(lines, eco, name).sort(),
          `${eco}:${name} against a linear scan`,
        );
      }
      assert.deepEqual(fromFile.header, inMemory.header);
      // A file written by hand without the order mark is read whole and sorted.
      const unsorted = join(dir, 'unsorted.tsv');
      writeFileSync(
        unsorted,
        `${JSON.stringify({ ...HEAD, rows: lines.length })}\n${[...lines].reverse().join('\n')}`,
      );
      for (const [eco, name] of queries)
        assert.deepEqual(
          MaliciousTable.open(unsorted)
            .rows(eco, name)
            .map((row) => row.join('\t'))
            .sort(),
          linear(lines, eco, name).sort(),
          `unsorted ${eco}:${name}`,
        );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
