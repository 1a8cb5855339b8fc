/**
 * #14 item 10: an import of advisories that stops half way (killed, or an error in the source) must leave a
 * database that says so — in `db status` and in every report that uses it — instead of one whose partial
 * record count looks like the whole source. The interruption is simulated by a store that fails its third
 * batch, the point where a killed process would leave the earlier batches committed.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { memoryIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { VulnStore } from '../../src/store/types.ts';
import { importOsv } from '../../src/vulns/import.ts';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'assay-partial-db-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** `count` advisories, one per package `pkg-<i>`, each affecting version 1.0. */
function writeRecords(folder: string, count: number): void {
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < count; i++) {
    const record = {
      id: `PYSEC-2026-${String(i).padStart(4, '0')}`,
      modified: '2026-01-01T00:00:00Z',
      summary: `flaw ${i}`,
      affected: [{ package: { ecosystem: 'PyPI', name: `pkg-${i}` }, versions: ['1.0'] }],
    };
    writeFileSync(join(folder, `${record.id}.json`), JSON.stringify(record));
  }
}

/** The store, except that the `failAt`-th batch write throws, as a killed import would stop there. */
function failingStore(store: VulnStore, failAt: number): VulnStore {
  let batches = 0;
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'upsertVulnerabilities')
        return (...args: Parameters<VulnStore['upsertVulnerabilities']>) => {
          if (++batches === failAt) throw new Error('killed');
          return target.upsertVulnerabilities(...args);
        };
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function run(args: string[], db: string) {
  const io = memoryIo({ ASSAY_DB: db, ASSAY_CACHE_DIR: join(dir, 'cache'), ASSAY_OFFLINE: '1' }, dir);
  const code = await main(args, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

interface ScanReport {
  completeness: { complete: boolean };
  vulnerabilities: unknown[];
  data: { vulnerabilityDatabase: { complete?: boolean; records: number } | null };
}

describe('a vulnerability import that did not finish', () => {
  test('is shown by db status and makes every scan using it incomplete; a finished re-import clears it', async () => {
    const records = join(dir, 'osv');
    writeRecords(records, 30);
    const db = join(dir, 'partial.db');
    const store = openSqliteStore(db);
    await assert.rejects(
      importOsv(failingStore(store, 3), records, undefined, {
        limits: { batchSize: 10, maxRecordBytes: 1 << 20, maxEntries: 1000 },
      }),
      /killed/,
    );
    store.close();

    const status = await run(['db', 'status'], db);
    assert.equal(status.code, EXIT.ok);
    assert.match(status.out, /20 records/);
    assert.match(status.out, /INCOMPLETE: the import from .*osv .* did not finish \(20 records read/);
    const json = JSON.parse((await run(['db', 'status', '--json'], db)).out) as {
      complete: boolean;
      unfinishedImports: { seen: number }[];
    };
    assert.equal(json.complete, false);
    assert.deepEqual(
      json.unfinishedImports.map((row) => row.seen),
      [20],
    );

    // pkg-25's advisory was in the batch that never arrived: the scan cannot know it, so it must not say complete.
    writeFileSync(join(dir, 'requirements.txt'), 'pkg-1==1.0\npkg-25==1.0\n');
    const scan = await run(['scan', join(dir, 'requirements.txt'), '--format', 'json'], db);
    const report = JSON.parse(scan.out) as ScanReport;
    assert.equal(report.data.vulnerabilityDatabase?.complete, false);
    assert.equal(report.completeness.complete, false);
    assert.equal(report.vulnerabilities.length, 1);
    assert.notEqual(scan.code, EXIT.ok);
    const text = await run(['scan', join(dir, 'requirements.txt')], db);
    assert.match(text.out, /Vulnerabilities INCOMPLETE: the import of .*osv started .* did not finish/);

    const again = openSqliteStore(db);
    await importOsv(again, records);
    again.close();
    const after = JSON.parse((await run(['db', 'status', '--json'], db)).out) as { complete: boolean };
    assert.equal(after.complete, true);
    const rescan = JSON.parse(
      (await run(['scan', join(dir, 'requirements.txt'), '--format', 'json'], db)).out,
    ) as ScanReport;
    assert.equal(rescan.completeness.complete, true);
    assert.equal(rescan.data.vulnerabilityDatabase?.complete, true);
    assert.equal(rescan.vulnerabilities.length, 2);
  });
});
