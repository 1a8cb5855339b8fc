import { AssayError } from '../core/errors.ts';

/** An upstream answer other than 200: 404 passes through to the client, anything else is a 502. */
export class UpstreamError extends AssayError {
  constructor(
    readonly status: number,
    url: string,
  ) {
    super(status === 404 ? 'E_NOT_FOUND' : 'E_NETWORK', `upstream answered ${status} for ${url}`);
  }
}

/** Bodies larger than this are refused: a packument or a package of this size is an attack on the proxy. */
export const MAX_UPSTREAM_BYTES = 512 * 1024 * 1024;
const TIMEOUT_MS = 120_000;

export interface UpstreamResponse {
  readonly url: string;
  readonly contentType: string;
  readonly body: Buffer;
}

export async function fetchUpstream(url: string, accept: string): Promise<UpstreamResponse> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept, 'user-agent': 'assay-proxy' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new AssayError('E_NETWORK', `cannot reach ${url}: ${(error as Error).message}`, { cause: error });
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new UpstreamError(response.status, url);
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_UPSTREAM_BYTES) {
    await response.body?.cancel();
    throw new AssayError('E_NETWORK', `${url} is ${declared} bytes, over the proxy's limit`);
  }
  const body = Buffer.from(await response.arrayBuffer());
  if (body.length > MAX_UPSTREAM_BYTES) throw new AssayError('E_NETWORK', `${url} is over the proxy's limit`);
  return { url: response.url || url, contentType: response.headers.get('content-type') ?? '', body };
}
