import type { MiddlewareHandler } from 'hono';

/**
 * No script at all: pages work without JavaScript, so the policy can forbid every script source, inline
 * or not. Styles come from our own stylesheet only; forms post back to us only; no one may frame us.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'no-referrer');
    h.set('X-Frame-Options', 'DENY');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Cross-Origin-Resource-Policy', 'same-origin');
    if (!h.has('Cache-Control')) h.set('Cache-Control', 'no-store');
  };
}

/** Index pages change when the index does: a minute of caching, then a revalidation that is usually a 304. */
export const CACHE_PAGE = 'public, max-age=60, must-revalidate';
export const CACHE_STATIC = 'public, max-age=86400';
