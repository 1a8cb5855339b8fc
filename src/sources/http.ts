import { AssayError } from '../core/errors.ts';

export interface HttpOptions {
  /** Per attempt, covering headers and body. */
  readonly timeoutMs: number;
  /** Further attempts after the first, on network errors, 5xx and 429. */
  readonly retries: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** A Retry-After longer than this is not waited for: the request fails as rate-limited at once. */
  readonly maxRetryAfterMs: number;
  readonly maxRedirects: number;
  readonly userAgent: string;
  readonly fetch: typeof fetch;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
}

export const DEFAULT_HTTP_OPTIONS: HttpOptions = {
  timeoutMs: 30_000,
  retries: 3,
  backoffBaseMs: 500,
  backoffMaxMs: 8_000,
  maxRetryAfterMs: 60_000,
  maxRedirects: 5,
  userAgent: 'assay/0.1 (+supply-chain scanner)',
  fetch: (input, init) => globalThis.fetch(input, init),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

export interface HttpRequest {
  readonly url: string;
  /** What is being fetched, for messages: "the npm packument of express". */
  readonly what: string;
  readonly maxBytes: number;
  readonly accept?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Statuses returned to the caller instead of raising (304 for revalidation). */
  readonly passStatuses?: readonly number[];
}

export interface HttpResponse {
  readonly status: number;
  /** The URL after redirects, credentials removed. */
  readonly url: string;
  readonly headers: Headers;
  readonly body: Buffer;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A URL fit for messages and caches: userinfo (index credentials) removed. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return '<invalid URL>';
  }
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause;
    if (cause instanceof Error) {
      const code = (cause as { code?: unknown }).code;
      return typeof code === 'string' ? `${code} (${cause.message})` : cause.message;
    }
    return error.message;
  }
  return String(error);
}

class RetryableStatus extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`HTTP ${status}`);
  }
}

export class HttpClient {
  readonly options: HttpOptions;

  constructor(options: Partial<HttpOptions> = {}) {
    this.options = { ...DEFAULT_HTTP_OPTIONS, ...options };
  }

  /** GET with bounded retries, redirects and body size; maps failures to E_NOT_FOUND / E_RATE_LIMITED / E_NETWORK. */
  async get(request: HttpRequest): Promise<HttpResponse> {
    const { retries } = this.options;
    let last: unknown;
    for (let attempt = 0; attempt <= retries; attempt++) {
      try {
        return await this.followRedirects(request);
      } catch (error) {
        if (error instanceof AssayError) throw error;
        last = error;
        const retryAfter = error instanceof RetryableStatus ? error.retryAfterMs : undefined;
        if (retryAfter !== undefined && retryAfter > this.options.maxRetryAfterMs) break;
        if (attempt === retries) break;
        const backoff = Math.min(this.options.backoffMaxMs, this.options.backoffBaseMs * 2 ** attempt);
        // Half fixed, half random: spreads out clients that failed together without ever waiting zero.
        const jittered = backoff / 2 + (this.options.random() * backoff) / 2;
        await this.options.sleep(retryAfter !== undefined ? retryAfter : jittered);
      }
    }
    const where = redactUrl(request.url);
    if (last instanceof RetryableStatus) {
      if (last.status === 429) {
        throw new AssayError(
          'E_RATE_LIMITED',
          `Rate-limited by the registry while fetching ${request.what} (${where}); try again later.`,
        );
      }
      throw new AssayError(
        'E_NETWORK',
        `Registry error HTTP ${last.status} while fetching ${request.what} (${where}) after ${retries + 1} attempts.`,
      );
    }
    throw new AssayError(
      'E_NETWORK',
      `Network error fetching ${request.what} (${where}): ${describeCause(last)}.`,
      { cause: last },
    );
  }

