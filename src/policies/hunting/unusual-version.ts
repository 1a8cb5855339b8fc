import { definePolicy } from '../../catalog/define.ts';
import {
  componentEvidence,
  componentFactsOf,
  componentFinding,
  type Judged,
  plural,
} from '../lib/component-evidence.ts';

export const unusualVersionPolicy = definePolicy({
  id: 'unusual-version',
  category: 'hunting',
  title: 'Uses a component with an unusual version number.',
  description:
    'Checks each pinned version: absurdly large majors (1000 and above, calendar versions excepted) and ' +
    'all-nines versions such as 99.99.99 are medium; all-zero placeholders (0.0.0) and strings that are not ' +
    'valid versions for the ecosystem (PEP 440, semver) are low. Ranges are not judged.',
  problem:
    'Dependency-confusion packages publish huge versions so that an installer prefers them over the real ' +
    'internal package, and throwaway or placeholder packages carry 0.0.0 or malformed versions. Real ' +
    'projects rarely do either.',
  nextSteps: [
    'Check that the component is the package you meant, from the registry you meant.',
    'For internal names, make the installer resolve them only from the private registry.',
  ],
  severity: 'medium',
  riskLabel: 'Causes risk: version tricks used in dependency confusion',
  references: { reversinglabs: ['TH30113'] },
  uses: [],
  evaluate: (context) => {
    const judged: Judged[] = [];
    for (const facts of componentFactsOf(context)) {
      const unusual = facts.unusualVersion;
      if (unusual === null) continue;
      judged.push({
        evidence: componentEvidence(facts, unusual.reason),
        severity: unusual.kind === 'huge' || unusual.kind === 'all-nines' ? 'medium' : 'low',
      });
    }
    return componentFinding(judged, (n) => `${plural(n, 'component')} with an unusual version.`);
  },
});
