import { z } from 'zod';
import { AssayError } from '../core/errors.ts';
import type { Ecosystem } from '../metadata/types.ts';
import type { Cache } from '../sources/cache.ts';
import { packageFacts, type Sources } from '../sources/fetch.ts';
import { HttpClient, type HttpOptions } from '../sources/http.ts';
import { parseRegistryJson } from '../sources/json.ts';
import type { PackageFacts } from '../sources/types.ts';
import type { RegistryFacts, RegistryFactsSource } from './types.ts';

/** The public npm downloads API; a point query returns `{ downloads, start, end, package }`. */
export const NPM_DOWNLOADS_API = 'https://api.npmjs.org/downloads/point/last-week';

/**
 * Reduced facts are kept per name for this long. A full packument of a popular package runs to megabytes;
 * re-parsing a thousand of them on every warm scan would cost seconds, the reduced facts cost milliseconds.
 */
export const FACTS_TTL_MS = 6 * 60 * 60 * 1000;
/** Download counts move slowly; a day-old weekly figure is as good as a fresh one for a threshold check. */
export const DOWNLOADS_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * After the downloads API failed to answer (network error, timeout, server error), scans within this
 * window do not ask it again: on a machine that cannot reach it, every run would otherwise wait on one
 * failing request. Short, so a network that comes back is used again within the hour.
 */
export const DOWNLOADS_UNREACHABLE_TTL_MS = 60 * 60 * 1000;

// v2: the facts carry the versions published with provenance.
/** Attestations and provenance documents are kilobytes; anything near this is not one. */
const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

const FACTS_KEY_VERSION = 'v2';

const CachedFacts = z.object({
  status: z.enum(['exists', 'not-found', 'removed']),
  removedReason: z.enum(['security-placeholder', 'unpublished', 'no-releases']).optional(),
  firstPublishedAt: z.string().optional(),
  latestPublishedAt: z.string().optional(),
  latestVersion: z.string().optional(),
  versionCount: z.number(),
  versionTimes: z.record(z.string(), z.string()),
  repository: z.string().optional(),
  attestedVersions: z.array(z.string()).optional(),
  registry: z.string(),
  fetchedAt: z.string(),
});

const Downloads = z.looseObject({ downloads: z.number().int().nonnegative() });

export function reduceFacts(facts: PackageFacts, registry: string, fetchedAt: Date): RegistryFacts {
  const versionTimes: Record<string, string> = {};
  for (const v of facts.versions) if (v.publishedAt !== undefined) versionTimes[v.version] = v.publishedAt;
  return {
    status: facts.status,
    ...(facts.removedReason === undefined ? {} : { removedReason: facts.removedReason }),
    ...(facts.firstPublishedAt === undefined ? {} : { firstPublishedAt: facts.firstPublishedAt }),
    ...(facts.latestPublishedAt === undefined ? {} : { latestPublishedAt: facts.latestPublishedAt }),
    ...(facts.latestVersion === undefined ? {} : { latestVersion: facts.latestVersion }),
    versionCount: facts.versionCount,
    versionTimes,
    ...(facts.repository === undefined ? {} : { repository: facts.repository }),
    ...(facts.attestedVersions === undefined ? {} : { attestedVersions: facts.attestedVersions }),
    registry,
    fetchedAt: fetchedAt.toISOString(),
  };
}

async function cached<T>(
  cache: Cache | undefined,
  key: string,
  ttlMs: number,
  now: () => number,
  parse: (body: Buffer) => T | undefined,
): Promise<T | undefined> {
  if (cache === undefined) return undefined;
  try {
    const entry = await cache.getMeta(key);
    if (entry === undefined || now() - entry.storedAt >= ttlMs) return undefined;
    return parse(entry.body);
  } catch {
    // A damaged cache entry is refetched, never trusted.
    return undefined;
  }
}

export interface RegistrySourceOptions {
  /** npm downloads API base; null to never ask it. */
  readonly downloadsApi?: string | null;
  /** For the downloads API only: one quick attempt, since it is optional. */
  readonly http?: Partial<HttpOptions>;
  /** For linked documents (attestations, provenance); defaults to the registry client's usual patience. */
  readonly documentHttp?: Partial<HttpOptions>;
  readonly now?: () => number;
}

/**
 * Registry facts through the shared sources (cache, offline mode, configured registries), with the
 * reduced facts cached per name. Not-found answers are not cached: a name can be registered at any time.
 */