  private async followRedirects(request: HttpRequest): Promise<HttpResponse> {
    let url = new URL(request.url);
    // fetch refuses URLs with credentials, and private indexes put them there: move them to a header,
    // sent to that origin only, never after a redirect elsewhere.
    let authorization: string | undefined;
    if (url.username !== '' || url.password !== '') {
      const user = decodeURIComponent(url.username);
      const pass = decodeURIComponent(url.password);
      authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
      url.username = '';
      url.password = '';
    }
    const authOrigin = url.origin;
    for (let hop = 0; ; hop++) {
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new AssayError(
          'E_NETWORK',
          `Refusing to fetch ${request.what} over ${url.protocol} (${redactUrl(url.href)}).`,
        );
      }
      const headers: Record<string, string> = {
        'user-agent': this.options.userAgent,
        ...(request.accept !== undefined ? { accept: request.accept } : {}),
        ...request.headers,
      };
      if (authorization !== undefined && url.origin === authOrigin) headers['authorization'] = authorization;
      const response = await this.once(url, headers, request);
      if (!REDIRECTS.has(response.status)) return response;
      const location = response.headers.get('location');
      if (location === null) {
        throw new AssayError('E_NETWORK', `Redirect without a Location header for ${request.what}.`);
      }
      if (hop >= this.options.maxRedirects) {
        throw new AssayError(
          'E_NETWORK',
          `Too many redirects fetching ${request.what} (${redactUrl(request.url)}).`,
        );
      }
      const next = new URL(location, url);
      // A downgrade would let anyone on the path rewrite metadata (and so the hashes it carries).
      if (url.protocol === 'https:' && next.protocol === 'http:') {
        throw new AssayError(
          'E_NETWORK',
          `Refusing a redirect from https to http for ${request.what} (${redactUrl(next.href)}).`,
        );
      }
      url = next;
    }
  }

  private async once(url: URL, headers: Record<string, string>, request: HttpRequest): Promise<HttpResponse> {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error(`timed out after ${this.options.timeoutMs} ms`)),
      this.options.timeoutMs,
    );
    try {
      const response = await this.options.fetch(url, {
        headers,
        redirect: 'manual',
        signal: controller.signal,
      });
      const status = response.status;
      const finalUrl = redactUrl(url.href);
      if (REDIRECTS.has(status) || request.passStatuses?.includes(status)) {
        await response.body?.cancel().catch(() => undefined);
        return { status, url: finalUrl, headers: response.headers, body: Buffer.alloc(0) };
      }
      if (status === 429 || status >= 500) {
        await response.body?.cancel().catch(() => undefined);
        throw new RetryableStatus(status, parseRetryAfter(response.headers.get('retry-after'), Date.now()));
      }
      if (status === 404 || status === 410) {
        await response.body?.cancel().catch(() => undefined);
        throw new AssayError('E_NOT_FOUND', `Not found: ${request.what} (${finalUrl} answered ${status}).`);
      }
      if (status < 200 || status >= 300) {
        await response.body?.cancel().catch(() => undefined);
        const hint = status === 401 || status === 403 ? ' (credentials missing or refused)' : '';
        throw new AssayError('E_NETWORK', `HTTP ${status} fetching ${request.what} (${finalUrl})${hint}.`);
      }
      const declared = Number(response.headers.get('content-length') ?? Number.NaN);
      if (Number.isFinite(declared) && declared > request.maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        throw new AssayError(
          'E_NETWORK',
          `${request.what} is ${declared} bytes, over the ${request.maxBytes}-byte limit.`,
        );
      }
      const chunks: Buffer[] = [];
      let total = 0;
      if (response.body !== null) {
        for await (const chunk of response.body) {
          total += chunk.byteLength;
          if (total > request.maxBytes) {
            controller.abort(new Error('size limit'));
            throw new AssayError(
              'E_NETWORK',
              `${request.what} exceeds the ${request.maxBytes}-byte limit (${finalUrl}).`,
            );
          }
          chunks.push(Buffer.from(chunk));
        }
      }
      return { status, url: finalUrl, headers: response.headers, body: Buffer.concat(chunks, total) };
    } finally {
      clearTimeout(timer);
    }
  }
}
