import { definePolicy } from '../../catalog/define.ts';
import {
  componentEvidence,
  componentFactsOf,
  componentFinding,
  type Judged,
  plural,
} from '../lib/component-evidence.ts';

export const componentMissingSourceRepository = definePolicy({
  id: 'component-missing-source-repository',
  category: 'hunting',
  title: 'Uses a component that declares no source repository.',
  description:
    'Raised for a dependency whose registry entry names no source repository (npm `repository`, PyPI project ' +
    'URLs as the registry reports them). The scanned package itself is judged from its own files by ' +
    'missing-source-repository. Needs registry facts; offline or without registry checks it is not evaluated.',
  problem:
    'Without a repository nobody can compare a published release with reviewed source code, so a tampered ' +
    'or malicious release looks like any other. Many small packages omit it honestly; most malicious uploads ' +
    'omit it too.',
  nextSteps: [
    "Look for the component's source elsewhere (home page, maintainer) before trusting it.",
    'Prefer an alternative whose releases can be traced to a public repository.',
  ],
  severity: 'low',
  riskLabel: 'Causes risk: untraceable provenance',
  references: { reversinglabs: ['TH30112'] },
  uses: [],
  evaluate: (context) => {
    const judged: Judged[] = [];
    for (const facts of componentFactsOf(context)) {
      const { component, registry } = facts;
      if (component.role === 'target' || component.source !== 'registry' || registry.status !== 'checked')
        continue;
      const f = registry.facts;
      if (f.status !== 'exists' || (f.repository !== undefined && f.repository.trim() !== '')) continue;
      judged.push({
        evidence: componentEvidence(
          facts,
          `${f.registry} lists no repository (checked ${f.fetchedAt.slice(0, 10)})`,
        ),
        severity: 'low',
      });
    }
    return componentFinding(judged, (n) => `${plural(n, 'component')} without a declared repository.`);
  },
});
