import { definePolicy } from '../../catalog/define.ts';
import {
  componentEvidence,
  componentFactsOf,
  componentFinding,
  type Judged,
  plural,
} from '../lib/component-evidence.ts';
import { dependencyAddress, dependencyHost, isCommonDependencyHost } from '../lib/dependency-hosts.ts';

export const uncommonDependencyHost = definePolicy({
  id: 'uncommon-dependency-host',
  category: 'hunting',
  title: 'Installs a dependency from a host other than the usual forges and registries.',
  description:
    'Reads the host of every component installed from a URL or a VCS reference and reports hosts other than the ' +
    'public forges and registry file hosts (GitHub and its download hosts, GitLab, Bitbucket, Codeberg, Azure ' +
    'DevOps, files.pythonhosted.org, the npm and Yarn registries, download.pytorch.org).',
  problem:
    'A dependency on a private server is only as trustworthy as that server: nobody else sees what it serves, it ' +
    'can serve each machine something different, and it can disappear. Attackers host second stages this way.',
  nextSteps: [
    'Find out who runs the host and why the dependency is not on a registry.',
    'Mirror the artifact into a registry you control and pin it by hash.',
  ],
  severity: 'low',
  riskLabel: 'Causes risk: components from unvetted hosts',
  references: { reversinglabs: ['TH30114'] },
  uses: [],
  evaluate: (context) => {
    const judged: Judged[] = [];
    for (const facts of componentFactsOf(context)) {
      const { component } = facts;
      if (component.source !== 'url' && component.source !== 'vcs') continue;
      const host = dependencyHost(dependencyAddress(component));
      if (host === null || isCommonDependencyHost(host)) continue;
      judged.push({ evidence: componentEvidence(facts, `fetched from ${host}`), severity: 'low' });
    }
    return componentFinding(judged, (n) => `${plural(n, 'component')} from uncommon hosts.`);
  },
});
