import { definePolicy } from '../../catalog/define.ts';
import {
  componentEvidence,
  componentFactsOf,
  componentFinding,
  type Judged,
  plural,
} from '../lib/component-evidence.ts';
import { binaryArtifactOf, dependencyAddress } from '../lib/dependency-hosts.ts';

export const remoteBinaryDependency = definePolicy({
  id: 'remote-binary-dependency',
  category: 'hunting',
  title: 'Installs a dependency from a URL that points at a built binary.',
  description:
    'Reports components installed from a direct URL whose address ends in a built artifact that carries compiled ' +
    'code: a wheel or egg, a program, a shared library, a Java archive or a Node addon.',
  problem:
    'A binary fetched from a URL cannot be reviewed like source, is not scanned by a registry and can change under ' +
    'the same address. It runs with the rights of the install.',
  nextSteps: [
    'Build the dependency from source, or take it from a registry release with a recorded hash.',
    'If the URL must stay, pin the artifact by hash (pip --require-hashes, lockfile integrity).',
  ],
  severity: 'medium',
  riskLabel: 'Causes risk: unreviewable remote binaries',
  references: { reversinglabs: ['TH30110'] },
  uses: [],
  evaluate: (context) => {
    const judged: Judged[] = [];
    for (const facts of componentFactsOf(context)) {
      const { component } = facts;
      if (component.source !== 'url') continue;
      const artifact = binaryArtifactOf(dependencyAddress(component));
      if (artifact === null) continue;
      judged.push({
        evidence: componentEvidence(facts, `a .${artifact} file from a URL`),
        severity: 'medium',
      });
    }
    return componentFinding(judged, (n) => `${plural(n, 'component')} installed as remote binaries.`);
  },
});
