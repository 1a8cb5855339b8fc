import { definePolicy } from '../../catalog/define.ts';
import { checkedProvenance, provenanceEvidence } from '../lib/provenance-evidence.ts';

export const provenanceNamesOtherRepository = definePolicy({
  id: 'provenance-names-other-repository',
  category: 'tampering',
  title: 'Was built from a repository other than the one it declares.',
  description:
    'With registry checks, the attestations the registry links for the scanned version (npm `dist.attestations`, ' +
    'PEP 740 provenance on the index) are fetched and verified against the shipped Sigstore trusted root. ' +
    'Raised when they verify but the source repository they name (the SLSA build workflow, or the Trusted ' +
    'Publisher) is not the repository the package declares (npm `repository`; for PyPI, none of the GitHub or ' +
    'GitLab repositories among the project URLs). High on npm, whose registry refuses a provenance publish from ' +
    'another repository than package.json names; medium on PyPI, which does not require its project URLs to ' +
    'agree. Not evaluated offline or without registry checks.',
  problem:
    'A signed build proves where the package was built, not that it was built by its maintainers. A build in ' +
    'another repository is how a fork, a stolen publishing token wired to an attacker’s workflow, or a ' +
    'look-alike project ships under a trusted name while its provenance still verifies.',
  nextSteps: [
    'Open the repository the provenance names and check that it belongs to the maintainers.',
    'If the project moved, expect its declared repository to follow; until then, pin the previous version.',
  ],
  severity: 'high',
  riskLabel: 'Causes risk: build from an unexpected source',
  references: { cwe: ['CWE-345'] },
  uses: [],
  evaluate: (context) => {
    const provenance = checkedProvenance(context);
    const result = provenance?.result;
    if (provenance === undefined || result?.status !== 'verified' || result.repositoryCheck !== 'mismatch')
      return null;
    return {
      evidence: [
        provenanceEvidence(
          provenance,
          `built by ${result.repository}${result.workflow === undefined ? '' : ` (${result.workflow})`}; ` +
            `the package declares ${result.declaredRepository ?? 'another repository'}`,
          result.repository,
        ),
      ],
      detail: `The verified provenance names ${result.repository}, not the declared repository.`,
      // npm refuses a provenance publish whose repository differs from package.json's, so on npm a mismatch means
      // the registry answer itself is off; PyPI does not require the project URLs to agree with the publisher.
      severity: provenance.field === 'provenance' ? 'medium' : 'high',
    };
  },
});
