/**
 * Tiny zip and tar writers for tests. They write exactly what they are told, so tests can craft what
 * real tools refuse to make: traversal names, lying sizes, links, devices, duplicates.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntrySpec {
  readonly name: string | Buffer;
  readonly data?: Buffer | string;
  /** 0 stored, 8 deflate (default), or any other number written as is. */
  readonly method?: number;
  /** Overrides the uncompressed size written in both headers (a lie). */
  readonly declaredSize?: number;
  /** Unix mode (e.g. 0o120777 for a symlink); written in the external attributes with host = unix. */
  readonly unixMode?: number;
  /** Sets the encryption flag (the data is not really encrypted). */
  readonly encrypted?: boolean;
  /** Sets the UTF-8 name flag (default true for string names). */
  readonly utf8?: boolean;
}

function toBuffer(value: Buffer | string | undefined): Buffer {
  if (value === undefined) return Buffer.alloc(0);
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}

export function buildZip(entries: readonly ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const spec of entries) {
    const name = toBuffer(spec.name);
    const data = toBuffer(spec.data);
    const method = spec.method ?? 8;
    const stored = method === 8 ? deflateRawSync(data) : data;
    const size = spec.declaredSize ?? data.length;
    const crc = crc32(data);
    let flags = (spec.utf8 ?? typeof spec.name === 'string') ? 0x800 : 0;
    if (spec.encrypted) flags |= 1;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, stored);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(spec.unixMode === undefined ? 20 : (3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((spec.unixMode ?? 0) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + stored.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export interface TarEntrySpec {
  readonly name: string;
  readonly data?: Buffer | string;
  /** ustar type flag: '0' file (default), '1' hardlink, '2' symlink, '3' char device, '5' dir, '6' FIFO. */
  readonly type?: string;
  readonly linkname?: string;
  /** pax extended header records written before this member. */
  readonly pax?: Readonly<Record<string, string>>;
  /** Write the name through a GNU 'L' long-name member. */
  readonly gnuLongName?: boolean;
  /** Write the name's directory part in the ustar prefix field. */
  readonly prefix?: string;
  /** Size written in the header (a lie, or for a truncated member). */
  readonly declaredSize?: number;
}

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

function tarHeader(name: string, size: number, type: string, linkname = '', prefix = ''): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0, 100, 'utf8');
  block.write(octal(0o644, 8), 100, 'latin1');
  block.write(octal(0, 8), 108, 'latin1');
  block.write(octal(0, 8), 116, 'latin1');
  block.write(octal(size, 12), 124, 'latin1');
  block.write(octal(0, 12), 136, 'latin1');
  block.write(type, 156, 'latin1');
  block.write(linkname, 157, 100, 'utf8');
  block.write('ustar\u000000', 257, 'latin1');
  block.write(prefix, 345, 155, 'utf8');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of block) sum += b;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

function padded(data: Buffer): Buffer {
  const pad = (512 - (data.length % 512)) % 512;
  return Buffer.concat([data, Buffer.alloc(pad)]);
}

function paxRecords(records: Readonly<Record<string, string>>): Buffer {
  const parts: Buffer[] = [];
  for (const [key, value] of Object.entries(records)) {
    const body = ` ${key}=${value}\n`;
    let length = Buffer.byteLength(body) + 1;
    while (String(length).length + Buffer.byteLength(body) !== length) length++;
    parts.push(Buffer.from(`${length}${body}`, 'utf8'));
  }
  return Buffer.concat(parts);
}

export function buildTar(entries: readonly TarEntrySpec[], options: { end?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const spec of entries) {
    const data = toBuffer(spec.data);
    if (spec.pax) {
      const records = paxRecords(spec.pax);
      parts.push(tarHeader('PaxHeader', records.length, 'x'), padded(records));
    }
    let name = spec.name;
    if (spec.gnuLongName) {
      const long = Buffer.from(`${spec.name}\0`, 'utf8');
      parts.push(tarHeader('././@LongLink', long.length, 'L'), padded(long));
      name = spec.name.slice(0, 99);
    }
    const type = spec.type ?? '0';
    parts.push(
      tarHeader(name, spec.declaredSize ?? data.length, type, spec.linkname, spec.prefix),
      padded(data),
    );
  }
  if (options.end !== false) parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}
