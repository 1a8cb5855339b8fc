import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AssayError } from '../core/errors.ts';
import { CorruptStreamError } from './decompress.ts';
import { fsError, readDirectory } from './directory.ts';
import { resolveLimits } from './limits.ts';
import { TOP_SCOPE } from './member-sink.ts';
import { byPath, checkMemberName } from './names.ts';
import { knownUnsupportedFormat, sniffFormat } from './sniff.ts';
import type { ArchiveFormat, UnpackedArtifact, UnpackLimits } from './types.ts';
import { openArchive, Unpacker } from './unpacker.ts';

/** Names that promise an archive: used only to word the error for bytes that are not one, never to pick a reader. */
const ARCHIVE_NAME = /\.(whl|zip|egg|jar|tar|tgz|tbz2?|txz|gz|bz2|xz)$/i;

function result(
  u: Unpacker,
  format: ArchiveFormat,
  source: string,
  sha256: string,
  size: number,
): UnpackedArtifact {
  return {
    format,
    source,
    sha256,
    size,
    files: u.finalizeFiles(),
    anomalies: u.anomalies,
    limitHits: u.limitHits,
    nested: [...u.nested].sort(byPath),
  };
}

/**
 * Unpacks an artifact that is already in memory (a download). `name` is used for messages and, for a
 * plain file, as its path; the format comes from the bytes alone.
 */
export async function unpackBuffer(
  bytes: Buffer,
  name: string,
  limits?: Partial<UnpackLimits>,
): Promise<UnpackedArtifact> {
  const u = new Unpacker(resolveLimits(limits));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const format = sniffFormat(bytes);
  if (format === 'unknown') {
    const other = knownUnsupportedFormat(bytes);
    if (other !== undefined) {
      throw new AssayError('E_ARCHIVE_UNSUPPORTED', `${name}: ${other} archives are not supported`);
    }
    if (ARCHIVE_NAME.test(name)) {
      throw new AssayError(
        'E_ARCHIVE_CORRUPT',
        `${name}: not a zip, tar, gzip, bzip2 or xz archive (unrecognized bytes)`,
      );
    }
    return readPlainFile(bytes, name, sha256, u);
  }
  try {
    const opened = await openArchive(bytes, format, TOP_SCOPE, u);
    if (!opened) {
      throw new AssayError(
        'E_ARCHIVE_UNSUPPORTED',
        `${name}: the ${format.slice(4)} stream does not hold a tar archive`,
      );
    }
  } catch (error) {
    if (error instanceof CorruptStreamError) {
      // xz-embedded answers XZ_OPTIONS_ERROR for an integrity check it was built without (SHA-256).
      if (error.message.startsWith('xz: unsupported options')) {
        throw new AssayError('E_ARCHIVE_UNSUPPORTED', `${name}: ${error.message}`, { cause: error });
      }
      throw new AssayError('E_ARCHIVE_CORRUPT', `${name}: ${error.message}`, { cause: error });
    }
    throw error;
  }
  return result(u, format, name, sha256, bytes.length);
}

function readPlainFile(bytes: Buffer, name: string, sha256: string, u: Unpacker): UnpackedArtifact {
  const path = checkMemberName(basename(name)).path || 'file';
  if (u.enter(path, TOP_SCOPE) !== null && u.admit(bytes.length, path) === 'read') {
    // A lone file is never opened as a nested archive: it was not recognized as one.
    u.files.push({ path, data: bytes });
  }
  return result(u, 'file', name, sha256, bytes.length);
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Loads a local artifact: an archive (by magic bytes), a directory (walked without following links) or
 * a single plain file. Limits become LimitHit findings; only tool failures throw (AssayError).
 */
export async function loadArtifact(path: string, limits?: Partial<UnpackLimits>): Promise<UnpackedArtifact> {
  const resolved = resolveLimits(limits);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    throw fsError(path, error);
  }
  if (info.isDirectory()) {
    const u = new Unpacker(resolved);
    const { sha256, size } = await readDirectory(path, u);
    return result(u, 'directory', path, sha256, size);
  }
  if (!info.isFile()) throw new AssayError('E_IO', `${path}: not a regular file or directory`);
  // An artifact larger than everything we may unpack is not read into memory at all: its hash is
  // streamed and the limit is the finding.
  if (info.size > resolved.maxTotalBytes) {
    const u = new Unpacker(resolved);
    u.hit({
      limit: 'total-bytes',
      max: resolved.maxTotalBytes,
      observed: info.size,
      detail: 'the artifact itself is larger than the total limit; not read',
    });
    let sha256: string;
    try {
      sha256 = await hashFile(path);
    } catch (error) {
      throw fsError(path, error);
    }
    return result(u, 'file', path, sha256, info.size);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw fsError(path, error);
  }
  return unpackBuffer(bytes, path, resolved);
}
