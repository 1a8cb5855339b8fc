import { z } from 'zod';
import { AssayError } from '../../core/errors.ts';
import type { RegistryFacts, RegistryFactsSource } from '../types.ts';

const RecordedPackage = z.object({
  status: z.enum(['exists', 'not-found', 'removed']),
  removedReason: z.enum(['security-placeholder', 'unpublished', 'no-releases']).optional(),
  firstPublishedAt: z.string().optional(),
  latestVersion: z.string().optional(),
  /** version → publish time */
  versions: z.record(z.string(), z.string()).optional(),
  /** Every version the registry lists, when more than `versions` holds (the facts keep the newest 1,000). */
  versionCount: z.number().int().nonnegative().optional(),
  repository: z.string().optional(),
  /** npm: the versions published with provenance. */
  attestedVersions: z.array(z.string()).optional(),
  weeklyDownloads: z.number().optional(),
});

export const RecordedRegistry = z.object({
  /** The clock the recency checks use, so a case does not age. */
  now: z.string(),
  /** The registry the answers stand for (named in evidence); the public npm registry by default. */
  registry: z.string().optional(),
  /** Keyed `npm:name` or `pypi:name`. */
  packages: z.record(z.string(), RecordedPackage),
});
export type RecordedRegistry = z.infer<typeof RecordedRegistry>;

export const RECORDED_REGISTRY_DEFAULT = 'https://registry.npmjs.org';

/**
 * A registry source answering from recorded facts; names it does not list fail like an unreachable registry.
 * `documents` are recorded answers for linked documents (attestations, provenance), keyed by URL.
 */
export function recordedRegistry(
  data: RecordedRegistry,
  documents: Readonly<Record<string, unknown>> = {},
): RegistryFactsSource {
  const find = (key: string) => data.packages[key];
  const registry = data.registry ?? RECORDED_REGISTRY_DEFAULT;
  return {
    label: () => registry,
    facts(ecosystem, name) {
      const p = find(`${ecosystem}:${name}`);
      if (p === undefined)
        return Promise.reject(
          new AssayError('E_NETWORK', `${ecosystem}:${name} is not in the recorded registry`),
        );
      const versionTimes = p.versions ?? {};
      const times = Object.values(versionTimes).sort();
      const first = p.firstPublishedAt ?? times[0];
      const latest = times[times.length - 1];
      const facts: RegistryFacts = {
        status: p.status,
        ...(p.removedReason === undefined ? {} : { removedReason: p.removedReason }),
        ...(first === undefined ? {} : { firstPublishedAt: first }),
        ...(latest === undefined ? {} : { latestPublishedAt: latest }),
        ...(p.latestVersion === undefined ? {} : { latestVersion: p.latestVersion }),
        versionCount: p.versionCount ?? Object.keys(versionTimes).length,
        versionTimes,
        ...(p.repository === undefined ? {} : { repository: p.repository }),
        ...(p.attestedVersions === undefined ? {} : { attestedVersions: p.attestedVersions }),
        registry,
        fetchedAt: data.now,
      };
      return Promise.resolve(facts);
    },
    weeklyDownloads(name) {
      return Promise.resolve(find(`npm:${name}`)?.weeklyDownloads);
    },
    document(url) {
      return Object.hasOwn(documents, url)
        ? Promise.resolve(documents[url])
        : Promise.reject(new AssayError('E_NOT_FOUND', `${url} is not in the recorded registry`));
    },
  };
}
