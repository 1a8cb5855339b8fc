import { definePolicy } from '../../catalog/define.ts';
import {
  componentEvidence,
  componentFactsOf,
  componentFinding,
  type Judged,
  plural,
} from '../lib/component-evidence.ts';
import { knownToHaveExisted, resolvedElsewhere } from './removed-from-registry.ts';

export const neverPublishedName = definePolicy({
  id: 'never-published-name',
  category: 'hunting',
  title: 'Depends on a name that does not exist on the public registry.',
  description:
    'Raised for a registry dependency whose name the configured registry does not know at all: not a ' +
    'removed package, but one that was never published there, or a lockfile entry resolved from another ' +
    '(private) registry host. Needs registry facts; offline or without registry checks it is not evaluated.',
  problem:
    'A dependency name nobody owns on the public registry can be registered by anyone. If an installer ever ' +
    'consults the public registry for it (a missing scope mapping, an extra index URL, a fresh machine), it ' +
    "will install the stranger's package: this is dependency confusion.",
  nextSteps: [
    'If the package is internal, give it a scope you own (npm) or reserve the name on the public registry.',
    'Make the installer resolve it only from the private registry (scoped registry, a single index URL).',
    'If the name is a typo, correct it.',
  ],
  severity: 'medium',
  riskLabel: 'Causes risk: dependency confusion',
  references: {},
  uses: [],
  evaluate: (context) => {
    const judged: Judged[] = [];
    for (const facts of componentFactsOf(context)) {
      const { component, registry } = facts;
      if (component.role === 'target' || component.source !== 'registry' || registry.status !== 'checked')
        continue;
      if (registry.facts.status !== 'not-found') continue;
      // A name shown to have existed (locked from this registry, or in a malware record) was removed instead.
      if (knownToHaveExisted(facts, registry.facts.registry)) continue;
      const where = resolvedElsewhere(facts, registry.facts.registry)
        ? ` (locked from ${component.url})`
        : '';
      judged.push({
        evidence: componentEvidence(
          facts,
          `${registry.facts.registry} does not know the name${where} (checked ${registry.facts.fetchedAt.slice(0, 10)})`,
        ),
        severity: 'medium',
      });
    }
    return componentFinding(judged, (n) => `${plural(n, 'dependency name')} unknown to the registry.`);
  },
});
