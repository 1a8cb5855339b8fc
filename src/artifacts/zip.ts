import type { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import { bunzip2Bounded, CorruptStreamError } from './decompress.ts';
import { RATIO_FLOOR_BYTES } from './limits.ts';
import { unzipLzma } from './lzma.ts';
import type { MemberSink, Scope } from './member-sink.ts';
import { zipLayout } from './zip-layout.ts';

type ZipFile = yauzl.ZipFile;
type Entry = yauzl.Entry;

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const UNIX_HOST = 3;
const SPECIAL_MODES: Readonly<Record<number, string>> = {
  2401: 'FIFO',
  4802: 'character device',
  14406: 'block device',
  26411: 'socket',
};
/** A link target longer than this is not a path anyone means; it is not read whole. */
const MAX_LINK_TARGET = 4096;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
const METHOD_BZIP2 = 12;
const METHOD_LZMA = 14;
/** What assay reads: the methods pip reads through Python's zipfile, except zstd (93, Python 3.14). */
const READABLE_METHODS: ReadonlySet<number> = new Set([
  METHOD_STORED,
  METHOD_DEFLATE,
  METHOD_BZIP2,
  METHOD_LZMA,
]);
/** General purpose flag bit 1 for LZMA: the stream ends with an end marker. */
const LZMA_END_MARKER_FLAG = 0x2;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function open(bytes: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // decodeStrings:false hands us raw names, so a hostile name is reported instead of aborting the
    // whole archive. validateEntrySizes:false because yauzl rejects the whole archive when one stored
    // member's sizes disagree; readEntry compares every member's bytes with its declared size itself.
    yauzl.fromBuffer(
      bytes,
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: false, strictFileNames: false },
      (error, zip) => (error ? reject(new CorruptStreamError(`zip: ${message(error)}`)) : resolve(zip)),
    );
  });
}

/** Pulls the next central directory entry; null at the end. */
function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: Entry): void => {
      cleanup();
      resolve(entry);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(null);
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(new CorruptStreamError(`zip: ${error.message}`));
    };
    const cleanup = (): void => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/** One member that cannot be read (a bad local header, data past the end): a finding, not the archive's end. */
class MemberReadError extends Error {}

function openStream(zip: ZipFile, entry: Entry, raw: boolean): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, raw ? { decodeFileData: false } : {}, (error, stream) =>
      error ? reject(new MemberReadError(error.message)) : resolve(stream),
    );
  });
}

interface Drained {
  readonly data: Buffer;
  /** The data and the declared size disagree: what the data holds, in words. */
  readonly sizeError?: string;
  /** The data stopped decoding; `data` holds what decoded before. */
  readonly corrupt?: string;
}

/** Reads a member stream, never keeping more than `cap` bytes. */
async function drain(stream: Readable, cap: number): Promise<Drained> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const room = cap - size;
      if (chunk.length > room) {
        chunks.push(chunk.subarray(0, room));
        size += room;
        stream.destroy();
        return { data: Buffer.concat(chunks, size), sizeError: `more than ${cap - 1} bytes` };
      }
      chunks.push(chunk);
      size += chunk.length;
    }
  } catch (error) {
    const text = message(error);
    // A stream that stops decoding keeps what came out before; the member is reported, not the archive.
    return { data: Buffer.concat(chunks, size), corrupt: text };
  }
  return { data: Buffer.concat(chunks, size) };
}

function decodeName(entry: Entry): string {
  // With decodeStrings:false yauzl leaves fileName as the raw bytes; this applies the same rules it
  // would (UTF-8 flag, Info-ZIP Unicode path field, CP437 otherwise) without its validation.
  const rawName = entry.fileName as unknown as Buffer;
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, rawName, entry.extraFields, true);
}

/** Zip via yauzl (the only zip reader measured to catch traversal, bombs and lying sizes). */
export async function readZip(input: Buffer, scope: Scope, u: MemberSink): Promise<void> {
  // Bytes before the archive (a self-extractor stub, or junk to confuse scanners): Python's zipfile reads
  // past them, so assay does too, and reports them.
  const layout = zipLayout(input);
  const bytes = layout.prefix > 0 ? input.subarray(layout.prefix) : input;
  if (layout.prefix > 0) {
    u.anomaly(
      'prepended-data',
      scope.container === '' ? '(start of the archive)' : scope.container,
      scope,
      `${layout.prefix} bytes precede the zip archive; they were skipped, as Python's zipfile skips them`,
    );
  }
  const zip = await open(bytes);
  zipBytes.set(zip, bytes);
  const spans = new MemberSpans();
  try {
    for (;;) {
      if (u.stopped) return;
      const entry = await nextEntry(zip);
      if (entry === null) return;
      const name = decodeName(entry);
      const checked = u.enter(name, scope);
      if (checked === null) return;
      if (checkLocalHeader(bytes, entry, name, spans, scope, u) === 'same-data') continue;
      try {
        await readEntry(zip, entry, name, checked.path, checked.isDirectory, scope, u);
      } catch (error) {
        if (!(error instanceof MemberReadError)) throw error;
        u.anomaly('unreadable-member', name, scope, `the member cannot be read: ${error.message}`);
      }
    }
  } finally {
    zip.close();
  }
}

