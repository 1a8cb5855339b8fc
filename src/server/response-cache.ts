/**
 * Rendered GET responses kept in memory, keyed by URL and valid while the index revision and the report
 * archive's generation are the same: a page is a pure function of those three, so a repeat view costs a
 * map look-up instead of queries and rendering. Bounded in entries and bytes; scans are never cached.
 */
import type { MiddlewareHandler } from 'hono';

interface Entry {
  readonly revision: string;
  readonly status: number;
  readonly body: string;
  readonly headers: readonly [string, string][];
}

const KEPT_HEADERS = ['content-type', 'cache-control', 'etag', 'location'];

export interface ResponseCacheOptions {
  readonly revision: () => Promise<string>;
  readonly maxEntries?: number;
  readonly maxBytes?: number;
  /** Paths never cached (scan pages and the scan API change on their own). */
  readonly skip: (path: string) => boolean;
}

export function responseCache(options: ResponseCacheOptions): MiddlewareHandler {
  const maxEntries = options.maxEntries ?? 5000;
  const maxBytes = options.maxBytes ?? 64 * 1024 ** 2;
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const forget = (key: string) => {
    const entry = entries.get(key);
    if (entry === undefined) return;
    bytes -= entry.body.length;
    entries.delete(key);
  };
  return async (c, next) => {
    if (c.req.method !== 'GET' || options.skip(c.req.path)) return next();
    const key = c.req.url;
    const revision = await options.revision();
    const hit = entries.get(key);
    if (hit !== undefined && hit.revision === revision) {
      // Most recently used last: the eviction below takes the oldest first.
      entries.delete(key);
      entries.set(key, hit);
      c.res = new Response(hit.body, { status: hit.status, headers: hit.headers as [string, string][] });
      return;
    }
    forget(key);
    await next();
    if (c.res.status !== 200) return;
    const body = await c.res.clone().text();
    const headers = KEPT_HEADERS.flatMap((name) => {
      const value = c.res.headers.get(name);
      return value === null ? [] : [[name, value] as [string, string]];
    });
    entries.set(key, { revision, status: 200, body, headers });
    bytes += body.length;
    while (entries.size > maxEntries || bytes > maxBytes) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      forget(oldest);
    }
  };
}
