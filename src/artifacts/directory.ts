import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { AssayError } from '../core/errors.ts';
import { TOP_SCOPE } from './member-sink.ts';
import { byPath } from './names.ts';
import type { Unpacker } from './unpacker.ts';

/** Maps a file-system error to the stable codes: missing is E_NOT_FOUND, anything else E_IO. */
export function fsError(path: string, error: unknown): AssayError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new AssayError('E_NOT_FOUND', `${path}: no such file or directory`, { cause: error });
  }
  return new AssayError('E_IO', `${path}: cannot read (${code ?? String(error)})`, { cause: error });
}

/**
 * Walks a package directory with lstat only: a symlink is reported with its target and never
 * followed (a package's link to /etc or ~ must not pull the host's files into the scan).
 * The calls are synchronous: a package's files are small and usually in the page cache, where one
 * blocking read costs less than the four thread-pool round trips of fs/promises' readFile (40 folders of
 * Python, 923 files: 40–56 ms against 450–540 ms, measured 2026-11-23); the unpack limits bound the walk.
 * Returns the sha256 over the sorted relative paths and contents of the files read, and their byte total.
 */
export async function readDirectory(root: string, u: Unpacker): Promise<{ sha256: string; size: number }> {
  const read: { path: string; data: Buffer }[] = [];
  // Depth-first with an explicit stack: no recursion limit to hit, and no cycles since links are not followed.
  const stack: string[] = [''];
  while (stack.length > 0 && !u.stopped) {
    const relDir = stack.pop() as string;
    const absDir = relDir === '' ? root : join(root, relDir);
    let names: string[];
    try {
      names = readdirSync(absDir).sort();
    } catch (error) {
      throw fsError(absDir, error);
    }
    const subdirs: string[] = [];
    for (const name of names) {
      if (u.stopped) break;
      const rel = relDir === '' ? name : `${relDir}/${name}`;
      const abs = join(absDir, name);
      let stat: Stats;
      try {
        stat = lstatSync(abs);
      } catch (error) {
        throw fsError(abs, error);
      }
      const checked = u.enter(rel, TOP_SCOPE);
      if (checked === null) break;
      if (stat.isDirectory()) {
        subdirs.push(rel);
      } else if (stat.isSymbolicLink()) {
        let target: string | undefined;
        try {
          target = readlinkSync(abs);
        } catch {
          target = undefined;
        }
        u.anomaly('symlink', rel, TOP_SCOPE, 'symbolic link; not followed', target);
      } else if (!stat.isFile()) {
        u.anomaly('special-file', rel, TOP_SCOPE, 'device, FIFO or socket; not read');
      } else {
        const admission = u.admit(stat.size, rel);
        if (admission === 'stop') break;
        if (admission === 'skip') continue;
        let data: Buffer;
        try {
          data = readFileSync(abs);
        } catch (error) {
          throw fsError(abs, error);
        }
        read.push({ path: checked.path, data });
        await u.addFile(checked.path, data, TOP_SCOPE, rel);
      }
    }
    // Reversed onto the stack so the walk (and the order of findings) follows sorted names.
    stack.push(...subdirs.reverse());
  }
  const hash = createHash('sha256');
  let size = 0;
  read.sort(byPath);
  for (const file of read) {
    hash.update(file.path);
    hash.update('\0');
    hash.update(String(file.data.length));
    hash.update('\0');
    hash.update(file.data);
    size += file.data.length;
  }
  return { sha256: hash.digest('hex'), size };
}
