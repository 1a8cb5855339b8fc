import { z } from 'zod';
import { describeError } from '../core/errors.ts';
import { parseIntegrity } from '../sources/hash.ts';
import type { ProvenanceResult } from './types.ts';
import { verifyNpmProvenance } from './verify.ts';

/** The parts of a version manifest (packument `versions[v]`) that provenance reads. */
const Manifest = z.looseObject({
  name: z.string(),
  version: z.string(),
  repository: z.union([z.string(), z.looseObject({ url: z.string().optional() })]).optional(),
  _npmUser: z.looseObject({ name: z.string().optional(), email: z.string().optional() }).optional(),
  dist: z.looseObject({
    integrity: z.string().optional(),
    attestations: z.looseObject({ url: z.string() }).optional(),
  }),
});

/** Fetches JSON from the registry; throws when it cannot (the result is then `not-checked`). */
export type JsonFetcher = (url: string) => Promise<unknown>;

export const fetchJson: JsonFetcher = async (url) => {
  const response = await fetch(url, {
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(30_000),
  });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return response.json();
};

/** npm's `_npmUser` for a version published through trusted publishing (OIDC from a CI workflow). */
export function publishedByTrustedPublishing(
  manifest: Readonly<Record<string, unknown>> | undefined,
): boolean | undefined {
  const parsed = Manifest.safeParse(manifest);
  const email = parsed.success ? parsed.data._npmUser?.email : undefined;
  return email === undefined ? undefined : email === 'npm-oidc-no-reply@github.com';
}

/**
 * The provenance of one npm version from its registry manifest: none when `dist.attestations` is absent,
 * otherwise the attestations fetched from the URL it names and verified against the registry's sha512 of the
 * tarball (which the download was checked against; `tarballSha512`, hex, when the bytes at hand are a local
 * file's) and the declared repository.
 */
export async function npmProvenance(
  manifest: Readonly<Record<string, unknown>> | undefined,
  fetcher: JsonFetcher = fetchJson,
  tarballSha512?: string,
): Promise<ProvenanceResult> {
  const parsed = Manifest.safeParse(manifest);
  if (!parsed.success) return { status: 'not-checked', reason: 'no registry manifest for this version' };
  const { name, version, dist, repository } = parsed.data;
  if (dist.attestations === undefined) return { status: 'none' };
  // The first digest npm lists is the one it checks the tarball against.
  const first = parseIntegrity(dist.integrity ?? '')[0];
  const listed = first?.algorithm === 'sha512' ? first.digest.toString('hex') : undefined;
  const sha512 = tarballSha512 ?? listed;
  if (sha512 === undefined)
    return {
      status: 'failed',
      reason: 'the registry gives no sha512 integrity to check the subject against',
    };
  let attestations: unknown;
  try {
    attestations = await fetcher(dist.attestations.url);
  } catch (error) {
    return { status: 'not-checked', reason: describeError(error).message };
  }
  const declared = typeof repository === 'string' ? repository : repository?.url;
  return verifyNpmProvenance({
    name,
    version,
    tarball: { sha512 },
    attestations,
    ...(declared === undefined ? {} : { declaredRepository: declared }),
  });
}
