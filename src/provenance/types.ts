/** What the registry's attestations say about one npm version, after verification. */
export type ProvenanceResult =
  /** The version carries no attestations (published without --provenance or trusted publishing). */
  | { readonly status: 'none' }
  | ({ readonly status: 'verified' } & VerifiedProvenance)
  /** Attestations are there but do not verify: a bad signature, a digest that is not the tarball's … */
  | { readonly status: 'failed'; readonly reason: string }
  /** The registry could not be asked (offline, error); says nothing either way. */
  | { readonly status: 'not-checked'; readonly reason: string };

export interface VerifiedProvenance {
  /** The source repository the SLSA provenance names (`https://github.com/owner/repo`). */
  readonly repository: string;
  /** The workflow file that built and published it (`.github/workflows/release.yml`). */
  readonly workflow?: string;
  readonly ref?: string;
  readonly commit?: string;
  /** The Fulcio certificate's identity (the workflow run's identity) and its OIDC issuer. */
  readonly signer: string;
  readonly issuer?: string;
  /** The npm publish attestation, signed by the registry's key: present and valid, absent, or invalid. */
  readonly publishAttestation: 'verified' | 'absent' | 'failed';
  /** How the provenance repository compares with the package's declared `repository`. */
  readonly repositoryCheck: 'match' | 'mismatch' | 'not-declared';
  readonly declaredRepository?: string;
}
