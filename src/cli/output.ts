import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  lstatSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AssayError } from '../core/errors.ts';

function outputError(path: string, error: unknown): AssayError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOSPC' ? 'no space left on the device (ENOSPC)' : (code ?? String(error));
  return new AssayError('E_OUTPUT', `cannot write ${path}: ${reason}`, { cause: error });
}

/** Writes all of `text` to an open descriptor; a short write is continued, a full pipe waited for. */
export function writeAllSync(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  let waits = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
      waits = 0;
    } catch (error) {
      // A non-blocking pipe whose reader is slow: wait a moment, a bounded number of times.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN' || ++waits > 10_000) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

/** Writes the whole file or nothing: a temporary file beside the target, then an atomic rename. */
export function writeFileAtomic(path: string, content: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, content, { flag: 'wx' });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw outputError(path, error);
  }
}

/** Writes straight into an existing character device or FIFO, never creating or replacing it. */
function writeToStream(path: string, content: string): void {
  let fd: number;
  try {
    // No O_CREAT and no O_TRUNC: if the node went away meanwhile, nothing is created in its place.
    fd = openSync(path, constants.O_WRONLY | constants.O_NOFOLLOW);
  } catch (error) {
    throw outputError(path, error);
  }
  try {
    writeAllSync(fd, content);
  } catch (error) {
    throw outputError(path, error);
  } finally {
    closeSync(fd);
  }
}

/**
 * `-o PATH`: where the report goes, by what PATH already is.
 * - `-`: standard output.
 * - nothing yet, or a regular file: written whole or not at all (temporary file, then rename).
 * - a character device (/dev/stdout, a terminal, /dev/null) or a FIFO: written directly; never replaced.
 * - a symbolic link: refused. Following it would let whoever planted the link choose what is overwritten;
 *   give the link's target instead.
 * - a directory, a block device, a socket: refused.
 * Every failure, a full disk (ENOSPC) included, is E_OUTPUT, and no partial report is left behind.
 */
export function writeReport(path: string, content: string, stdout: (text: string) => void): void {
  if (path === '-') {
    stdout(content);
    return;
  }
  let info: ReturnType<typeof lstatSync> | undefined;
  try {
    info = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw outputError(path, error);
  }
  if (info === undefined || info.isFile()) {
    writeFileAtomic(path, content);
    return;
  }
  if (info.isCharacterDevice() || info.isFIFO()) {
    writeToStream(path, content);
    return;
  }
  const what = info.isSymbolicLink()
    ? 'a symbolic link (give the path it points to)'
    : info.isDirectory()
      ? 'a directory'
      : info.isBlockDevice()
        ? 'a block device'
        : 'not a regular file';
  throw new AssayError('E_OUTPUT', `cannot write ${path}: it is ${what}`);
}
