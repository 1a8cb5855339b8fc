import { definePolicy } from '../../catalog/define.ts';
import { formatCount } from '../../core/format-count.ts';
import type { ComponentFacts } from '../../enrich/types.ts';
import {
  componentEvidence,
  componentFactsOf,
  componentFinding,
  type Judged,
  plural,
} from '../lib/component-evidence.ts';

/** Below this many npm downloads in the last week a package counts as little used (TH30106). */
export const LOW_WEEKLY_DOWNLOADS = 1000;

/**
 * Low only on a measured figure. Absence from the top lists bounds popularity from above and nothing
 * more: most honest dependencies sit below them, so that alone says "unknown" (the component list of
 * the report shows it), never "low".
 */
function judge(facts: ComponentFacts): Judged | null {
  const { component, popularity, downloads } = facts;
  if (component.source !== 'registry' || popularity.status === 'known') return null;
  if (downloads?.status !== 'checked' || downloads.weekly >= LOW_WEEKLY_DOWNLOADS) return null;
  return {
    evidence: componentEvidence(
      facts,
      `${formatCount(downloads.weekly)} downloads last week (${downloads.source}), below ${formatCount(LOW_WEEKLY_DOWNLOADS)}`,
    ),
    severity: 'low',
  };
}

export const lowPopularityComponent = definePolicy({
  id: 'low-popularity-component',
  category: 'hunting',
  title: 'Uses a component with few users.',
  description:
    `Raised only on a measured figure: an npm component for which the npm downloads API reports fewer than ${formatCount(LOW_WEEKLY_DOWNLOADS)} ` +
    'downloads in the last week. Absence from the popularity snapshots (npm packages with at least 1M weekly ' +
    'downloads, the 15,000 most downloaded PyPI projects) only says a component is below them, which most honest ' +
    'dependencies are, so such a component is reported as of unknown popularity in the component list, not as ' +
    'little used. PyPI has no download figures here and is not judged; neither are components installed from ' +
    'URLs, VCS or paths.',
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
    const judged = componentFactsOf(context).flatMap((facts) => judge(facts) ?? []);
    return componentFinding(judged, (n) => `${plural(n, 'component')} with few users.`);
  },
});