const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;

/** The byte ranges of members read so far, to find members that share their bytes. */
class MemberSpans {
  private readonly spans: { start: number; end: number; name: string }[] = [];

  /** The member already holding part of [start, end), if any. Linear: member counts are capped. */
  overlap(start: number, end: number, name: string): { name: string; same: boolean } | undefined {
    const found = this.spans.find((span) => start < span.end && span.start < end);
    this.spans.push({ start, end, name });
    if (found === undefined) return undefined;
    return { name: found.name, same: found.start === start && found.end === end };
  }
}

/**
 * Compares the central directory entry with its local header: CPython refuses a member whose two names
 * differ, other readers take one or the other, so the same archive shows different files to different
 * tools. Members whose data overlaps another's (the "overlapping zip" bomb: hundreds of entries over one
 * stream) are reported too; one that is exactly the span of an earlier member is not read again.
 */
function checkLocalHeader(
  bytes: Buffer,
  entry: Entry,
  name: string,
  spans: MemberSpans,
  scope: Scope,
  u: MemberSink,
): 'read' | 'same-data' {
  const header = entry.relativeOffsetOfLocalHeader;
  if (header + LOCAL_HEADER_BYTES > bytes.length || bytes.readUInt32LE(header) !== LOCAL_HEADER_SIGNATURE)
    return 'read';
  const nameLength = bytes.readUInt16LE(header + 26);
  const localName = bytes.subarray(header + LOCAL_HEADER_BYTES, header + LOCAL_HEADER_BYTES + nameLength);
  const centralName = entry.fileName as unknown as Buffer;
  if (!localName.equals(centralName)) {
    u.anomaly(
      'header-mismatch',
      name,
      scope,
      `the local header names this member ${JSON.stringify(localName.toString('latin1').slice(0, 200))}`,
    );
  }
  const start = header;
  const end =
    header + LOCAL_HEADER_BYTES + nameLength + bytes.readUInt16LE(header + 28) + entry.compressedSize;
  if (entry.compressedSize === 0) return 'read';
  const other = spans.overlap(start, end, name);
  if (other === undefined) return 'read';
  const quoted = JSON.stringify(other.name);
  if (other.same) {
    u.anomaly('overlapping-member', name, scope, `its data is the data of member ${quoted}; read once`);
    return 'same-data';
  }
  u.anomaly('overlapping-member', name, scope, `its data overlaps the data of member ${quoted}`);
  return 'read';
}

const zipBytes = new WeakMap<ZipFile, Buffer>();

function bytesOf(zip: ZipFile): Buffer | undefined {
  return zipBytes.get(zip);
}

/**
 * The fast path for a well-formed stored or deflated member: its bytes are taken straight from the
 * archive buffer and inflated synchronously. Streaming each member through node:zlib's thread pool cost
 * more in round trips than in inflating on the 1,000-member wheels of popular projects. Anything unusual
 * (a bad local header, data past the end, an output that is not exactly the declared size) returns null
 * and the member goes through the checked stream path, which reports the anomaly.
 */
function readDirect(bytes: Buffer | undefined, entry: Entry): Buffer | null {
  if (bytes === undefined) return null;
  const method = entry.compressionMethod;
  if (method !== METHOD_STORED && method !== METHOD_DEFLATE) return null;
  const header = entry.relativeOffsetOfLocalHeader;
  if (header + LOCAL_HEADER_BYTES > bytes.length || bytes.readUInt32LE(header) !== LOCAL_HEADER_SIGNATURE)
    return null;
  const start =
    header + LOCAL_HEADER_BYTES + bytes.readUInt16LE(header + 26) + bytes.readUInt16LE(header + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) return null;
  const declared = entry.uncompressedSize;
  const raw = bytes.subarray(start, end);
  if (method === METHOD_STORED) return raw.length === declared ? Buffer.from(raw) : null;
  try {
    // maxOutputLength bounds memory even if the declared size lies: past it zlib throws.
    const data = inflateRawSync(raw, { maxOutputLength: Math.max(declared, 1) + 1 });
    return data.length === declared ? data : null;
  } catch {
    return null;
  }
}

