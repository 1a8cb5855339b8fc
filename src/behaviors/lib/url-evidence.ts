/** Turns URL facts into behavior occurrences: one shape of evidence for every `url-*` behavior. */

import type { UrlFact } from '../../analysis/types.ts';
import type { Occurrence } from '../../catalog/types.ts';

/** Occurrences kept per behavior, so a package with thousands of links does not bloat the report. */
export const MAX_URL_OCCURRENCES = 50;

const SNIPPET_MAX = 200;

/**
 * One occurrence per URL fact for which `judge` returns a detail. The snippet is the URL itself
 * (the matched text), and the location is the fact's: line 1 and column = byte offset + 1 in binaries.
 */
export function urlOccurrences(
  urls: readonly UrlFact[],
  judge: (url: UrlFact) => string | null,
  max = MAX_URL_OCCURRENCES,
): Occurrence[] {
  const out: Occurrence[] = [];
  for (const url of urls) {
    if (out.length >= max) break;
    const detail = judge(url);
    if (detail === null) continue;
    out.push({
      file: url.file,
      line: url.line,
      column: url.column,
      snippet: url.url.length > SNIPPET_MAX ? `${url.url.slice(0, SNIPPET_MAX)}…` : url.url,
      detail,
    });
  }
  return out;
}
