import { defineBehavior } from '../../catalog/define.ts';
import { HEX_CALLEES } from '../lib/apis.ts';
import { codecFamily } from '../lib/codecs.ts';
import { detectCalls } from '../lib/detect.ts';

export const decodesHex = defineBehavior({
  id: 'decodes-hex',
  category: 'evasion',
  ecosystems: ['pypi'],
  title: 'Decodes hexadecimal data.',
  description:
    'Finds bytes.fromhex, bytearray.fromhex, binascii.unhexlify / a2b_hex and codecs.decode with a hex codec.',
  problem:
    'Hex strings are a common way to hide text such as URLs, commands or shellcode from a quick read. Hashes and ' +
    'binary protocols use them honestly, so the decoded content decides.',
  nextSteps: ['Decode the hex offline and check what it contains and where it goes.'],
  severity: 'info',
  references: { mitreAttack: ['T1140'] },
  detect: (context) =>
    detectCalls(context, [
      { callees: [...HEX_CALLEES, '*.fromhex'] },
      { callees: ['codecs.decode'], when: (call) => codecFamily(call) === 'hex' },
    ]),
});
