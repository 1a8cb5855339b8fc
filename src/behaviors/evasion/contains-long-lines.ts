import { defineBehavior } from '../../catalog/define.ts';
import { detectConstructs } from '../lib/detect.ts';

export const containsLongLines = defineBehavior({
  id: 'contains-long-lines',
  category: 'evasion',
  ecosystems: ['pypi'],
  title: 'Contains extremely long lines of code.',
  description:
    'Reports source lines the analyzer marks as extremely long (thousands of characters on one line).',
  problem:
    'Hand-written Python keeps lines short. A line of thousands of characters is generated or packed code, and ' +
    'it is also a trick to push a payload far to the right of the screen where a reviewer will not scroll.',
  nextSteps: ['Open the line in an editor that wraps text and read all of it.'],
  severity: 'info',
  references: { reversinglabs: ['TH16127'], mitreAttack: ['T1027'] },
  detect: (context) => detectConstructs(context, ['long-line'], 'very long line'),
});
