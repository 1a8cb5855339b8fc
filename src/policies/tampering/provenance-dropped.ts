import { definePolicy } from '../../catalog/define.ts';
import { checkedProvenance, provenanceEvidence } from '../lib/provenance-evidence.ts';

export const provenanceDropped = definePolicy({
  id: 'provenance-dropped',
  category: 'tampering',
  title: 'Comes without provenance although the version before it had some.',
  description:
    'With registry checks on an npm registry package: the packument the registry checks fetch tells which ' +
    'versions list `dist.attestations`. Raised when the scanned version lists none and the version published ' +
    'just before it (by publish time) does. Not evaluated offline, without registry checks, or on a mirror that ' +
    'strips attestations from every version.',
  problem:
    'A project that publishes from CI with provenance does not usually stop. A release without it, right after ' +
    'releases with it, is what a publish from a stolen token or a hijacked maintainer account looks like: it ' +
    'skips the workflow that signs builds.',
  nextSteps: [
    'Check the release notes and the repository for this version; confirm the maintainers published it.',
    'Until then, stay on the previous version, which has verifiable provenance.',
  ],
  severity: 'medium',
  riskLabel: 'Causes risk: publication outside the usual workflow',
  references: { cwe: ['CWE-345'] },
  uses: [],
  evaluate: (context) => {
    const provenance = checkedProvenance(context);
    if (provenance === undefined || provenance.result.status !== 'none') return null;
    const previous = provenance.previous;
    if (previous === undefined || !previous.attested) return null;
    return {
      evidence: [
        provenanceEvidence(
          provenance,
          `no attestations for this version; ${previous.version}, published before it, has them`,
        ),
      ],
      detail: `${provenance.subject} has no provenance; the previous version ${previous.version} had it.`,
    };
  },
});