async function readEntry(
  zip: ZipFile,
  entry: Entry,
  name: string,
  path: string,
  isDirectory: boolean,
  scope: Scope,
  u: MemberSink,
): Promise<void> {
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  const unixMode = entry.versionMadeBy >> 8 === UNIX_HOST && mode !== 0;
  if (isDirectory || (unixMode && mode === S_IFDIR) || path === '') return;
  const member = scope.prefix + name;

  if (entry.isEncrypted()) {
    u.anomaly('encrypted-member', name, scope, 'encrypted member; its content cannot be analyzed');
    return;
  }
  if (unixMode && mode === S_IFLNK) {
    let target: string | undefined;
    if (entry.uncompressedSize <= MAX_LINK_TARGET && entry.compressionMethod <= METHOD_DEFLATE) {
      const drained = await drain(await openStream(zip, entry, false), MAX_LINK_TARGET);
      target = drained.data.toString('utf8');
    }
    u.anomaly(
      'symlink',
      name,
      scope,
      'symbolic link (unix mode in the external attributes); not followed',
      target,
    );
    return;
  }
  if (unixMode && mode !== S_IFREG) {
    u.anomaly('special-file', name, scope, `${SPECIAL_MODES[mode] ?? 'special file'} member; not read`);
    return;
  }
  const method = entry.compressionMethod;
  if (!READABLE_METHODS.has(method)) {
    // Python 3.14's zipfile also reads zstd (93), so pip may install such a member: the gap is a finding
    // (archive-unreadable-member), never passed over in silence.
    u.anomaly('unreadable-member', name, scope, `compression method ${method} is not supported by assay`);
    return;
  }
  const declared = entry.uncompressedSize;
  if (
    declared > RATIO_FLOOR_BYTES &&
    declared / Math.max(entry.compressedSize, 1) > u.limits.maxCompressionRatio
  ) {
    u.hit({
      limit: 'compression-ratio',
      max: u.limits.maxCompressionRatio,
      observed: Math.round((declared / Math.max(entry.compressedSize, 1)) * 10) / 10,
      member,
      detail: `member declares ${declared} bytes from ${entry.compressedSize}; skipped without inflating`,
    });
    return;
  }
  const admission = u.admit(declared, member);
  if (admission !== 'read') return;

  let drained: Drained;
  if (method === METHOD_BZIP2 || method === METHOD_LZMA) {
    const raw = await drain(await openStream(zip, entry, true), entry.compressedSize);
    let out: { data: Buffer };
    try {
      out =
        method === METHOD_BZIP2
          ? bunzip2Bounded(raw.data, declared + 1)
          : unzipLzma(
              raw.data,
              declared,
              (entry.generalPurposeBitFlag & LZMA_END_MARKER_FLAG) !== 0,
              declared + 1,
            );
    } catch (error) {
      if (!(error instanceof CorruptStreamError)) throw error;
      // One member that does not decode is a finding about it; the rest of the archive is still read.
      u.anomaly('unreadable-member', name, scope, `its data does not decode: ${error.message}`);
      return;
    }
    drained =
      out.data.length === declared
        ? { data: out.data }
        : {
            data: out.data.subarray(0, declared),
            sizeError:
              out.data.length > declared ? `more than ${declared} bytes` : `${out.data.length} bytes`,
          };
  } else {
    const direct = readDirect(bytesOf(zip), entry);
    if (direct !== null) {
      await u.addFile(path, direct, scope, name);
      return;
    }
    drained = await drain(await openStream(zip, entry, false), declared + 1);
    if (drained.sizeError === undefined && drained.data.length !== declared)
      drained = { data: drained.data, sizeError: `${drained.data.length} bytes` };
  }
  if (drained.corrupt !== undefined) {
    u.anomaly('unreadable-member', name, scope, `its data does not decode (${drained.corrupt})`);
    if (drained.data.length === 0) return;
  } else if (drained.sizeError !== undefined) {
    if (drained.data.length > declared) drained = { ...drained, data: drained.data.subarray(0, declared) };
    const kept =
      drained.data.length > 0 ? `the first ${drained.data.length} bytes are kept` : 'no content kept';
    u.anomaly(
      'size-mismatch',
      name,
      scope,
      `the central directory declares ${declared} bytes but the data holds ${drained.sizeError}; ${kept}`,
    );
    if (drained.data.length === 0) return;
  }
  await u.addFile(path, drained.data, scope, name);
}
