import { defineBehavior } from '../../catalog/define.ts';
import { detectConstructs } from '../lib/detect.ts';

export const containsHighEntropyString = defineBehavior({
  id: 'contains-high-entropy-string',
  category: 'evasion',
  ecosystems: ['pypi'],
  title: 'Contains long strings that look random.',
  description:
    'Reports long string literals the analyzer marks as high-entropy: encoded, compressed or encrypted blobs ' +
    'written into the source.',
  problem:
    'A blob of random-looking text inside code is usually data in disguise: an encoded payload, an encrypted ' +
    'script or a key. Embedded fonts, test vectors and certificates look the same, so the use of the blob decides.',
  nextSteps: [
    'Find where the string is used; decode it offline if it feeds a decoder, exec or a file write.',
  ],
  severity: 'low',
  references: { mitreAttack: ['T1027'] },
  detect: (context) => detectConstructs(context, ['high-entropy-string'], 'holds a random-looking blob'),
});
