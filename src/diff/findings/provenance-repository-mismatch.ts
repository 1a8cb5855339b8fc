import { defineDiffFinding } from '../context.ts';

export const provenanceRepositoryMismatch = defineDiffFinding({
  id: 'provenance-repository-mismatch',
  title: "The new version's provenance names a repository other than the one the package declares.",
  severity: 'high',
  problem:
    'Provenance proves which repository built a tarball, not that it is the right one: a fork or a look-alike ' +
    'repository can publish with valid provenance. When the repository that built the release is not the ' +
    '`repository` the package declares, the verified signature vouches for the wrong source.',
  nextSteps: [
    'Open both repositories and check which one the maintainers publish from.',
    'Treat the release as unverified until the declared repository and the building one agree.',
  ],
  detect: ({ old, new: next }) => {
    const now = next.provenance;
    if (now?.status !== 'verified' || now.repositoryCheck !== 'mismatch') return [];
    // Already so in the previous version: not a change, and the previous version was accepted with it.
    if (old.provenance?.status === 'verified' && old.provenance.repositoryCheck === 'mismatch') return [];
    return [
      {
        field: 'repository',
        snippet: now.declaredRepository ?? '',
        detail: `built and signed by ${now.repository} (${now.workflow ?? 'workflow unknown'})`,
      },
    ];
  },
});
