/** The size bound of the facts cache, shared by the SQLite and PostgreSQL tables. */

/** Default payload bytes kept: about a hundred thousand source files' facts. */
export const DEFAULT_FACTS_CACHE_BYTES = 1024 * 1024 * 1024;

/** A row read within this many minutes of its last recorded use is not written again. */
export const FACTS_TOUCH_MINUTES = 24 * 60;

export function nowMinutes(): number {
  return Math.floor(Date.now() / 60_000);
}

/** ASSAY_FACTS_CACHE_MB when it is a positive number, otherwise the default. */
export function factsCacheBytes(env: Readonly<Record<string, string | undefined>>): number {
  const mb = Number(env['ASSAY_FACTS_CACHE_MB']);
  return Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : DEFAULT_FACTS_CACHE_BYTES;
}

/**
 * Given rows most recently used first, how many to keep so that they fill at most nine tenths of the
 * budget (evicting down to 90 % rather than 100 % spares an eviction on every following write).
 */
export function evictionCutoff(rows: readonly { readonly size: number }[], maxBytes: number): number {
  const target = maxBytes * 0.9;
  let kept = 0;
  for (const [index, row] of rows.entries()) {
    kept += row.size;
    if (kept > target) return index;
  }
  return rows.length;
}
