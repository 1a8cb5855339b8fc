import { definePolicy } from '../../catalog/define.ts';
import {
  componentEvidence,
  componentFactsOf,
  componentFinding,
  type Judged,
  plural,
  snapshotLabel,
} from './component-evidence.ts';
import { LOW_WEEKLY_DOWNLOADS } from './low-popularity-component.ts';

export const rarelyIncludedComponent = definePolicy({
  id: 'rarely-included-component',
  category: 'hunting',
  title: 'Uses a component that few other packages depend on.',
  description:
    'npm only: raised for a registry component absent from the snapshot of npm packages with at least 500 ' +
    'dependents (npm-high-impact) whose measured weekly downloads (npm downloads API) are also below ' +
    `${LOW_WEEKLY_DOWNLOADS.toLocaleString('en')}: few downloads is what few dependents look like. Absence from the snapshot alone only ` +
    'says "fewer than 500 dependents", true of most honest packages, so without a measured download figure ' +
    'nothing is claimed. PyPI has no dependents data here and is not judged.',
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
      if (facts.component.ecosystem !== 'npm' || facts.component.source !== 'registry') continue;
      if (facts.highDependents !== false) continue;
      const downloads = facts.downloads;
      if (downloads?.status !== 'checked' || downloads.weekly >= LOW_WEEKLY_DOWNLOADS) continue;
      judged.push({
        evidence: componentEvidence(
          facts,
          `not among the npm packages with 500 or more dependents (${snapshotLabel(context, 'npm-high-impact')}), and ${downloads.weekly.toLocaleString('en')} downloads last week (${downloads.source})`,
        ),
        severity: 'info',
      });
    }
    return componentFinding(judged, (n) => `${plural(n, 'component')} with few dependents.`);
  },
});
