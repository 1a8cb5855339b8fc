/**
 * The few error codes assay can fail with. Each is stable: scripts and CI key on them, and the
 * CLI maps every code to a documented exit code (see src/cli/exit-codes.ts).
 */
export type ErrorCode =
  | 'E_USAGE'
  | 'E_NOT_FOUND'
  | 'E_IO'
  | 'E_ARCHIVE_CORRUPT'
  | 'E_ARCHIVE_UNSUPPORTED'
  | 'E_METADATA'
  | 'E_NETWORK'
  | 'E_RATE_LIMITED'
  | 'E_HASH_MISMATCH'
  | 'E_OFFLINE'
  | 'E_CONFIG'
  | 'E_DATABASE'
  | 'E_OUTPUT'
  /** The input exists but holds nothing assay can scan (an empty directory, a file it does not read alone). */
  | 'E_UNSUPPORTED'
  | 'E_INTERNAL';

export class AssayError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AssayError';
    this.code = code;
  }
}

export function isAssayError(value: unknown): value is AssayError {
  return value instanceof AssayError;
}

/** One line that says what went wrong, never a stack trace. */
export function describeError(error: unknown): { code: ErrorCode; message: string } {
  if (isAssayError(error)) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: 'E_INTERNAL', message: error.message };
  return { code: 'E_INTERNAL', message: String(error) };
}
