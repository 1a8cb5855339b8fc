import type { ErrorCode } from '../core/errors.ts';

/**
 * The one shape of an error on standard error, for every command and for command-line mistakes alike, so that
 * scripts can key on it: `assay: error E_USAGE: unknown option '--x'`.
 */
export function formatError(code: ErrorCode, message: string): string {
  return `assay: error ${code}: ${message.replace(/\s+$/, '')}\n`;
}

/** Commander's own messages (`error: unknown option '--x'`) in that shape. */
export function formatCommanderError(text: string): string {
  const message = text.replace(/^error:\s*/i, '').trim();
  return message === '' ? '' : formatError('E_USAGE', message);
}
