import { definePolicy } from '../../catalog/define.ts';
import {
  componentEvidence,
  componentFactsOf,
  componentFinding,
  type Judged,
  plural,
} from './component-evidence.ts';

export const typosquatComponent = definePolicy({
  id: 'typosquat-component',
  category: 'hunting',
  title: 'Uses a component whose name imitates a popular package.',
  description:
    'Compares each component name with the popular names of its ecosystem (PyPI top 10,000, npm high-impact ' +
    'lists) and with a public data set of known typosquat pairs: separator and homoglyph variants, added ' +
    'prefixes or suffixes, scope confusion, and one or two character edits. A popular name itself is never ' +
    'flagged. Known pairs are high; the other techniques, which also match honest look-alikes, are medium.',
  problem:
    'Typosquatting publishes malware under a name one keystroke away from a popular package and waits for ' +
    'someone to mistype an install command or a manifest entry. The imitation usually works like the original ' +
    'while it steals credentials in the background.',
  nextSteps: [
    'Check that the component really is the package you meant to use, not the popular one it resembles.',
    'If it was a typo, replace it with the intended package and treat machines that installed it as exposed.',
  ],
  severity: 'medium',
  riskLabel: 'Causes risk: impersonation of a popular package',
  references: { reversinglabs: ['TH30108'] },
  uses: [],
  evaluate: (context) => {
    const judged: Judged[] = [];
    for (const facts of componentFactsOf(context)) {
      const imitation = facts.impersonation;
      if (imitation === null) continue;
      const rank = imitation.targetRank === undefined ? '' : `, popularity rank ${imitation.targetRank}`;
      const known = imitation.knownTechnique === undefined ? '' : ` (${imitation.knownTechnique})`;
      const how =
        imitation.technique === 'known-pair'
          ? `a known typosquat pair${known}`
          : `${imitation.technique}, edit distance ${imitation.distance}`;
      judged.push({
        evidence: componentEvidence(facts, `imitates ${imitation.target}${rank}: ${how}`),
        severity: imitation.technique === 'known-pair' ? 'high' : 'medium',
      });
    }
    return componentFinding(
      judged,
      (n) => `${plural(n, 'component')} with a name close to a popular package.`,
    );
  },
});
