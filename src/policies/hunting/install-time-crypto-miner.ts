import { definePolicy } from '../../catalog/define.ts';
import { toEvidence } from '../../catalog/lib/evidence.ts';
import { occurrencesOf } from '../lib/evidence.ts';

export const installTimeCryptoMiner = definePolicy({
  id: 'install-time-crypto-miner',
  category: 'hunting',
  title: 'Names a cryptocurrency miner in code that runs when the package is installed.',
  description:
    'Raised when install-script-starts-miner reports a miner program, a miner option or a stratum address in an ' +
    'npm install script, a file it runs, setup.py or an in-tree build backend.',
  problem:
    'Installing the package would start a miner on every developer machine and CI runner that installs it, ' +
    'spending their processors for someone else and often staying behind as a service.',
  nextSteps: [
    'Do not install the package.',
    'Where it was installed, stop and remove the miner and anything it registered to start again.',
    'Report the package to the registry.',
  ],
  severity: 'high',
  riskLabel: 'Causes risk: cryptojacking at install time',
  references: { reversinglabs: ['TH16502'] },
  uses: ['install-script-starts-miner'],
  evaluate: (context) => {
    const evidence = occurrencesOf(context, 'install-script-starts-miner').map((o) =>
      toEvidence('install-script-starts-miner', o),
    );
    return evidence.length === 0 ? null : { evidence };
  },
});
