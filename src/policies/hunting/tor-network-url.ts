import { definePolicy } from '../../catalog/define.ts';
import { behaviorEvidence } from '../lib/url-evidence.ts';

export const torNetworkUrl = definePolicy({
  id: 'tor-network-url',
  category: 'hunting',
  title: 'Contains addresses of Tor onion services.',
  description: 'Raised when url-tor-address reports a .onion host or a Tor-to-web gateway.',
  problem:
    'Onion services hide the operator and location of a server; ransomware, stealers and control panels rely on ' +
    'them. Outside privacy and censorship-circumvention tools a package has little reason to name one.',
  nextSteps: [
    'Find the code that contacts the address and what it sends or fetches.',
    'Unless the package is a Tor or privacy tool, do not install it.',
  ],
  severity: 'medium',
  riskLabel: 'Causes risk: anonymous network endpoints',
  references: { reversinglabs: ['TH17103'] },
  uses: ['url-tor-address'],
  evaluate: (context) => {
    const evidence = behaviorEvidence(context, 'url-tor-address');
    return evidence.length === 0 ? null : { evidence };
  },
});
