/**
 * The scanned artifact's provenance, for the provenance policies: the attestations its registry links (npm
 * `dist.attestations`, PEP 740 `provenance` on the index's file entry) fetched through the registry source and
 * verified offline against the shipped trusted root, and whether the version published before it had provenance.
 * Asked only with registry checks: without them, or offline, it says why it was not checked.
 */
import { AssayError, isAssayError } from '../core/errors.ts';
import type { DeclaredUrl } from '../metadata/types.ts';
import { npmProvenance } from '../provenance/npm.ts';
import { pypiFileProvenance } from '../provenance/pypi.ts';
import type { ProvenanceResult } from '../provenance/types.ts';
import { forgeRepository, sameRepository } from '../provenance/verify.ts';
import type { ProvenanceFacts, RegistryFacts, RegistryFactsSource, RegistryLookup } from './types.ts';

/** The artifact a scan judges, as far as provenance needs it; only artifacts that came from a registry. */
export type ProvenanceSubject =
  | {
      readonly ecosystem: 'npm';
      readonly name: string;
      readonly version: string;
      /** The registry's manifest of this version (it links the attestations and lists the integrity). */
      readonly registryManifest: Readonly<Record<string, unknown>>;
      /** sha512 (hex) of a local tarball's bytes; a registry download was checked against the manifest's. */
      readonly sha512?: string;
      /** The previous version and whether it was attested, when the caller holds the packument (the proxy). */
      readonly previous?: { readonly version: string; readonly attested: boolean };
    }
  | {
      readonly ecosystem: 'pypi';
      readonly name: string;
      readonly version: string;
      readonly filename: string;
      readonly sha256: string;
      /** The index's PEP 740 link for this file; absent when the index lists none. */
      readonly provenanceUrl?: string;
      /** The URLs the package's metadata declares, to compare the publisher's repository with. */
      readonly urls: readonly DeclaredUrl[];
    };

/** Fetches a linked JSON document (attestations, provenance); throws when it cannot. */
export type DocumentFetcher = (url: string) => Promise<unknown>;

export interface ProvenanceOptions {
  readonly registry?: RegistryFactsSource;
  /**
   * Where linked attestations are fetched when there are no registry checks (the proxy, which fetches the
   * registry itself but does not look every dependency up); the registry source's fetcher otherwise.
   */
  readonly documents?: DocumentFetcher;
  readonly offline?: boolean;
}

function fetcherOf(registry: RegistryFactsSource): DocumentFetcher {
  const fetch = registry.document?.bind(registry);
  return (url) =>
    fetch === undefined
      ? Promise.reject(new AssayError('E_NETWORK', 'this registry source fetches no linked documents'))
      : fetch(url);
}

/**
 * A PyPI project names its repository in any of its URLs (Source, Repository, Homepage …): the publisher's
 * repository matches when one of them is that repository, and mismatches when the project names forge
 * repositories and none is it.
 */
function pypiRepositoryCheck(
  publisherRepository: string | undefined,
  urls: readonly DeclaredUrl[],
): { check: 'match' | 'mismatch' | 'not-declared'; declared?: string } {
  const declared = [...new Set(urls.map((url) => forgeRepository(url.url)).filter((u) => u !== undefined))];
  const first = declared[0];
  if (publisherRepository === undefined || first === undefined) return { check: 'not-declared' };
  const same = declared.find((url) => sameRepository(url, publisherRepository));
  return same !== undefined ? { check: 'match', declared: same } : { check: 'mismatch', declared: first };
}

