import { definePolicy } from '../../catalog/define.ts';
import { toEvidence } from '../../catalog/lib/evidence.ts';
import { occurrencesOf } from '../lib/evidence.ts';

export const untraceableAuthorEmail = definePolicy({
  id: 'untraceable-author-email',
  category: 'hunting',
  title: 'Names authors or maintainers whose e-mail addresses cannot be traced to anyone.',
  description:
    'Raised when author-disposable-email reports a throw-away inbox (medium) or author-anonymous-email an ' +
    'anonymity-first mail service (low) among the author and maintainer addresses of the package metadata.',
  problem:
    'Throw-away inboxes belong to no one and stop working; attackers use them to register publishing accounts. ' +
    'Anonymous mail services are also chosen by honest people for privacy, so they weigh little alone.',
  nextSteps: [
    'Look for the author elsewhere: the source repository, other packages, a project site.',
    'Weigh this together with the package’s other findings.',
  ],
  severity: 'low',
  riskLabel: 'Causes risk: publishers who cannot be reached',
  references: { reversinglabs: ['TH15404', 'TH15405'] },
  uses: ['author-disposable-email', 'author-anonymous-email'],
  evaluate: (context) => {
    const disposable = occurrencesOf(context, 'author-disposable-email').map((o) =>
      toEvidence('author-disposable-email', o),
    );
    const anonymous = occurrencesOf(context, 'author-anonymous-email').map((o) =>
      toEvidence('author-anonymous-email', o),
    );
    if (disposable.length === 0 && anonymous.length === 0) return null;
    return disposable.length > 0
      ? { evidence: [...disposable, ...anonymous], severity: 'medium' }
      : { evidence: anonymous };
  },
});
