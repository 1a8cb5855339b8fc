import { defineBehavior } from '../../catalog/define.ts';
import { detectCharacters } from '../lib/characters.ts';

/** Embedding, override and isolate controls: the characters behind "Trojan Source" (CVE-2021-42574). */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/u;

export const containsBidiControlCharacters = defineBehavior({
  id: 'contains-bidi-control-characters',
  category: 'anomaly',
  ecosystems: ['pypi'],
  title: 'Contains bidirectional text control characters in code.',
  description:
    'Finds the Unicode embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) in Python source ' +
    'files, line by line.',
  problem:
    'These characters reorder how a line is displayed without changing how it is parsed, so code can show a ' +
    'comment where the interpreter sees a statement. Right-to-left text in strings can use them honestly; in ' +
    'code they are a known way to hide logic from review.',
  nextSteps: [
    'View the line with control characters made visible and compare what is shown with what is parsed.',
  ],
  severity: 'medium',
  references: { cwe: ['CWE-1007'], guarddog: ['bidirectional-characters'] },
  detect: (context) => detectCharacters(context, BIDI, 'bidirectional control'),
});