export function registryFactsSource(
  sources: Sources,
  options: RegistrySourceOptions = {},
): RegistryFactsSource {
  const now = options.now ?? Date.now;
  const cache = sources.cache;
  const label = (ecosystem: Ecosystem): string =>
    ecosystem === 'npm' ? sources.config.npmRegistry : sources.config.pypiIndexUrl;
  const downloadsApi =
    options.downloadsApi === undefined ? NPM_DOWNLOADS_API : (options.downloadsApi ?? undefined);
  const http = new HttpClient({ retries: 0, timeoutMs: 3000, ...options.http });
  const documentHttp = new HttpClient(options.documentHttp);
  // After one failure the API is taken as unreachable for the rest of the run: a thousand timeouts help nobody.
  let downloadsReachable = !sources.config.offline && downloadsApi !== undefined;
  // ... and for the next runs too, through a dated negative entry in the cache.
  const unreachableKey = `hunting-downloads-unreachable v1 ${downloadsApi ?? ''}`;
  let unreachableChecked: Promise<boolean> | undefined;
  const knownUnreachable = (): Promise<boolean> => {
    unreachableChecked ??= cached(cache, unreachableKey, DOWNLOADS_UNREACHABLE_TTL_MS, now, () => true).then(
      (hit) => hit === true,
    );
    return unreachableChecked;
  };

  return {
    label,
    async facts(ecosystem, name) {
      const registry = label(ecosystem);
      const key = `hunting-facts ${FACTS_KEY_VERSION} ${registry} ${ecosystem} ${name}`;
      const hit = await cached(cache, key, FACTS_TTL_MS, now, (body) => {
        const parsed = CachedFacts.safeParse(JSON.parse(body.toString('utf8')));
        return parsed.success ? (parsed.data as RegistryFacts) : undefined;
      });
      if (hit !== undefined) return hit;
      if (sources.config.offline)
        throw new AssayError('E_OFFLINE', `Offline: no registry facts for ${name}.`);
      const facts = reduceFacts(await packageFacts(ecosystem, name, sources), registry, new Date(now()));
      if (facts.status !== 'not-found' && cache !== undefined) {
        await cache
          .putMeta(key, { url: `${registry}#${name}`, body: Buffer.from(JSON.stringify(facts)) })
          .catch(() => undefined);
      }
      return facts;
    },
    async document(url) {
      if (sources.config.offline) throw new AssayError('E_OFFLINE', `Offline: ${url} was not fetched.`);
      // Attestation bundles are a few kilobytes each; a cap keeps a hostile registry from feeding megabytes.
      const response = await documentHttp.get({
        url,
        what: 'a linked registry document',
        maxBytes: MAX_DOCUMENT_BYTES,
      });
      return parseRegistryJson(response.body, z.unknown(), url);
    },
    async weeklyDownloads(name) {
      if (downloadsApi === undefined) return undefined;
      const url = `${downloadsApi.replace(/\/+$/, '')}/${name.split('/').map(encodeURIComponent).join('/')}`;
      const key = `hunting-downloads v1 ${url}`;
      const hit = await cached(cache, key, DOWNLOADS_TTL_MS, now, (body) => {
        const n = Number(body.toString('utf8'));
        return Number.isInteger(n) && n >= 0 ? n : undefined;
      });
      if (hit !== undefined) return hit;
      if (!downloadsReachable) return undefined;
      if (await knownUnreachable()) {
        downloadsReachable = false;
        return undefined;
      }
      try {
        const response = await http.get({ url, what: `weekly downloads of ${name}`, maxBytes: 64 * 1024 });
        const weekly = parseRegistryJson(response.body, Downloads, `weekly downloads of ${name}`).downloads;
        await cache?.putMeta(key, { url, body: Buffer.from(String(weekly)) }).catch(() => undefined);
        return weekly;
      } catch (error) {
        // A package the API does not know (404) is not proof of anything; a network failure ends asking.
        if (!(error instanceof AssayError && error.code === 'E_NOT_FOUND') && downloadsReachable) {
          downloadsReachable = false;
          await cache
            ?.putMeta(unreachableKey, { url: downloadsApi, body: Buffer.from(String(now())) })
            .catch(() => undefined);
        }
        return undefined;
      }
    },
  };
}
