import { definePolicy } from '../../catalog/define.ts';
import { formatCount } from '../../core/format-count.ts';
import type { ComponentFacts } from '../../enrich/types.ts';
import {
  componentEvidence,
  componentFactsOf,
  componentFinding,
  type Judged,
  plural,
  snapshotLabel,
} from '../lib/component-evidence.ts';
import { LOW_WEEKLY_DOWNLOADS } from './low-popularity-component.ts';

/**
 * An index this large (the npm-high-impact names and their dependencies) is where "almost nothing depends on
 * it" means something; a smaller one cannot tell a rare component from one it did not reach.
 */
export const MIN_INDEX_FOR_DEPENDENTS = 10_000;

/** Components the index's own dependency edges show as almost never included: fewer than 2 dependents. */
function rarelyIncludedByIndex(facts: ComponentFacts): boolean {
  const community = facts.community;
  // The scanned package itself is usually newer than any index: only its dependencies are judged this way.
  if (facts.component.role !== 'dependency') return false;
  if (community === undefined || community.indexed < MIN_INDEX_FOR_DEPENDENTS) return false;
  return community.dependents.count < 2;
}

export const rarelyIncludedComponent = definePolicy({
  id: 'rarely-included-component',
  category: 'hunting',
  title: 'Uses a component that few other packages depend on.',
  description:
    'npm only: raised for a registry component absent from the snapshot of npm packages with at least 500 ' +
    'dependents (npm-high-impact) whose measured weekly downloads (npm downloads API) are also below ' +
    `${formatCount(LOW_WEEKLY_DOWNLOADS)}: few downloads is what few dependents look like. Absence from the snapshot alone only ` +
    'says "fewer than 500 dependents", true of most honest packages, so without a measured download figure ' +
    'nothing is claimed. Without a download figure (offline), the community index decides when it holds at ' +
    `least ${formatCount(MIN_INDEX_FOR_DEPENDENTS)} packages of the ecosystem: a component that fewer than 2 of them depend on. ` +
    'PyPI has no dependents ranking here and is judged by the index only.',
  problem:
    'A package that many others depend on is exercised by many projects, and a bad release is noticed fast. ' +
    'One that almost nothing includes has no such safety net; attackers publish exactly such packages and ' +
    'get them into a project by name.',
  nextSteps: [
    'Check why the project needs this component and who maintains it.',
    'Prefer a widely used alternative when one exists.',
  ],
  severity: 'info',
  riskLabel: 'Causes risk: components outside the well-trodden path',
  references: { reversinglabs: ['TH30107'] },
  uses: [],
  evaluate: (context) => {
    const judged: Judged[] = [];
    for (const facts of componentFactsOf(context)) {
      if (facts.component.source !== 'registry' || facts.highDependents === true) continue;
      if (facts.popularity.status === 'known') continue;
      const downloads = facts.downloads;
      if (downloads?.status === 'checked') {
        if (downloads.weekly < LOW_WEEKLY_DOWNLOADS && facts.highDependents === false) {
          judged.push({
            evidence: componentEvidence(
              facts,
              `not among the npm packages with 500 or more dependents (${snapshotLabel(context, 'npm-high-impact')}), and ${formatCount(downloads.weekly)} downloads last week (${downloads.source})`,
            ),
            severity: 'info',
          });
        }
        continue;
      }
      if (!rarelyIncludedByIndex(facts)) continue;
      judged.push({
        evidence: componentEvidence(facts, 'not in the public popularity rankings'),
        severity: 'info',
      });
    }
    return componentFinding(judged, (n) => `${plural(n, 'component')} with few dependents.`);
  },
});
