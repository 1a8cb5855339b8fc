import { definePolicy } from '../../catalog/define.ts';
import { behaviorEvidence } from '../lib/url-evidence.ts';

export const cryptoMiningUrl = definePolicy({
  id: 'crypto-mining-url',
  category: 'hunting',
  title: 'Contains addresses of cryptocurrency mining pools or browser mining services.',
  description:
    'Raised when url-mining-pool reports a mining pool or a stratum address, or url-browser-mining-service a ' +
    'browser mining script. A pool address is judged high; a browser mining service alone medium.',
  problem:
    'Mining needs a pool to pay out to; a package that names one and is not a mining tool is set up to spend the ' +
    'machine’s processor and power for someone else.',
  nextSteps: [
    'Do not install the package unless mining is what it is for.',
    'If it ran, look for a miner process or an injected mining script and remove it.',
  ],
  severity: 'high',
  riskLabel: 'Causes risk: cryptojacking',
  references: { reversinglabs: ['TH17105', 'TH17130'] },
  uses: ['url-mining-pool', 'url-browser-mining-service'],
  evaluate: (context) => {
    const pools = behaviorEvidence(context, 'url-mining-pool');
    const browser = behaviorEvidence(context, 'url-browser-mining-service');
    if (pools.length === 0 && browser.length === 0) return null;
    return pools.length > 0
      ? { evidence: [...pools, ...browser] }
      : { evidence: browser, severity: 'medium' };
  },
});
