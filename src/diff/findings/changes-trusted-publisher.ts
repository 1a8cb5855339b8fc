import { publishedByTrustedPublishing } from '../../provenance/npm.ts';
import { defineDiffFinding } from '../context.ts';
import type { DiffEvidence } from '../model.ts';

/** The workflow identity without the ref: a new tag is the same publisher, another workflow or repository is not. */
function publisher(signer: string): string {
  return signer.replace(/@[^@]*$/, '');
}

export const changesTrustedPublisher = defineDiffFinding({
  id: 'changes-trusted-publisher',
  title: 'The new version was published by another workflow, repository or account than the previous one.',
  severity: 'high',
  problem:
    'The identity that publishes a package should not change between two releases. Provenance signed by another ' +
    "repository's workflow, or a release pushed from a personal account after releases came from trusted " +
    'publishing, means someone else held the keys this time.',
  nextSteps: [
    'Compare both publishing identities with the project repository and its release workflow.',
    'Pin the previous version until the change is explained by the maintainers.',
  ],
  detect: ({ old, new: next }) => {
    const out: DiffEvidence[] = [];
    if (old.provenance?.status === 'verified' && next.provenance?.status === 'verified') {
      const before = publisher(old.provenance.signer);
      const after = publisher(next.provenance.signer);
      if (before !== after) {
        out.push({
          field: 'provenance.signer',
          snippet: after,
          detail: `the previous version was signed by ${before}`,
        });
      }
    }
    const wasTrusted = publishedByTrustedPublishing(old.result.snapshot.registryManifest);
    const isTrusted = publishedByTrustedPublishing(next.result.snapshot.registryManifest);
    if (wasTrusted === true && isTrusted === false) {
      const user = next.result.snapshot.registryManifest?.['_npmUser'];
      out.push({
        field: '_npmUser',
        snippet: JSON.stringify(user),
        detail:
          'the previous version came from trusted publishing (a CI workflow); this one from a personal account',
      });
    }
    return out;
  },
});
