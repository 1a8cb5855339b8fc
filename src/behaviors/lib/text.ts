import type { PackageFile } from '../../artifacts/types.ts';
import type { DetectionContext } from '../../catalog/types.ts';

/** Text files larger than this are data, not code a reader would review line by line. */
const MAX_TEXT_BYTES = 4 * 1024 * 1024;

export function isPythonSource(path: string): boolean {
  return /\.(py|pyw|pyi)$/i.test(path);
}

/**
 * Files whose text is read as lines, bounded in size; binary-looking files (NUL in the first KiB) are
 * skipped. `mayMatch` looks at the bytes first: a file it rules out is never decoded, which matters
 * because several behaviors read every Python file of the package this way.
 */
export function* textFiles(
  context: DetectionContext,
  accept: (path: string) => boolean,
  mayMatch?: (data: Buffer) => boolean,
): Generator<{ file: PackageFile; text: string }> {
  for (const file of context.snapshot.files) {
    if (!accept(file.path) || file.data.length > MAX_TEXT_BYTES) continue;
    if (mayMatch !== undefined && !mayMatch(file.data)) continue;
    if (file.data.subarray(0, 1024).includes(0)) continue;
    yield { file, text: file.data.toString('utf8') };
  }
}

/** Lines of a text, 1-based, without their line ending. */
export function* lines(text: string): Generator<{ line: number; text: string }> {
  let start = 0;
  let number = 1;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    const raw = text.slice(start, stop);
    yield { line: number, text: raw.endsWith('\r') ? raw.slice(0, -1) : raw };
    if (end === -1) return;
    start = end + 1;
    number += 1;
  }
}

/** A line shown as evidence: trimmed and bounded. */
export function snippetOf(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 200 ? `${trimmed.slice(0, 197)}...` : trimmed;
}
