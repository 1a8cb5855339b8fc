import { definePolicy } from '../../catalog/define.ts';
import { type ProfileGroup, profileFinding, profileUses } from '../lib/profile-evidence.ts';

const GROUPS: readonly ProfileGroup[] = [
  {
    role: 'two or more secret stores',
    behaviors: [
      'reads-browser-data',
      'reads-crypto-wallets',
      'reads-messaging-app-data',
      'reads-email-client-data',
      'reads-application-credentials',
      'reads-ssh-keys',
      'reads-cloud-credentials',
    ],
    min: 2,
  },
  {
    role: 'a way to send data out',
    behaviors: ['uploads-data', 'sends-sensitive-data', 'url-messaging-webhook', 'url-paste-site'],
  },
];

export const infostealerProfile = definePolicy({
  id: 'infostealer-profile',
  category: 'hunting',
  title: 'Matches the profile of an information stealer.',
  description:
    'Raised when the package reaches into two or more kinds of secret stores (browser profiles, wallets, chat, mail and application credentials, SSH keys, cloud credentials) and has a way to send data out (uploads-data, sends-sensitive-data, a chat webhook or a paste site).',
  problem:
    'Collecting several kinds of secrets and sending them somewhere is what stealers are for; the combination has no ordinary use.',
  nextSteps: [
    'Read the evidence of each part of the profile and check whether they are in the same code path.',
    'Unless the package documents this purpose, do not install it.',
  ],
  severity: 'high',
  riskLabel: 'Causes risk: theft of credentials and personal data',
  references: { reversinglabs: ['TH15108'] },
  uses: profileUses(GROUPS),
  evaluate: (context) => profileFinding(context, GROUPS),
});
