import { defineDiffFinding } from '../context.ts';

export const losesProvenance = defineDiffFinding({
  id: 'loses-provenance',
  title: 'The previous version was published with verified provenance; the new one is not.',
  severity: 'high',
  problem:
    'A package that publishes from its CI with Sigstore provenance and then ships a version without it (or with ' +
    'provenance that does not verify) was most likely published another way: from a laptop, with a token. That ' +
    'is what a stolen npm token looks like from the outside, and the reason to check provenance at all.',
  nextSteps: [
    "Check the project's repository for a release of this version and for the workflow that should have published it.",
    'Stay on the previous version until the maintainers confirm the release.',
  ],
  detect: ({ old, new: next }) => {
    if (old.provenance?.status !== 'verified') return [];
    const now = next.provenance;
    if (now === undefined || now.status === 'verified' || now.status === 'not-checked') return [];
    return [
      {
        field: 'dist.attestations',
        snippet: now.status === 'none' ? 'no attestations' : `attestations fail: ${now.reason}`,
        detail: `${old.report.target.version} was built by ${old.provenance.repository} (${old.provenance.workflow ?? 'workflow unknown'})`,
      },
    ];
  },
});
