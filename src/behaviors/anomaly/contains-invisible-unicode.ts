import { defineBehavior } from '../../catalog/define.ts';
import { detectCharacters } from '../lib/characters.ts';

/** Zero-width and blank-looking characters that can hide inside names or strings; U+FEFF only past the start. */
const INVISIBLE =
  /\u200B|\u200C|\u200D|[\u2060-\u2064]|\u180E|\u3164|\u115F|\u1160|\uFFA0|\u034F|\u00AD|[\u{E0000}-\u{E007F}]|(?<!^)\uFEFF/u;

export const containsInvisibleUnicode = defineBehavior({
  id: 'contains-invisible-unicode',
  category: 'anomaly',
  ecosystems: ['pypi'],
  title: 'Contains invisible Unicode characters in code.',
  description:
    'Finds zero-width spaces and joiners, word joiners, invisible operators, Hangul fillers, the soft hyphen, ' +
    'Unicode tag characters and misplaced byte-order marks in Python source files, line by line.',
  problem:
    'Invisible characters make two identifiers that look the same differ, hide text inside strings, or smuggle ' +
    'instructions past a reviewer. Code written by hand almost never contains them.',
  nextSteps: ['Open the file with invisible characters shown and check what they change.'],
  severity: 'medium',
  references: { cwe: ['CWE-1007'], guarddog: ['unicode'] },
  detect: (context) => detectCharacters(context, INVISIBLE, 'invisible character'),
});
