import { definePolicy } from '../../catalog/define.ts';
import { behaviorEvidence, isLocalOccurrence } from '../lib/url-evidence.ts';

export const nonstandardPortUrl = definePolicy({
  id: 'nonstandard-port-url',
  category: 'hunting',
  title: 'Contains URLs to remote hosts on non-standard ports.',
  description:
    'Raised when url-nonstandard-port reports a URL to a remote host with an explicit port other than the ' +
    'scheme’s default. Local development addresses (localhost, loopback and private networks) are left out: ' +
    'they fill documentation and tests of popular packages and say nothing about where the package connects.',
  problem:
    'Servers set up for a single campaign often listen on an unusual port of a bare host. On its own this is ' +
    'a hunting lead, not a finding: many services legitimately run on ports such as 8080 or 8443.',
  nextSteps: [
    'Check who runs each host and what the code sends to it or fetches from it.',
    'Combine with other URL indicators of the same package before drawing conclusions.',
  ],
  severity: 'low',
  riskLabel: 'Causes risk: unusual network endpoints',
  references: { reversinglabs: ['TH17115'] },
  uses: ['url-nonstandard-port'],
  evaluate: (context) => {
    const evidence = behaviorEvidence(context, 'url-nonstandard-port', (o) => !isLocalOccurrence(o));
    return evidence.length === 0 ? null : { evidence };
  },
});
