/** Programs hidden in text or compressed data: their magic numbers, and a bounded look inside zlib and gzip data. */
import { constants, gunzipSync, inflateSync } from 'node:zlib';

/** Magic numbers of programs: Windows PE (MZ), ELF, Mach-O (both byte orders, 32 and 64 bits). */
const EXECUTABLE_MAGIC: readonly { bytes: readonly number[]; kind: string }[] = [
  { bytes: [0x4d, 0x5a], kind: 'Windows PE' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], kind: 'ELF' },
  { bytes: [0xfe, 0xed, 0xfa, 0xce], kind: 'Mach-O' },
  { bytes: [0xfe, 0xed, 0xfa, 0xcf], kind: 'Mach-O' },
  { bytes: [0xce, 0xfa, 0xed, 0xfe], kind: 'Mach-O' },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], kind: 'Mach-O' },
];

export function programIn(bytes: Buffer): string | null {
  for (const magic of EXECUTABLE_MAGIC)
    if (magic.bytes.every((byte, index) => bytes[index] === byte)) {
      // "MZ" starts plenty of text; a real PE header has the PE offset field, and the DOS stub says so.
      if (
        magic.kind === 'Windows PE' &&
        bytes.length >= 4 &&
        bytes[2] !== 0x90 &&
        bytes[2] !== 0x50 &&
        bytes[2] !== 0x00
      )
        continue;
      return magic.kind;
    }
  return null;
}

/**
 * Compressed input read to find a header: enough for any program's first bytes. Deflate expands at most about
 * 1,000 to 1, so the output stays near 2 MB even for a bomb.
 */
const COMPRESSED_PREFIX = 2 * 1024;

/** 'zlib' or 'gzip' when the bytes start with that stream's header. */
export function compressionOf(bytes: Buffer): 'zlib' | 'gzip' | null {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
  // zlib: CM 8 (deflate) in the low nibble and a header checksum that is a multiple of 31.
  if (bytes.length >= 2 && (bytes[0]! & 0x0f) === 8 && ((bytes[0]! << 8) | bytes[1]!) % 31 === 0)
    return 'zlib';
  return null;
}

/**
 * The program kind at the start of zlib or gzip data, inflating only a prefix (a sync flush returns what the
 * prefix holds instead of failing on the missing end). Null when it is not compressed or not a program.
 */
export function compressedProgramIn(bytes: Buffer): { kind: string; compression: string } | null {
  const compression = compressionOf(bytes);
  if (compression === null) return null;
  const prefix = bytes.subarray(0, COMPRESSED_PREFIX);
  try {
    const options = { finishFlush: constants.Z_SYNC_FLUSH };
    const out = compression === 'gzip' ? gunzipSync(prefix, options) : inflateSync(prefix, options);
    const kind = programIn(out);
    return kind === null ? null : { kind, compression };
  } catch {
    return null;
  }
}
