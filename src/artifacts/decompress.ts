import { createRequire } from 'node:module';
import { createGunzip } from 'node:zlib';

/** Output of a bounded decompression: stops as soon as the output would pass `cap` bytes. */
export interface Bounded {
  readonly data: Buffer;
  /** True when the cap stopped decompression: `data` is a prefix of the real stream. */
  readonly capped: boolean;
}

/** A stream that does not decode. The caller names the file and turns it into E_ARCHIVE_CORRUPT. */
export class CorruptStreamError extends Error {
  override readonly name = 'CorruptStreamError';
}

/**
 * Collects output and keeps at most `cap` bytes, so a bomb never costs more than the cap in memory.
 * With a size hint the output goes straight into one buffer, which avoids the second copy (and the
 * doubled peak) of concatenating chunks; a wrong hint only falls back to chunks.
 */
class CappedSink {
  private readonly chunks: Buffer[] = [];
  private buffer: Buffer | undefined;
  size = 0;
  capped = false;
  constructor(
    private readonly cap: number,
    hint = 0,
  ) {
    if (hint > 0) this.buffer = Buffer.allocUnsafe(Math.min(hint, cap));
  }

  /** Returns false once the cap is reached (the chunk's tail beyond the cap is dropped). */
  push(chunk: Uint8Array): boolean {
    const room = this.cap - this.size;
    const fits = chunk.length <= room;
    const part = fits ? chunk : chunk.subarray(0, Math.max(room, 0));
    if (this.buffer !== undefined && this.size + part.length <= this.buffer.length) {
      this.buffer.set(part, this.size);
    } else {
      if (this.buffer !== undefined) {
        this.chunks.push(this.buffer.subarray(0, this.size));
        this.buffer = undefined;
      }
      // Copied: the decoder may hand out views of memory it reuses (wasm for xz).
      this.chunks.push(Buffer.from(part));
    }
    this.size += part.length;
    if (!fits) this.capped = true;
    return fits;
  }

  result(): Bounded {
    const data =
      this.buffer !== undefined ? this.buffer.subarray(0, this.size) : Buffer.concat(this.chunks, this.size);
    return { data, capped: this.capped };
  }
}

/** Deflate cannot expand past about 1032:1, so a gzip size field above that is a lie not worth allocating for. */
const DEFLATE_MAX_RATIO = 1032;

const GZIP_FEED = 1 << 20;

/**
 * gzip through node:zlib, fed in slices so a bomb is abandoned at the cap. gunzipSync with
 * maxOutputLength would bound memory too, but it throws away the prefix we want to report on.
 * Concatenated gzip members are decoded as one stream, as gzip(1) and Python's tarfile do.
 */
export function gunzipBounded(input: Buffer, cap: number): Promise<Bounded> {
  return new Promise((resolve, reject) => {
    // ISIZE, the last 4 bytes, is the uncompressed size mod 2^32 of the last member: a hint only.
    const isize = input.length >= 18 ? input.readUInt32LE(input.length - 4) : 0;
    const sink = new CappedSink(cap, Math.min(isize, DEFLATE_MAX_RATIO * input.length));
    const gunzip = createGunzip({ chunkSize: 256 * 1024 });
    let done = false;
    const finish = (error?: Error): void => {
      if (done) return;
      done = true;
      if (error) reject(new CorruptStreamError(`gzip: ${error.message}`, { cause: error }));
      else resolve(sink.result());
    };
    gunzip.on('data', (chunk: Buffer) => {
      if (!sink.push(chunk)) {
        gunzip.destroy();
        finish();
      }
    });
    gunzip.on('error', (error) => finish(error));
    gunzip.on('end', () => finish());
    gunzip.on('close', () => finish());
    let offset = 0;
    const feed = (): void => {
      while (!done && offset < input.length) {
        const slice = input.subarray(offset, offset + GZIP_FEED);
        offset += slice.length;
        if (!gunzip.write(slice)) {
          gunzip.once('drain', feed);
          return;
        }
      }
      if (!done) gunzip.end();
    };
    feed();
  });
}

interface BunzipOutput {
  writeByte(byte: number): void;
  flush(): void;
}
interface BunzipInput {
  readByte(): number;
  read(buffer: Uint8Array, offset: number, length: number): number;
  seek(pos: number): void;
  eof(): boolean;
}
interface SeekBzip {
  decode(input: BunzipInput, output: BunzipOutput, multistream: boolean): void;
}

