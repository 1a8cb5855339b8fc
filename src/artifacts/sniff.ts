import type { ArchiveFormat } from './types.ts';

/** Formats that are archives (directories and plain files are decided by the caller, not by bytes). */
export type SniffedFormat = Exclude<ArchiveFormat, 'directory' | 'file'>;

const GZIP = [0x1f, 0x8b];
const BZIP2 = [0x42, 0x5a, 0x68]; // "BZh"
const XZ = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
// A split or spanned archive starts with a marker before the first local header (APPNOTE 8.5.3/8.5.4).
const ZIP_SPANNED = [0x50, 0x4b, 0x07, 0x08];
const ZIP_SPANNED_TEMP = [0x50, 0x4b, 0x30, 0x30];
const EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
/** The end-of-central-directory record is 22 bytes plus a comment of at most 65535 bytes. */
const EOCD_SEARCH = 22 + 0xffff;

function startsWith(bytes: Buffer, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((b, i) => bytes[at + i] === b);
}

/**
 * The format from the magic bytes alone. The file name is never consulted: real packages carry wrong
 * extensions (a ".tar.gz" that is a zip). A compressed stream is reported as 'tar.*' from its outer
 * magic; the reader checks after decompression that a tar is inside (see isTarHeader).
 */
export function sniffFormat(
  bytes: Buffer,
  options: { trailingZip?: boolean } = {},
): SniffedFormat | 'unknown' {
  if (
    startsWith(bytes, ZIP_LOCAL) ||
    startsWith(bytes, ZIP_EMPTY) ||
    startsWith(bytes, ZIP_SPANNED) ||
    startsWith(bytes, ZIP_SPANNED_TEMP)
  ) {
    return 'zip';
  }
  if (startsWith(bytes, GZIP)) return 'tar.gz';
  if (startsWith(bytes, XZ)) return 'tar.xz';
  // "BZh" followed by the block size digit 1-9: three letters alone are too common in text.
  if (startsWith(bytes, BZIP2) && (bytes[3] ?? 0) >= 0x31 && (bytes[3] ?? 0) <= 0x39) return 'tar.bz2';
  if (isTarHeader(bytes)) return 'tar';
  // Zip readers (Python's zipfile among them) find the archive from its end, so a zip behind a
  // prefix (a shell script, a self-extractor, a polyglot) still installs and must still be read.
  if (options.trailingZip !== false && hasZipEnd(bytes)) return 'zip';
  return 'unknown';
}

function hasZipEnd(bytes: Buffer): boolean {
  if (bytes.length < 22) return false;
  const from = Math.max(0, bytes.length - EOCD_SEARCH);
  return bytes.subarray(from).lastIndexOf(EOCD) !== -1;
}

/** A POSIX or GNU tar header ("ustar" at 257), or an old v7 header recognized by a valid checksum. */
export function isTarHeader(bytes: Buffer): boolean {
  if (bytes.length < 512) return false;
  if (bytes.toString('latin1', 257, 262) === 'ustar') return true;
  return tarChecksumMatches(bytes, 0) && bytes[0] !== 0;
}

/** The header checksum: the byte sum with the checksum field read as spaces (signed or unsigned, per POSIX/GNU). */
export function tarChecksumMatches(bytes: Buffer, offset: number): boolean {
  const field = bytes
    .toString('latin1', offset + 148, offset + 156)
    .replace(/[\0 ]+$/, '')
    .trim();
  if (!/^[0-7]{1,8}$/.test(field)) return false;
  const stored = Number.parseInt(field, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < 512; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : (bytes[offset + i] ?? 0);
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return stored === unsigned || stored === signed;
}

/** Magic of formats we know but do not read, so the error can name them instead of guessing 'file'. */
export function knownUnsupportedFormat(bytes: Buffer): string | undefined {
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '7z';
  if (startsWith(bytes, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07])) return 'rar';
  if (startsWith(bytes, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd';
  if (startsWith(bytes, [0x4c, 0x5a, 0x49, 0x50])) return 'lzip';
  if (startsWith(bytes, [0x21, 0x3c, 0x61, 0x72, 0x63, 0x68, 0x3e, 0x0a])) return 'ar (a .deb?)';
  if (startsWith(bytes, [0xed, 0xab, 0xee, 0xdb])) return 'rpm';
  return undefined;
}
