import { definePolicy } from '../../catalog/define.ts';
import { behaviorEvidence } from '../lib/url-evidence.ts';

export const suspiciousTldUrl = definePolicy({
  id: 'suspicious-tld-url',
  category: 'hunting',
  title: 'Contains URLs under frequently abused top-level domains.',
  description:
    'Raised when url-suspicious-tld reports a host under a TLD of assay’s hand-kept abused-TLD list ' +
    '(data/abused-tlds.json, with a source and date for every entry).',
  problem:
    'Cheap and formerly free TLDs carry a high share of phishing and malware domains. Most domains under them ' +
    'are harmless, so this only points a reviewer at URLs worth a second look.',
  nextSteps: [
    'Check who owns each domain and whether the project documents it.',
    'Read the code that uses the URL before drawing conclusions.',
  ],
  severity: 'low',
  riskLabel: 'Causes risk: low-reputation network endpoints',
  // TH17118 could not be confirmed from public documentation; mapped here as the closest URL-host indicator.
  references: { reversinglabs: ['TH17118'] },
  uses: ['url-suspicious-tld'],
  evaluate: (context) => {
    const evidence = behaviorEvidence(context, 'url-suspicious-tld');
    return evidence.length === 0 ? null : { evidence };
  },
});
