import type { ConstructKind } from '../../analysis/types.ts';
import { defineBehavior } from '../../catalog/define.ts';
import { detectConstructs, mergeOccurrences } from '../lib/detect.ts';
import { detectJsConstructs } from '../lib/javascript.ts';

/** npm: the same constructs in JavaScript ('a' + x, +=, template literals with substitutions). */
const JS_KINDS: readonly ConstructKind[] = ['string-concat', 'string-augmented-concat', 'fstring'];

export const concatenatesStrings = defineBehavior({
  id: 'concatenates-strings',
  category: 'behavior',
  ecosystems: ['pypi', 'npm'],
  title: 'Concatenates strings.',
  description:
    'Reports the string-building constructs the analyzer marks: + and += on string operands, str.join, ' +
    '%-formatting and f-strings. Arithmetic on numbers is not reported.',
  problem:
    'Building strings is everyday code. It is recorded because obfuscated code assembles URLs, commands and ' +
    'module names from fragments so that no single literal gives them away; alongside other findings it shows ' +
    'how the suspicious text was put together.',
  nextSteps: [
    'Where other findings point at a file, read the strings it assembles and what they are used for.',
  ],
  severity: 'info',
  references: {},
  detect: (context) =>
    mergeOccurrences(
      detectConstructs(
        context,
        ['string-concat', 'string-augmented-concat', 'str-join', 'percent-format', 'fstring'],
        'builds a string',
      ),
      detectJsConstructs(context, JS_KINDS, 'builds a string'),
    ),
});
