import { z } from 'zod';
import { fetchJson } from './npm.ts';
import { normalizeRepository, sameRepository, verifyBundle } from './verify.ts';

/**
 * PEP 740 provenance as an index serves it (PyPI's Integrity API, `/integrity/<project>/<version>/<file>/provenance`,
 * linked from PEP 691 JSON as `provenance`): attestation bundles, each with the Trusted Publisher that produced it.
 */
const Attestation = z.object({
  version: z.literal(1),
  verification_material: z.object({
    certificate: z.string(),
    transparency_entries: z.array(z.unknown()).min(1),
  }),
  envelope: z.object({ statement: z.string(), signature: z.string() }),
});
const Provenance = z.object({
  version: z.literal(1),
  attestation_bundles: z.array(
    z.object({
      publisher: z.looseObject({
        kind: z.string(),
        repository: z.string().optional(),
        workflow: z.string().optional(),
      }),
      attestations: z.array(Attestation),
    }),
  ),
});
const Statement = z.object({
  subject: z.array(z.object({ name: z.string(), digest: z.record(z.string(), z.string()) })),
  predicateType: z.string(),
});

export type PypiProvenanceResult =
  | { readonly status: 'none' }
  | {
      readonly status: 'verified';
      /** The Trusted Publisher the index recorded (kind, repository, workflow) and the certificate identity. */
      readonly publisher: { readonly kind: string; readonly repository?: string; readonly workflow?: string };
      readonly signer: string;
      readonly predicateTypes: readonly string[];
      readonly repositoryCheck: 'match' | 'mismatch' | 'not-declared';
    }
  | { readonly status: 'failed'; readonly reason: string };

/**
 * A PEP 740 attestation is a DSSE envelope and its verification material; it is the same signed object as a
 * Sigstore bundle v0.3 with a DSSE envelope, so it is re-wrapped (no field is changed or re-encoded) and handed to
 * @sigstore/verify like npm's.
 */
function toBundle(attestation: z.infer<typeof Attestation>): unknown {
  return {
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: {
      certificate: { rawBytes: attestation.verification_material.certificate },
      tlogEntries: attestation.verification_material.transparency_entries,
    },
    dsseEnvelope: {
      payload: attestation.envelope.statement,
      payloadType: 'application/vnd.in-toto+json',
      signatures: [{ sig: attestation.envelope.signature, keyid: '' }],
    },
  };
}

/**
 * Verifies the provenance of one distribution file: every attestation's signature against the shipped trusted
 * root, its subject (the file name and sha256 the index published), and the signing identity against the
 * Trusted Publisher the index names; then the publisher's repository against the project's declared one.
 */
export function verifyPypiProvenance(input: {
  readonly filename: string;
  readonly sha256: string;
  readonly provenance: unknown;
  /** A declared source repository (project_urls Source / Repository / Homepage on a forge), when there is one. */
  readonly declaredRepository?: string;
}): PypiProvenanceResult {
  const parsed = Provenance.safeParse(input.provenance);
  if (!parsed.success) return { status: 'failed', reason: 'the provenance object is not PEP 740' };
  const bundles = parsed.data.attestation_bundles.filter((bundle) => bundle.attestations.length > 0);
  const first = bundles[0];
  if (first === undefined) return { status: 'none' };
  const predicateTypes: string[] = [];
  let signer = '';
  for (const bundle of bundles) {
    for (const attestation of bundle.attestations) {
      let identity: string;
      try {
        identity = verifyBundle(toBundle(attestation)).identity?.subjectAlternativeName ?? '';
      } catch (error) {
        return { status: 'failed', reason: `an attestation does not verify: ${(error as Error).message}` };
      }
      const statement = Statement.safeParse(
        JSON.parse(Buffer.from(attestation.envelope.statement, 'base64').toString('utf8')),
      );
      if (!statement.success) return { status: 'failed', reason: 'an attestation statement is not in-toto' };
      const subject = statement.data.subject.find((entry) => entry.name === input.filename);
      if (subject === undefined) {
        return {
          status: 'failed',
          reason: `an attestation is about ${statement.data.subject.map((s) => s.name).join(', ')}, not ${input.filename}`,
        };
      }
      if (subject.digest['sha256']?.toLowerCase() !== input.sha256.toLowerCase()) {
        return { status: 'failed', reason: "an attestation's subject digest is not the file's sha256" };
      }
      const repository = bundle.publisher.repository;
      if (
        bundle.publisher.kind === 'GitHub' &&
        repository !== undefined &&
        !normalizeRepository(identity).startsWith(`https://github.com/${repository.toLowerCase()}/`)
      ) {
        return {
          status: 'failed',
          reason: `the signing identity ${identity} is not a workflow of ${repository}`,
        };
      }
      predicateTypes.push(statement.data.predicateType);
      signer = identity;
    }
  }
  const repository = first.publisher.repository;
  const forge =
    first.publisher.kind === 'GitHub'
      ? 'https://github.com/'
      : first.publisher.kind === 'GitLab'
        ? 'https://gitlab.com/'
        : '';
  const declared = input.declaredRepository;
  const repositoryCheck =
    declared === undefined || declared.trim() === '' || repository === undefined
      ? 'not-declared'
      : sameRepository(declared, `${forge}${repository}`)
        ? 'match'
        : 'mismatch';
  return {
    status: 'verified',
    publisher: {
      kind: first.publisher.kind,
      ...(repository === undefined ? {} : { repository }),
      ...(first.publisher.workflow === undefined ? {} : { workflow: first.publisher.workflow }),
    },
    signer,
    predicateTypes: [...new Set(predicateTypes)],
    repositoryCheck,
  };
}

/**
 * The provenance of a file listed on a PEP 691 project page: the index links it from the file entry
 * (`provenance`, PEP 740); none when it links none. A fetch that fails leaves the file unverified, not failed.
 */
export async function pypiFileProvenance(
  file: { readonly filename: string; readonly sha256: string; readonly provenance?: string | null },
  options: {
    readonly declaredRepository?: string;
    readonly fetcher?: (url: string) => Promise<unknown>;
  } = {},
): Promise<PypiProvenanceResult | { readonly status: 'not-checked'; readonly reason: string }> {
  if (file.provenance === undefined || file.provenance === null) return { status: 'none' };
  let provenance: unknown;
  try {
    provenance = await (options.fetcher ?? fetchJson)(file.provenance);
  } catch (error) {
    return { status: 'not-checked', reason: (error as Error).message };
  }
  return verifyPypiProvenance({
    filename: file.filename,
    sha256: file.sha256,
    provenance,
    ...(options.declaredRepository === undefined ? {} : { declaredRepository: options.declaredRepository }),
  });
}
