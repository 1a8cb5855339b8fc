import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { describeError } from '../core/errors.ts';
import { errorPage } from './views/scan.ts';

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}

/** An error a visitor caused: shown to them with its code, never with a stack. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function isApi(c: Context): boolean {
  return c.req.path.startsWith('/api/');
}

export function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
): Response {
  if (isApi(c)) return c.json({ error: { code, message } } satisfies ErrorBody, status);
  return c.html(errorPage(status, message).toString(), status);
}

const USER_ERRORS = new Set(['E_USAGE', 'E_NOT_FOUND']);

/** Every thrown error ends here: 4xx for what the request got wrong, a bare 500 for our own faults. */
export function handleError(error: unknown, c: Context, log: (line: string) => void): Response {
  if (error instanceof HttpError) return errorResponse(c, error.status, error.code, error.message);
  const { code, message } = describeError(error);
  if (USER_ERRORS.has(code)) return errorResponse(c, code === 'E_NOT_FOUND' ? 404 : 400, code, message);
  log(
    `assay serve: ${c.req.method} ${c.req.path}: ${code}: ${error instanceof Error ? (error.stack ?? message) : message}`,
  );
  return errorResponse(c, 500, 'E_INTERNAL', 'internal error');
}
