import { defineBehavior } from '../../catalog/define.ts';
import { detectJsConstructs } from '../lib/javascript.ts';

export const runsEndlessLoop = defineBehavior({
  id: 'runs-endless-loop',
  category: 'execution',
  ecosystems: ['npm'],
  title: 'Runs a loop that never ends when the file is loaded.',
  description:
    'Finds loops at the top level of a JavaScript file (outside any function) whose condition cannot become ' +
    'false — `for (;;)`, `while (true)`, `i < Infinity` — and whose body has no break, return, throw, await or ' +
    'process.exit.',
  problem:
    'Top-level code runs as soon as the file is required. A loop there that never ends hangs every program that ' +
    'loads the package; the 2022 colors release used it to sabotage its own users.',
  nextSteps: ['Check whether the file runs on require or install, and pin a release without the loop.'],
  severity: 'medium',
  references: { mitreAttack: ['T1499', 'T1195.002'] },
  detect: (context) => detectJsConstructs(context, ['endless-loop'], 'loops forever at top level'),
});