const require = createRequire(import.meta.url);
// The two decoders are loaded on first use: together they cost about 10 ms of every run's start, and few
// packages come as .bz2 or .xz.
let seekBzip: SeekBzip | undefined;
/** seek-bzip is pure JavaScript (no native build); it writes one byte at a time, which lets the cap act on the exact byte that crosses it. */
function bzipDecoder(): SeekBzip {
  seekBzip ??= require('seek-bzip') as SeekBzip;
  return seekBzip;
}

class CapReached extends Error {}

/** bzip2 via seek-bzip, multi-stream (pbzip2 output), stopped at the cap. About 11 MB/s out. */
export function bunzip2Bounded(input: Buffer, cap: number): Bounded {
  let buffer = Buffer.allocUnsafe(Math.min(Math.max(input.length * 4, 64 * 1024), cap + 1, 64 * 1024 * 1024));
  let pos = 0;
  let capped = false;
  const output: BunzipOutput = {
    writeByte(byte: number) {
      if (pos >= cap) {
        capped = true;
        throw new CapReached();
      }
      if (pos === buffer.length) {
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, cap));
        buffer.copy(grown, 0, 0, pos);
        buffer = grown;
      }
      buffer[pos++] = byte;
    },
    flush() {},
  };
  // seek-bzip reads past the end as zero bits and can spin on them; a truncated stream must fail here.
  let at = 0;
  const source: BunzipInput = {
    readByte() {
      if (at >= input.length) throw new CorruptStreamError('bzip2: unexpected end of data');
      return input[at++] as number;
    },
    read(target: Uint8Array, offset: number, length: number) {
      if (at >= input.length) return -1;
      const n = Math.min(length, input.length - at);
      target.set(input.subarray(at, at + n), offset);
      at += n;
      return n;
    },
    seek(p: number) {
      at = p;
    },
    eof() {
      return at >= input.length;
    },
  };
  try {
    bzipDecoder().decode(source, output, true);
  } catch (error) {
    // Bytes after a complete stream that do not start another one: bzip2(1) and Python's bz2 module
    // ignore such trailing garbage, so the package installs and must still be read.
    const trailing =
      error instanceof Error && /^Not bzip data: (bad magic|level out of range)/.test(error.message);
    if (trailing && pos > 0) return { data: buffer.subarray(0, pos), capped };
    if (!(error instanceof CapReached)) {
      if (error instanceof CorruptStreamError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new CorruptStreamError(`bzip2: ${message}`, { cause: error });
    }
  }
  return { data: buffer.subarray(0, pos), capped };
}

interface XzModule {
  XzReadableStream: new (compressed: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array>;
}
let xz: XzModule | undefined;
/** xz-decompress is xz-embedded compiled to WebAssembly (no native build, no download at install). */
function xzDecoder(): XzModule {
  xz ??= require('xz-decompress') as XzModule;
  return xz;
}

/** xz-embedded's status codes (xz.h), worded for one-line errors. */
const XZ_ERRORS: Readonly<Record<string, string>> = {
  '3': 'out of memory',
  '4': 'dictionary larger than the memory limit',
  '5': 'not an xz stream',
  '6': 'unsupported options (such as a SHA-256 integrity check)',
  '7': 'corrupt compressed data',
  '8': 'unexpected end of data, or trailing bytes after the stream',
};

/** xz via xz-decompress, read chunk by chunk and cancelled at the cap. */
export async function unxzBounded(input: Buffer, cap: number): Promise<Bounded> {
  const sink = new CappedSink(cap);
  const compressed = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let offset = 0; offset < input.length; offset += GZIP_FEED) {
        controller.enqueue(new Uint8Array(input.subarray(offset, offset + GZIP_FEED)));
      }
      controller.close();
    },
  });
  const reader = new (xzDecoder().XzReadableStream)(compressed).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!sink.push(value)) {
        await reader.cancel().catch(() => undefined);
        break;
      }
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = /error code (\d+)/.exec(message)?.[1];
    const reason = code === undefined ? message : (XZ_ERRORS[code] ?? message);
    throw new CorruptStreamError(`xz: ${reason}`, { cause: error });
  }
  return sink.result();
}
