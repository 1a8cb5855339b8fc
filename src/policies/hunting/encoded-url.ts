import { definePolicy } from '../../catalog/define.ts';
import { behaviorEvidence } from '../lib/url-evidence.ts';

export const encodedUrl = definePolicy({
  id: 'encoded-url',
  category: 'hunting',
  title: 'Hides URLs in base64 or hex encoding.',
  description: 'Raised when url-encoded finds a URL that appears in the package only in encoded form.',
  problem:
    'Encoding a network address keeps it away from readers and simple scanners; ordinary code writes its ' +
    'endpoints out. Malicious packages encode the address of their download or collection server this way.',
  nextSteps: [
    'Decode each URL and check where it leads.',
    'Read the code around it: decoding followed by a download, an exec or a POST is a strong sign of malware.',
  ],
  severity: 'low',
  riskLabel: 'Causes risk: obfuscated network endpoints',
  references: { reversinglabs: ['TH17102'], mitreAttack: ['T1027'] },
  uses: ['url-encoded'],
  evaluate: (context) => {
    const evidence = behaviorEvidence(context, 'url-encoded');
    return evidence.length === 0 ? null : { evidence };
  },
});
