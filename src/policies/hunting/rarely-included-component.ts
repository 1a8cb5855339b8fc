import { definePolicy } from '../../catalog/define.ts';
import {
  componentEvidence,
  componentFactsOf,
  componentFinding,
  type Judged,
  plural,
  snapshotLabel,
} from './component-evidence.ts';

export const rarelyIncludedComponent = definePolicy({
  id: 'rarely-included-component',
  category: 'hunting',
  title: 'Uses a component that few other packages depend on.',
  description:
    'npm only: raised for a registry component absent from the snapshot of npm packages with at least 500 ' +
    'dependents (npm-high-impact). The snapshot names no exact counts, so the evidence says the component ' +
    'has fewer than that threshold, not how many. PyPI has no dependents data here and is not judged.',
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
      judged.push({
        evidence: componentEvidence(
          facts,
          `not among the npm packages with 500 or more dependents (${snapshotLabel(context, 'npm-high-impact')})`,
        ),
        severity: 'info',
      });
    }
    return componentFinding(judged, (n) => `${plural(n, 'component')} with few dependents.`);
  },
});
