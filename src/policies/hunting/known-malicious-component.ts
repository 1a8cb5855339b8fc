import { definePolicy } from '../../catalog/define.ts';
import type { MaliciousMatch } from '../../enrich/types.ts';
import {
  componentEvidence,
  componentFactsOf,
  componentFinding,
  type Judged,
  plural,
  snapshotLabel,
} from '../lib/component-evidence.ts';

function describe(match: MaliciousMatch, data: string): string {
  const which =
    match.match === 'all-versions'
      ? 'every version'
      : match.match === 'version'
        ? 'this version'
        : `the range admits listed version${(match.versions?.length ?? 0) === 1 ? '' : 's'} ${(match.versions ?? []).slice(0, 5).join(', ')}`;
  return `OpenSSF ${match.id} (${which}; ${data})`;
}

export const knownMaliciousComponent = definePolicy({
  id: 'known-malicious-component',
  category: 'hunting',
  title: 'Uses a component listed as malicious.',
  description:
    'Looks each component up in the OpenSSF malicious-packages snapshot shipped with assay. A pinned version ' +
    'matches when the record lists it or covers every version; a range matches when it admits a listed version. ' +
    'Records the source has withdrawn as false reports are left out of the snapshot, so they never match.',
  problem:
    'A package in this list was reported and confirmed as malware: it steals credentials, opens a backdoor or ' +
    'runs other hostile code, usually when it is installed. Having it in a dependency tree means that code runs ' +
    'on developer machines and in CI.',
  nextSteps: [
    'Remove the component and anything that pulls it in, then reinstall from a clean lockfile.',
    'Treat machines and CI runners that installed it as compromised: rotate the secrets they could read.',
    'Read the OpenSSF record to learn what the package did and when.',
  ],
  severity: 'critical',
  riskLabel: 'Causes risk: known malware in the dependency tree',
  references: { reversinglabs: ['SQ30105', 'SQ30205'] },
  uses: [],
  evaluate: (context) => {
    const judged: Judged[] = [];
    for (const facts of componentFactsOf(context)) {
      for (const match of facts.malicious) {
        judged.push({
          evidence: componentEvidence(facts, describe(match, snapshotLabel(context, match.source))),
          severity: match.match === 'specifier' ? 'high' : 'critical',
        });
      }
    }
    return componentFinding(judged, (n) => `${plural(n, 'match')} in the OpenSSF malicious-packages data.`);
  },
});
