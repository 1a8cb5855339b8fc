/**
 * The fixture harness's per-case options file, `.assay-fixture.json`, read against one schema. It holds what a
 * case folder cannot express by its files; the file itself is not part of the scanned package. Unknown keys are
 * refused, so a misspelt key fails the case instead of silently scanning without it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { PrevalenceLookup } from '../../community/index/lookup.ts';
import { RecordedRegistry, recordedRegistry } from '../../enrich/testing/recorded-registry.ts';
import type { RegistryFactsSource } from '../../enrich/types.ts';
import type { Ecosystem } from '../../metadata/types.ts';
import { osvRecordsSource } from '../../vulns/testing/osv-records.ts';
import type { VulnerabilitySource } from '../../vulns/types.ts';

export const FIXTURE_OPTIONS_FILE = '.assay-fixture.json';

const FixtureOptions = z.strictObject({
  /** npm cases: the registry's manifest of the version, compared with the tarball's package.json. */
  registryManifest: z.record(z.string(), z.unknown()).optional(),
  /** npm cases: the digests of the tarball the case stands for, compared with the registry's `dist`. */
  artifactDigests: z
    .strictObject({ sha512: z.string().regex(/^[0-9a-f]{128}$/), sha1: z.string().regex(/^[0-9a-f]{40}$/) })
    .optional(),
  /** Recorded registry answers for the component checks (and the clock they use), never the network. */
  registry: RecordedRegistry.optional(),
  /**
   * Documents the recorded registry links (npm attestations, PEP 740 provenance): URL → a recorded response,
   * as a path relative to the case folder (real bundles live once, in src/provenance/fixtures/).
   */
  documents: z.record(z.string(), z.string()).optional(),
  /** PyPI cases: the index's PEP 740 provenance link of the file the case stands for. */
  indexFile: z.strictObject({ provenance: z.string() }).optional(),
  /** OSV records written by us, matched by the real importer and matcher in memory. */
  osv: z.array(z.unknown()).optional(),
  /** A community index of this size whose dependency edges give these dependents counts (others: none). */
  community: z
    .strictObject({
      ecosystem: z.enum(['npm', 'pypi']),
      indexed: z.number().int().positive(),
      dependents: z.record(z.string(), z.number().int().nonnegative()),
    })
    .optional(),
});

/** A prevalence look-up with no counts, only the dependents a case gives. */
function communityLookup(community: {
  ecosystem: Ecosystem;
  indexed: number;
  dependents: Record<string, number>;
}): PrevalenceLookup {
  const { indexed } = community;
  return {
    index: {
      name: 'fixture community index',
      ecosystem: community.ecosystem,
      packages: {
        top100: Math.min(100, indexed),
        top1k: Math.min(1000, indexed),
        top10k: Math.min(10_000, indexed),
        community: indexed,
      },
      built: '2026-12-07',
      analyzerVersion: 'fixture',
    },
    prevalenceOf: () => null,
    dependentsOf: (name) => ({
      count: Object.hasOwn(community.dependents, name) ? (community.dependents[name] ?? 0) : 0,
    }),
  };
}

export interface FixtureScanOptions {
  readonly registryManifest?: Record<string, unknown>;
  readonly artifactDigests?: { readonly sha512: string; readonly sha1: string };
  readonly registry?: RegistryFactsSource;
  readonly now?: Date;
  readonly vulnerabilities?: VulnerabilitySource;
  readonly indexFile?: { readonly provenance?: string };
  readonly prevalence?: PrevalenceLookup;
}

/** The scan options a case folder asks for; none when it has no options file. */
export function readFixtureOptions(dir: string): FixtureScanOptions {
  const file = join(dir, FIXTURE_OPTIONS_FILE);
  if (!existsSync(file)) return {};
  const parsed = FixtureOptions.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  const { registryManifest, artifactDigests, registry, osv, documents, indexFile, community } = parsed.data;
  const recorded: Record<string, unknown> = {};
  for (const [url, path] of Object.entries(documents ?? {}))
    recorded[url] = JSON.parse(readFileSync(join(dir, path), 'utf8'));
  return {
    ...(registryManifest === undefined ? {} : { registryManifest }),
    ...(artifactDigests === undefined ? {} : { artifactDigests }),
    ...(registry === undefined
      ? {}
      : { registry: recordedRegistry(registry, recorded), now: new Date(registry.now) }),
    ...(indexFile === undefined ? {} : { indexFile }),
    ...(osv === undefined ? {} : { vulnerabilities: osvRecordsSource(osv) }),
    ...(community === undefined ? {} : { prevalence: communityLookup(community) }),
  };
}
