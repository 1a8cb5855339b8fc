import { definePolicy } from '../../catalog/define.ts';
import { type ProfileGroup, profileFinding, profileUses } from '../lib/profile-evidence.ts';

const GROUPS: readonly ProfileGroup[] = [
  { role: 'keystroke capture', behaviors: ['captures-keystrokes'] },
  {
    role: 'a way to send data out',
    behaviors: ['uploads-data', 'sends-sensitive-data', 'url-messaging-webhook', 'url-paste-site'],
  },
];

export const keyloggerProfile = definePolicy({
  id: 'keylogger-profile',
  category: 'hunting',
  title: 'Matches the profile of a keylogger.',
  description:
    'Raised when the package captures keystrokes (captures-keystrokes) and has a way to send data out (uploads-data, sends-sensitive-data, a chat webhook or a paste site).',
  problem:
    'Recording what the user types and sending it away captures passwords, messages and card numbers as they are typed. Input libraries record keys honestly and keep them local.',
  nextSteps: [
    'Read the evidence of each part of the profile and check whether they are in the same code path.',
    'Unless the package documents this purpose, do not install it.',
  ],
  severity: 'high',
  riskLabel: 'Causes risk: theft of what the user types',
  references: { reversinglabs: ['TH15109'] },
  uses: profileUses(GROUPS),
  evaluate: (context) => profileFinding(context, GROUPS),
});
