import { definePolicy } from '../../catalog/define.ts';
import {
  componentEvidence,
  componentFactsOf,
  componentFinding,
  type Judged,
  plural,
} from '../lib/component-evidence.ts';

export const pathDependency = definePolicy({
  id: 'path-dependency',
  category: 'hunting',
  title: 'Installs a dependency from a local path.',
  description:
    'Raised for components declared as a file path (file:, link:, workspace:, ./dir, a local wheel). In a ' +
    "published package such a dependency is low: it cannot resolve on a user's machine as written. In a " +
    'project, workspace links are a normal monorepo layout and the issue is informational.',
  problem:
    'A path dependency is whatever happens to be at that path when installing: nothing pins its content, no ' +
    'registry has seen it, and in a published package it points outside the package, at files the author ' +
    'controls on the machine that builds it.',
  nextSteps: [
    'In a published package, depend on a registry release instead of a path.',
    'In a project, check that each path points inside the repository and is reviewed like the rest of the code.',
  ],
  severity: 'low',
  riskLabel: 'Causes risk: unpinned local components',
  references: { reversinglabs: ['TH30111'] },
  uses: [],
  evaluate: (context) => {
    const components = componentFactsOf(context);
    const packageScan = components.some((facts) => facts.component.role === 'target');
    const judged: Judged[] = components
      .filter((facts) => facts.component.source === 'path')
      .map((facts) => ({
        evidence: componentEvidence(
          facts,
          `installed from the path ${facts.component.url ?? facts.component.specifier ?? ''}`,
        ),
        severity: packageScan ? 'low' : 'info',
      }));
    return componentFinding(judged, (n) => `${plural(n, 'component')} installed from local paths.`);
  },
});
