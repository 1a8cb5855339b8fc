import { definePolicy } from '../../catalog/define.ts';
import {
  componentEvidence,
  componentFactsOf,
  componentFinding,
  type Judged,
  plural,
} from '../lib/component-evidence.ts';

export const urlOrVcsDependency = definePolicy({
  id: 'url-or-vcs-dependency',
  category: 'hunting',
  title: 'Installs a dependency from a URL or a version control repository.',
  description:
    'Raised for components declared or locked as a direct URL (a tarball or wheel address) or a VCS reference ' +
    '(git+https, github: shorthands, git@…) instead of a registry name and version. Plain http URLs are medium; ' +
    'the rest are low.',
  problem:
    'A registry keeps published versions immutable, scans them and takes malware down. A URL or a branch in ' +
    'a repository has none of that: its content can change between two installs, and an http URL can be ' +
    'rewritten on the way.',
  nextSteps: [
    'Depend on a published registry release instead, or pin the VCS reference to a full commit hash.',
    'Record a hash for URL dependencies (pip --require-hashes, lockfile integrity) and use https.',
  ],
  severity: 'low',
  riskLabel: 'Causes risk: components outside registry controls',
  references: { reversinglabs: ['TH30109'] },
  uses: [],
  evaluate: (context) => {
    const judged: Judged[] = [];
    for (const facts of componentFactsOf(context)) {
      const { component } = facts;
      if (component.source !== 'url' && component.source !== 'vcs') continue;
      const where = component.url ?? component.specifier ?? '';
      const plain = /^(?:[a-z]+\+)?http:\/\//i.test(where);
      judged.push({
        evidence: componentEvidence(
          facts,
          `installed from ${component.source === 'vcs' ? 'a VCS reference' : 'a URL'} ${where}${plain ? ' (no TLS)' : ''}`,
        ),
        severity: plain ? 'medium' : 'low',
      });
    }
    return componentFinding(judged, (n) => `${plural(n, 'component')} installed from URLs or repositories.`);
  },
});
