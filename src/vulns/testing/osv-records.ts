import { crc32, deflateRawSync } from 'node:zlib';
import { openSqliteStore } from '../../store/sqlite.ts';
import { matchComponents } from '../match.ts';
import { parseOsvRecord, toStoreInput } from '../osv.ts';
import type { VulnerabilitySource } from '../types.ts';

/**
 * Builds a small zip in memory (deflate, no extras) so tests can feed the importer and the
 * downloader an archive shaped like osv.dev's without a zip-writing dependency.
 */
export function buildZip(files: Readonly<Record<string, string | Buffer>>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const centralSize = centrals.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/**
 * A look-up over hand-written OSV records: each call imports them into a fresh in-memory database through
 * the importer's own conversion and runs the real matching, so a test proves what a user's database would
 * answer. A record that is not valid OSV fails the test loudly instead of being skipped.
 */
export function osvRecordsSource(
  records: readonly unknown[],
  databaseDate = '2030-01-01T00:00:00Z',
): VulnerabilitySource {
  const inputs = records.map((value, index) => {
    const parsed = parseOsvRecord(value);
    if (!parsed.ok) throw new Error(`OSV record ${index}: ${parsed.problem}`);
    return toStoreInput(parsed.record, value);
  });
  return (queries) => {
    const store = openSqliteStore(':memory:');
    try {
      store.upsertVulnerabilities(inputs);
      return {
        findings: matchComponents(store, queries),
        database: { records: store.counts().total, newestModified: databaseDate, importedAt: databaseDate },
      };
    } finally {
      store.close();
    }
  };
}