async function pypiResult(
  subject: Extract<ProvenanceSubject, { ecosystem: 'pypi' }>,
  fetcher: (url: string) => Promise<unknown>,
): Promise<ProvenanceResult> {
  const result = await pypiFileProvenance(
    { filename: subject.filename, sha256: subject.sha256, provenance: subject.provenanceUrl ?? null },
    { fetcher },
  );
  if (result.status !== 'verified') return result;
  const { publisher } = result;
  const forge =
    publisher.kind === 'GitHub'
      ? 'https://github.com/'
      : publisher.kind === 'GitLab'
        ? 'https://gitlab.com/'
        : undefined;
  const repository =
    forge === undefined || publisher.repository === undefined ? undefined : `${forge}${publisher.repository}`;
  const { check, declared } = pypiRepositoryCheck(repository, subject.urls);
  return {
    status: 'verified',
    repository: repository ?? `${publisher.kind} trusted publisher`,
    ...(publisher.workflow === undefined ? {} : { workflow: publisher.workflow }),
    signer: result.signer,
    // PyPI has no registry-signed publish attestation like npm's.
    publishAttestation: 'absent',
    repositoryCheck: check,
    ...(declared === undefined ? {} : { declaredRepository: declared }),
  };
}

/** The version published just before `version` (by publish time), when the registry dates both. */
function previousVersion(facts: RegistryFacts, version: string): string | undefined {
  const at = facts.versionTimes[version];
  if (at === undefined) return undefined;
  let best: { version: string; at: string } | undefined;
  for (const [other, time] of Object.entries(facts.versionTimes)) {
    if (other === version || time >= at) continue;
    if (best === undefined || time > best.at) best = { version: other, at: time };
  }
  return best?.version;
}

function previousOf(
  facts: RegistryFacts,
  version: string | undefined,
): { version: string; attested: boolean } | undefined {
  return version === undefined
    ? undefined
    : { version, attested: (facts.attestedVersions ?? []).includes(version) };
}

/** The manifest's attestations URL, for the evidence. */
function attestationsUrl(manifest: Readonly<Record<string, unknown>>): string | undefined {
  const dist = manifest['dist'];
  if (typeof dist !== 'object' || dist === null) return undefined;
  const attestations = (dist as { attestations?: unknown }).attestations;
  if (typeof attestations !== 'object' || attestations === null) return undefined;
  const url = (attestations as { url?: unknown }).url;
  return typeof url === 'string' ? url : undefined;
}

/**
 * Collect: fetch and verify the artifact's provenance. `targetFacts` is the registry look-up of the scanned
 * package itself (the component facts already fetched its packument), read for the previous version.
 */
export async function collectProvenance(
  subject: ProvenanceSubject,
  options: ProvenanceOptions,
  targetFacts: Promise<RegistryLookup | undefined>,
): Promise<ProvenanceFacts> {
  const registry = options.registry;
  if (registry === undefined && options.documents === undefined) {
    return options.offline === true
      ? { status: 'not-checked', reason: 'offline', message: 'not checked (offline)' }
      : {
          status: 'not-checked',
          reason: 'disabled',
          message: 'not checked (registry checks were not requested)',
        };
  }
  const fetcher = options.documents ?? (registry === undefined ? undefined : fetcherOf(registry));
  if (fetcher === undefined) return { status: 'not-checked', reason: 'error', message: 'no fetcher' };
  let result: ProvenanceResult;
  try {
    result =
      subject.ecosystem === 'npm'
        ? await npmProvenance(subject.registryManifest, fetcher, subject.sha512)
        : await pypiResult(subject, fetcher);
  } catch (error) {
    // Verification reports its own failures; a throw here is the network or the cache, which proves nothing.
    const message = isAssayError(error) || error instanceof Error ? error.message : String(error);
    result = { status: 'not-checked', reason: message.slice(0, 200) };
  }
  const lookup = await targetFacts;
  const facts = lookup?.status === 'checked' ? lookup.facts : undefined;
  const previous =
    subject.ecosystem !== 'npm'
      ? undefined
      : (subject.previous ??
        (facts === undefined ? undefined : previousOf(facts, previousVersion(facts, subject.version))));
  const url = subject.ecosystem === 'npm' ? attestationsUrl(subject.registryManifest) : subject.provenanceUrl;
  return {
    status: 'checked',
    subject: subject.ecosystem === 'npm' ? `pkg:npm/${subject.name}@${subject.version}` : subject.filename,
    file: subject.ecosystem === 'npm' ? 'package.json' : subject.filename,
    field: subject.ecosystem === 'npm' ? 'dist.attestations' : 'provenance',
    ...(url === undefined ? {} : { url }),
    result,
    ...(previous === undefined ? {} : { previous }),
  };
}
