import { createHash } from 'node:crypto';
import { bundleFromJSON } from '@sigstore/bundle';
import { toSignedEntity, Verifier } from '@sigstore/verify';
import { z } from 'zod';
import { shippedTrustMaterial } from './trust.ts';
import type { ProvenanceResult } from './types.ts';

export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
export const NPM_PUBLISH_V01 = 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1';

/** The registry's answer at `/-/npm/v1/attestations/<name>@<version>`. */
const AttestationsResponse = z.object({
  attestations: z.array(z.object({ predicateType: z.string(), bundle: z.unknown() })),
});

const Statement = z.object({
  _type: z.string(),
  subject: z.array(z.object({ name: z.string(), digest: z.record(z.string(), z.string()) })),
  predicateType: z.string(),
  predicate: z.unknown(),
});

const SlsaV1 = z.object({
  buildDefinition: z.object({
    externalParameters: z.object({
      workflow: z
        .object({ repository: z.string(), path: z.string().optional(), ref: z.string().optional() })
        .optional(),
    }),
    resolvedDependencies: z
      .array(z.object({ uri: z.string().optional(), digest: z.record(z.string(), z.string()).optional() }))
      .optional(),
  }),
});

export interface VerifyInput {
  /** The package name and version the attestations must be about. */
  readonly name: string;
  readonly version: string;
  /** The tarball bytes, or its sha512 in hex when only the registry's integrity is at hand. */
  readonly tarball: Buffer | { readonly sha512: string };
  /** The package's declared repository (package.json `repository`), as written. */
  readonly declaredRepository?: string;
  /** The attestations response, foreign JSON. */
  readonly attestations: unknown;
}

