import { defineBehavior } from '../../catalog/define.ts';
import { BASE64_CALLEES } from '../lib/apis.ts';
import { codecFamily } from '../lib/codecs.ts';
import { detectCalls } from '../lib/detect.ts';

export const decodesBase64 = defineBehavior({
  id: 'decodes-base64',
  category: 'evasion',
  ecosystems: ['pypi'],
  title: 'Decodes base64 data.',
  description:
    'Finds the base64 and binascii decoders (b64decode, urlsafe_b64decode, b32decode, b85decode, decodebytes, ' +
    'a2b_base64 …) and codecs.decode with a base64 codec.',
  problem:
    'Base64 is everywhere in honest code (tokens, images, protocols), but it is also the first layer most ' +
    'droppers wrap their payload in. What matters is what happens to the decoded bytes next.',
  nextSteps: [
    'Decode the data offline and look at what it contains.',
    'Check whether the decoded bytes reach exec, eval, a file that is then run, or a process.',
  ],
  severity: 'info',
  references: { mitreAttack: ['T1140'] },
  detect: (context) =>
    detectCalls(context, [
      { callees: BASE64_CALLEES },
      { callees: ['codecs.decode'], when: (call) => codecFamily(call) === 'base64' },
    ]),
});
