import type { ErrorCode } from '../core/errors.ts';

/**
 * Exit codes, documented in README.md. "The package has findings" (1, 5) is kept apart from
 * "the tool failed" (2, 3, 4) so that a CI job can tell a risky package from a broken run.
 */
export const EXIT = {
  /** Scan complete; the verdict is below --fail-on. */
  ok: 0,
  /** Scan complete; the verdict is at or above --fail-on. */
  findings: 1,
  /** Bad command line or configuration. */
  usage: 2,
  /** The tool could not scan: missing file, corrupt archive, network, database … */
  failure: 3,
  /** An internal error (a bug in assay). */
  internal: 4,
  /** Scan finished but part of the package was not analyzed (a limit, a work budget): the report is incomplete. */
  incomplete: 5,
} as const;

export function exitCodeForError(code: ErrorCode): number {
  switch (code) {
    case 'E_USAGE':
    case 'E_CONFIG':
      return EXIT.usage;
    case 'E_INTERNAL':
      return EXIT.internal;
    default:
      return EXIT.failure;
  }
}
