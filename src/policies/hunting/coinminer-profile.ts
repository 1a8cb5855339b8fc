import { definePolicy } from '../../catalog/define.ts';
import { type ProfileGroup, profileFinding, profileUses } from '../lib/profile-evidence.ts';

const GROUPS: readonly ProfileGroup[] = [
  {
    role: 'a mining destination or miner',
    behaviors: ['url-mining-pool', 'install-script-starts-miner', 'url-browser-mining-service'],
  },
  {
    role: 'a way to fetch or start programs',
    behaviors: ['downloads-file', 'executes-process', 'spawns-hidden-process'],
  },
];

export const coinminerProfile = definePolicy({
  id: 'coinminer-profile',
  category: 'hunting',
  title: 'Matches the profile of a cryptocurrency miner.',
  description:
    'Raised when the package names a mining pool, a miner program or a browser mining service (url-mining-pool, install-script-starts-miner, url-browser-mining-service) and can fetch or start programs (downloads-file, executes-process, spawns-hidden-process).',
  problem:
    "A pool address and a way to start the miner are all cryptojacking needs; the machine's processor then works for someone else.",
  nextSteps: [
    'Read the evidence of each part of the profile and check whether they are in the same code path.',
    'Unless the package documents this purpose, do not install it.',
  ],
  severity: 'high',
  riskLabel: 'Causes risk: cryptojacking',
  references: { reversinglabs: ['TH15107'] },
  uses: profileUses(GROUPS),
  evaluate: (context) => profileFinding(context, GROUPS),
});
