/**
 * Test support: registry facts written by us in the registry's documented terms, so the hunting
 * policies can be proven offline and deterministically (fixture cases, unit tests).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AssayError } from '../core/errors.ts';
import type { RegistryFacts, RegistryFactsSource } from './types.ts';

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
  weeklyDownloads: z.number().optional(),
});

const RecordedRegistry = z.object({
  /** The clock the recency checks use, so a case does not age. */
  now: z.string(),
  /** The registry the answers stand for (named in evidence); the public npm registry by default. */
  registry: z.string().optional(),
  /** Keyed `npm:name` or `pypi:name`. */
  packages: z.record(z.string(), RecordedPackage),
});
export type RecordedRegistry = z.infer<typeof RecordedRegistry>;

export const RECORDED_REGISTRY_DEFAULT = 'https://registry.npmjs.org';

/** A registry source answering from recorded facts; names it does not list fail like an unreachable registry. */
export function recordedRegistry(data: RecordedRegistry): RegistryFactsSource {
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
        registry,
        fetchedAt: data.now,
      };
      return Promise.resolve(facts);
    },
    weeklyDownloads(name) {
      return Promise.resolve(find(`npm:${name}`)?.weeklyDownloads);
    },
  };
}

/** The fixture harness's per-case options file (test/catalog/fixtures.test.ts); its `registry` key is ours. */
export const FIXTURE_OPTIONS_FILE = '.assay-fixture.json';

const FixtureOptions = z.looseObject({ registry: RecordedRegistry.optional() });

/**
 * Scan options for a fixture case folder: when its `.assay-fixture.json` has a `registry` entry, the scan
 * answers registry questions from it (and uses its clock); otherwise the scan has no registry facts.
 */
export function fixtureScanOptions(dir: string): { registry?: RegistryFactsSource; now?: Date } {
  const file = join(dir, FIXTURE_OPTIONS_FILE);
  if (!existsSync(file)) return {};
  const data = FixtureOptions.parse(JSON.parse(readFileSync(file, 'utf8'))).registry;
  if (data === undefined) return {};
  return { registry: recordedRegistry(data), now: new Date(data.now) };
}
