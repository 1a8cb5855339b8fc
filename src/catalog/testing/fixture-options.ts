/**
 * The fixture harness's per-case options file, `.assay-fixture.json`, read against one schema. It holds what a
 * case folder cannot express by its files; the file itself is not part of the scanned package. Unknown keys are
 * refused, so a misspelt key fails the case instead of silently scanning without it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RecordedRegistry, recordedRegistry } from '../../enrich/testing.ts';
import type { RegistryFactsSource } from '../../enrich/types.ts';
import { osvRecordsSource } from '../../vulns/testing.ts';
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
  /** OSV records written by us, matched by the real importer and matcher in memory. */
  osv: z.array(z.unknown()).optional(),
});

export interface FixtureScanOptions {
  readonly registryManifest?: Record<string, unknown>;
  readonly artifactDigests?: { readonly sha512: string; readonly sha1: string };
  readonly registry?: RegistryFactsSource;
  readonly now?: Date;
  readonly vulnerabilities?: VulnerabilitySource;
}

/** The scan options a case folder asks for; none when it has no options file. */
export function readFixtureOptions(dir: string): FixtureScanOptions {
  const file = join(dir, FIXTURE_OPTIONS_FILE);
  if (!existsSync(file)) return {};
  const parsed = FixtureOptions.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  const { registryManifest, artifactDigests, registry, osv } = parsed.data;
  return {
    ...(registryManifest === undefined ? {} : { registryManifest }),
    ...(artifactDigests === undefined ? {} : { artifactDigests }),
    ...(registry === undefined ? {} : { registry: recordedRegistry(registry), now: new Date(registry.now) }),
    ...(osv === undefined ? {} : { vulnerabilities: osvRecordsSource(osv) }),
  };
}
