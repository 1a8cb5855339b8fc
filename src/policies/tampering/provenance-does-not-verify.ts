import { definePolicy } from '../../catalog/define.ts';
import { checkedProvenance, provenanceEvidence } from '../lib/provenance-evidence.ts';

export const provenanceDoesNotVerify = definePolicy({
  id: 'provenance-does-not-verify',
  category: 'tampering',
  title: 'Links provenance that does not verify.',
  description:
    'With registry checks, the attestations the registry links for the scanned version (npm `dist.attestations`, ' +
    'PEP 740 provenance on the index) are fetched and verified offline with @sigstore/verify against the shipped, ' +
    'dated trusted root: the signature and certificate chain, the transparency-log entry, a subject that names ' +
    'this package and the digest of these bytes, and a signing identity that is a workflow of the repository ' +
    'named. Raised when any of these fails. An attestation that could not be fetched is not checked, not failed.',
  problem:
    'Provenance that does not verify is worse than none: it claims a build the signature does not back. A ' +
    'subject digest that is not the artifact’s means these bytes are not the ones that were built and signed.',
  nextSteps: [
    'Do not install this version until the failure is explained; compare it with the previous release.',
    'Check the artifact’s digest against the registry and report a mismatch to the maintainers and the registry.',
  ],
  severity: 'high',
  riskLabel: 'Causes risk: content not backed by its signature',
  references: { cwe: ['CWE-347'] },
  uses: [],
  evaluate: (context) => {
    const provenance = checkedProvenance(context);
    const result = provenance?.result;
    if (provenance === undefined || result?.status !== 'failed') return null;
    return {
      evidence: [provenanceEvidence(provenance, result.reason, provenance.url)],
      detail: `The provenance linked for ${provenance.subject} fails verification: ${result.reason}.`,
    };
  },
});
