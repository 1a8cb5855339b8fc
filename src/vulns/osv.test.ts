import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingInfoSchema, parseOsvRecord, readFindingInfo, toStoreInput } from './osv.ts';

describe('stored finding info', () => {
  it('the hand-written reader accepts and refuses exactly what the schema does', () => {
    const good = {
      aliases: ['CVE-1'],
      severity: [{ type: 'CVSS_V3', score: 'x' }],
      label: 'HIGH',
      references: [],
    };
    const cases: unknown[] = [
      good,
      { ...good, label: null },
      { ...good, severity: [{ type: 'CVSS_V3' }, 7, { type: 'CVSS_V4', score: 'y' }] },
      { ...good, extra: 'ignored' },
      { ...good, aliases: [''] },
      { ...good, aliases: ['x'.repeat(257)] },
      { ...good, aliases: 'CVE-1' },
      { ...good, label: 3 },
      { ...good, references: ['a', 'b', 'c', 'd', 'e', 'f'] },
      { ...good, references: [1] },
      { ...good, severity: null },
      { aliases: [], severity: [], references: [] },
      null,
      [],
      'text',
    ];
    for (const value of cases) {
      const schema = findingInfoSchema.safeParse(value);
      assert.deepEqual(readFindingInfo(value), schema.success ? schema.data : null, JSON.stringify(value));
    }
  });
});

describe('records prepared for the store', () => {
  it('joins canonical listed versions into one text, keeping line-break versions apart', () => {
    const parsed = parseOsvRecord({
      id: 'PYSEC-1',
      modified: '2024-01-01T00:00:00Z',
      affected: [
        { package: { ecosystem: 'PyPI', name: 'Demo_Lib' }, versions: ['1.0', '1.1.0', 'odd\nversion'] },
      ],
    });
    assert.ok(parsed.ok);
    const input = toStoreInput(parsed.record, {});
    assert.equal(input.affected[0]?.name, 'demo-lib');
    assert.deepEqual(JSON.parse(input.affected[0]?.data ?? ''), {
      ranges: [],
      versions: ['odd\nversion'],
      canonical: true,
      versionText: '\n0!1\n0!1.1\n',
    });
  });
});
