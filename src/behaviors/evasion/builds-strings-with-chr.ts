import { defineBehavior } from '../../catalog/define.ts';
import { detectConstructs } from '../lib/detect.ts';

/** chr() calls in one chain from which text built of character codes is worth a report; fewer are ordinary. */
const CHR_CHAIN_MIN = 3;

export const buildsStringsWithChr = defineBehavior({
  id: 'builds-strings-with-chr',
  category: 'evasion',
  ecosystems: ['pypi'],
  title: 'Builds strings from chains of character codes.',
  description:
    'Reports the chr() chains the analyzer marks: strings assembled from many chr(n) calls or a join over a ' +
    'list of character codes, instead of being written as text.',
  problem:
    'Spelling text as character codes hides URLs, commands and module names from anyone searching the code, and ' +
    'has almost no honest use outside of code generators and tests of text handling.',
  nextSteps: [
    'Evaluate the character codes offline (never by running the package) and read the resulting text.',
  ],
  severity: 'low',
  references: { mitreAttack: ['T1027'], guarddog: ['obfuscation'] },
  detect: (context) =>
    detectConstructs(context, ['chr-chain'], 'builds text from character codes', (fact) =>
      (fact.size ?? 0) >= CHR_CHAIN_MIN ? fact : undefined,
    ),
});
