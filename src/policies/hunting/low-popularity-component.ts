import { definePolicy } from '../../catalog/define.ts';
import type { PolicyContext } from '../../catalog/types.ts';
import type { ComponentFacts } from '../../hunting/types.ts';
import {
  componentEvidence,
  componentFactsOf,
  componentFinding,
  type Judged,
  plural,
  snapshotLabel,
} from './component-evidence.ts';

/** Below this many npm downloads in the last week a package counts as little used (TH30106). */
export const LOW_WEEKLY_DOWNLOADS = 1000;

function judge(context: PolicyContext, facts: ComponentFacts): Judged | null {
  const { component, popularity, downloads } = facts;
  if (component.source !== 'registry' || popularity.status === 'known') return null;
  if (downloads?.status === 'checked') {
    if (downloads.weekly >= LOW_WEEKLY_DOWNLOADS) return null;
    return {
      evidence: componentEvidence(
        facts,
        `${downloads.weekly.toLocaleString('en')} downloads last week (${downloads.source}), below ${LOW_WEEKLY_DOWNLOADS.toLocaleString('en')}`,
      ),
      severity: 'low',
    };
  }
  // Absence from a top list bounds popularity from above only: the issue says so and stays informational.
  const unchecked = downloads === undefined ? '' : '; download counts not checked';
  return {
    evidence: componentEvidence(
      facts,
      `popularity unknown: not among ${popularity.coveredDownTo.description} (${snapshotLabel(context, popularity.source)})${unchecked}`,
    ),
    severity: 'info',
  };
}

export const lowPopularityComponent = definePolicy({
  id: 'low-popularity-component',
  category: 'hunting',
  title: 'Uses a component with few users.',
  description:
    `For npm, a component counts as little used when the npm downloads API reports fewer than ${LOW_WEEKLY_DOWNLOADS.toLocaleString('en')} ` +
    'downloads in the last week (severity low). When that API cannot be asked, or for PyPI, the only data ' +
    'is the popularity snapshots (npm packages with at least 1M weekly downloads, the 15,000 most downloaded ' +
    'PyPI projects): a component absent from them has unknown popularity, and the issue is informational and ' +
    'says the decision rests on that absence. Components installed from URLs, VCS or paths are not judged here.',
  problem:
    'Few users means few eyes: a malicious or broken release of a little-used package can go unnoticed for a ' +
    'long time, and most malicious uploads have almost no downloads. Low popularity alone is not a fault; it ' +
    'is a reason to look at the package more closely before trusting it.',
  nextSteps: [
    'Check who maintains the component and whether its source repository matches what is published.',
    'Prefer a widely used alternative when one does the job.',
    'Pin the version and review updates before taking them.',
  ],
  severity: 'low',
  riskLabel: 'Causes risk: little community scrutiny',
  references: { reversinglabs: ['TH30106'] },
  uses: [],
  evaluate: (context) => {
    const judged = componentFactsOf(context).flatMap((facts) => judge(context, facts) ?? []);
    return componentFinding(judged, (n) => `${plural(n, 'component')} with few or unknown users.`);
  },
});
