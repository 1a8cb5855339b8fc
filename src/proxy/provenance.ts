/**
 * Provenance in the proxy: the attestations an upstream links (npm `dist.attestations`, PEP 740 `provenance`) are
 * fetched from that upstream and verified in the scan like `assay scan --registry-checks` does, and the decision
 * log says what they showed. By default the provenance policies report without blocking: a mirror that strips
 * attestations, or a project that changes its release workflow, must not stop a team's installs. A team that wants
 * them to block names their level in assay.toml (`[policies] provenance-does-not-verify = "fail"`).
 */
import type { AssayConfig, IssueLevel } from '../config/types.ts';
import { AssayError } from '../core/errors.ts';
import type { DocumentFetcher } from '../enrich/provenance.ts';
import { fetchUpstream } from './upstream.ts';

/** The policies judged from provenance: reported at `info` by the proxy unless assay.toml sets a level. */
export const PROVENANCE_POLICIES: readonly string[] = [
  'provenance-does-not-verify',
  'provenance-names-other-repository',
  'provenance-dropped',
];

/** Attestations are kilobytes; anything near this is not one. */
const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

/** The config the proxy judges with: the team's, with the provenance policies reported only where it is silent. */
export function proxyConfig(config: AssayConfig): AssayConfig {
  const levels: Record<string, IssueLevel> = {};
  for (const id of PROVENANCE_POLICIES) levels[id] = 'info';
  return { ...config, levels: { ...levels, ...config.levels } };
}

/**
 * Fetches linked documents from the upstreams only: a packument or project page names the URL, and the proxy
 * must not become a way to make it request any address a registry answer names.
 */
export function upstreamDocuments(upstreams: readonly string[]): DocumentFetcher {
  const origins = new Set(upstreams.map((url) => new URL(url).origin));
  return async (url) => {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      throw new AssayError('E_NETWORK', `not a URL: ${url.slice(0, 200)}`);
    }
    if (!origins.has(origin)) throw new AssayError('E_NETWORK', `${origin} is not an upstream of this proxy`);
    const response = await fetchUpstream(url, 'application/json');
    if (response.body.length > MAX_DOCUMENT_BYTES)
      throw new AssayError('E_NETWORK', `${url} is over ${MAX_DOCUMENT_BYTES} bytes`);
    try {
      return JSON.parse(response.body.toString('utf8')) as unknown;
    } catch (cause) {
      throw new AssayError('E_METADATA', `${url} is not JSON`, { cause });
    }
  };
}
