import type { UrlFact } from '../analysis/types.ts';
import type { ReportEndpoint } from './model.ts';

/** Enough for any honest package; a file of a million URLs is itself reported by the behaviors that read them. */
export const MAX_ENDPOINTS = 2000;

/** The distinct URLs of a scan with the first place each appears, for deny lists, diffs and readers of the JSON. */
export function reportEndpoints(urls: readonly UrlFact[]): {
  endpoints: ReportEndpoint[];
  truncated: boolean;
} {
  const seen = new Set<string>();
  const endpoints: ReportEndpoint[] = [];
  for (const fact of urls) {
    if (seen.has(fact.url)) continue;
    if (endpoints.length >= MAX_ENDPOINTS) return { endpoints, truncated: true };
    seen.add(fact.url);
    endpoints.push({
      url: fact.url,
      host: fact.host,
      file: fact.file,
      line: fact.line,
      encoding: fact.encoding,
    });
  }
  return { endpoints, truncated: false };
}