/** `git+https://github.com/Owner/Repo.git#main` and `https://github.com/owner/repo` name the same repository. */
export function normalizeRepository(url: string): string {
  return url
    .trim()
    .replace(/^git\+/, '')
    .replace(/^git:\/\//, 'https://')
    .replace(/^ssh:\/\/git@/, 'https://')
    .replace(/^git@([^:]+):/, 'https://$1/')
    .replace(/^github:/, 'https://github.com/')
    .replace(/#.*$/, '')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

/**
 * `https://github.com/owner/repo` for a GitHub or GitLab URL in any usual spelling, deeper paths dropped
 * (`…/tree/main/packages/cli`); undefined for any other URL.
 */
export function forgeRepository(url: string): string | undefined {
  const forge = /^https?:\/\/(?:www\.)?(github\.com|gitlab\.com)\/([^/?#\s]+)\/([^/?#\s]+)/.exec(
    normalizeRepository(url),
  );
  return forge === null
    ? undefined
    : `https://${forge[1]}/${forge[2]}/${(forge[3] ?? '').replace(/\.git$/, '')}`;
}

/**
 * Whether two repository URLs name the same repository: on GitHub and GitLab only the owner and the name count, so
 * a declared `https://github.com/o/r/tree/main/packages/x` is the repository `o/r` that built it.
 */
export function sameRepository(a: string, b: string): boolean {
  const key = (url: string) => forgeRepository(url) ?? normalizeRepository(url);
  return key(a) === key(b);
}

/** npm names the subject with a purl: `pkg:npm/%40scope/name@1.0.0`. */
function subjectName(name: string, version: string): string {
  return `pkg:npm/${name.replace(/^@/, '%40')}@${version}`;
}

export function verifyBundle(bundle: unknown): ReturnType<Verifier['verify']> {
  const verifier = new Verifier(shippedTrustMaterial(), { tlogThreshold: 1, ctlogThreshold: 1 });
  // bundleFromJSON validates the bundle's shape; the Verifier checks the signature, the certificate chain to
  // the Fulcio root, the SCT and the transparency-log inclusion, all against the shipped trusted root.
  return verifier.verify(toSignedEntity(bundleFromJSON(bundle)));
}

function statementOf(bundle: unknown): z.infer<typeof Statement> {
  const envelope = z.object({ dsseEnvelope: z.object({ payload: z.string() }) }).parse(bundle);
  return Statement.parse(JSON.parse(Buffer.from(envelope.dsseEnvelope.payload, 'base64').toString('utf8')));
}

/**
 * Verifies an npm version's attestations: the SLSA provenance bundle (Sigstore, keyless) and the publish
 * attestation (signed with the registry's key), that their subject is this name, version and tarball digest, and
 * which repository and workflow built it compared with the declared repository. No network: the trust material is
 * the shipped, dated copy (trust.ts).
 */
export function verifyNpmProvenance(input: VerifyInput): ProvenanceResult {
  const parsed = AttestationsResponse.safeParse(input.attestations);
  if (!parsed.success)
    return { status: 'failed', reason: 'the attestations response is not in the expected form' };
  const provenance = parsed.data.attestations.find((entry) => entry.predicateType === SLSA_PROVENANCE_V1);
  if (provenance === undefined) {
    return parsed.data.attestations.length === 0
      ? { status: 'none' }
      : { status: 'failed', reason: 'attestations carry no SLSA provenance' };
  }
  const sha512 = Buffer.isBuffer(input.tarball)
    ? createHash('sha512').update(input.tarball).digest('hex')
    : input.tarball.sha512.toLowerCase();
  const wanted = subjectName(input.name, input.version);

  let signer: ReturnType<typeof verifyBundle>;
  let statement: z.infer<typeof Statement>;
  try {
    signer = verifyBundle(provenance.bundle);
    statement = statementOf(provenance.bundle);
  } catch (error) {
    return { status: 'failed', reason: `the provenance bundle does not verify: ${(error as Error).message}` };
  }
  if (statement.predicateType !== SLSA_PROVENANCE_V1) {
    return {
      status: 'failed',
      reason: `the signed statement is ${statement.predicateType}, not SLSA provenance`,
    };
  }
  const subject = statement.subject.find((entry) => entry.name === wanted);
  if (subject === undefined) {
    return {
      status: 'failed',
      reason: `the provenance is about ${statement.subject.map((s) => s.name).join(', ')}, not ${wanted}`,
    };
  }
  if (subject.digest['sha512']?.toLowerCase() !== sha512) {
    return { status: 'failed', reason: "the provenance subject digest is not the tarball's sha512" };
  }
  const slsa = SlsaV1.safeParse(statement.predicate);
  const workflow = slsa.success ? slsa.data.buildDefinition.externalParameters.workflow : undefined;
  if (workflow === undefined) return { status: 'failed', reason: 'the provenance names no source workflow' };
  const identity = signer.identity?.subjectAlternativeName ?? '';
  // The certificate is issued to the workflow run itself: it must be the repository the provenance claims.
  if (!normalizeRepository(identity).startsWith(`${normalizeRepository(workflow.repository)}/`)) {
    return {
      status: 'failed',
      reason: `the signing identity ${identity} is not a workflow of ${workflow.repository}`,
    };
  }
  const commit = slsa.success
    ? slsa.data.buildDefinition.resolvedDependencies?.find((dep) => dep.digest?.['gitCommit'] !== undefined)
        ?.digest?.['gitCommit']
    : undefined;

  let publishAttestation: 'verified' | 'absent' | 'failed' = 'absent';
  const publish = parsed.data.attestations.find((entry) => entry.predicateType === NPM_PUBLISH_V01);
  if (publish !== undefined) {
    try {
      verifyBundle(publish.bundle);
      const published = statementOf(publish.bundle).subject.find((entry) => entry.name === wanted);
      publishAttestation = published?.digest['sha512']?.toLowerCase() === sha512 ? 'verified' : 'failed';
    } catch {
      publishAttestation = 'failed';
    }
  }
  const declared = input.declaredRepository;
  const repositoryCheck =
    declared === undefined || declared.trim() === ''
      ? 'not-declared'
      : sameRepository(declared, workflow.repository)
        ? 'match'
        : 'mismatch';
  return {
    status: 'verified',
    repository: workflow.repository,
    ...(workflow.path === undefined ? {} : { workflow: workflow.path }),
    ...(workflow.ref === undefined ? {} : { ref: workflow.ref }),
    ...(commit === undefined ? {} : { commit }),
    signer: identity,
    ...(signer.identity?.extensions?.issuer === undefined
      ? {}
      : { issuer: signer.identity.extensions.issuer }),
    publishAttestation,
    repositoryCheck,
    ...(declared === undefined ? {} : { declaredRepository: declared }),
  };
}
