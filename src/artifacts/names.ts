import type { MemberAnomalyKind } from './types.ts';

export interface NameProblem {
  readonly kind: MemberAnomalyKind;
  readonly detail: string;
}

export interface CheckedName {
  /** A safe relative '/'-separated path, or '' when nothing usable is left (e.g. the name was '../'). */
  readonly path: string;
  readonly problems: readonly NameProblem[];
  /** The raw name ends with a separator: a directory entry, not a file. */
  readonly isDirectory: boolean;
}

// C0 controls and DEL, plus the C1 range that some terminals still act on (CSI is U+009B).
const CONTROL = /[\u0001-\u001f\u007f-\u009f]/;
const CONTROL_GLOBAL = /[\u0000-\u001f\u007f-\u009f]/g;
const DRIVE = /^[A-Za-z]:/;

/**
 * Checks one member name the way an extractor on any OS would see it, and derives a safe path for
 * analysis. Extractors differ (Windows honours backslashes and drive letters, tar strips a leading '/'),
 * so every reading that could place a file outside the target directory is reported.
 */
export function checkMemberName(raw: string): CheckedName {
  const problems: NameProblem[] = [];
  if (raw.includes('\u0000')) {
    problems.push({
      kind: 'nul-in-name',
      detail: 'the name holds a NUL byte, which truncates it in C-based tools',
    });
  }
  if (CONTROL.test(raw)) {
    problems.push({
      kind: 'control-character-in-name',
      detail: 'the name holds a control character, which can rewrite what a terminal shows',
    });
  }
  if (raw.includes('\\')) {
    problems.push({
      kind: 'backslash-in-name',
      detail: 'the name holds a backslash, a path separator on Windows',
    });
  }
  if (DRIVE.test(raw)) {
    problems.push({ kind: 'drive-letter', detail: 'the name starts with a Windows drive letter' });
  }
  if (raw.startsWith('/') || raw.startsWith('\\')) {
    problems.push({ kind: 'absolute-path', detail: 'the name is an absolute path' });
  }
  const segments = raw.replace(DRIVE, '').split(/[/\\]/);
  if (segments.includes('..')) {
    problems.push({
      kind: 'path-traversal',
      detail: "the name has a '..' segment that climbs out of the extraction directory",
    });
  }
  // Replacing NUL and control characters keeps the content analyzable while no later stage
  // (a database, a file-extension check, a terminal) ever sees the raw byte in a path.
  const kept = segments.filter((s) => s !== '' && s !== '.' && s !== '..');
  const path = kept.join('/').replace(CONTROL_GLOBAL, '\uFFFD');
  const isDirectory = raw.endsWith('/') || raw.endsWith('\\');
  return { path, problems, isDirectory };
}

/** Code-unit order on paths: stable across locales, so output and hashes never depend on the machine. */
export function byPath(a: { readonly path: string }, b: { readonly path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
