import { definePolicy } from '../../catalog/define.ts';
import { type ProfileGroup, profileFinding, profileUses } from '../lib/profile-evidence.ts';

const GROUPS: readonly ProfileGroup[] = [
  {
    role: 'an offensive tool or a security bypass',
    behaviors: ['url-hacktool-download', 'bypasses-security-software'],
  },
  {
    role: 'a way to run or fetch programs',
    behaviors: ['executes-process', 'executes-shell-command', 'downloads-file'],
  },
];

export const hacktoolProfile = definePolicy({
  id: 'hacktool-profile',
  category: 'hunting',
  title: 'Matches the profile of an offensive hacking tool.',
  description:
    'Raised when the package both reaches for an offensive tool or blinds security software (url-hacktool-download, bypasses-security-software) and can run or fetch programs (executes-process, executes-shell-command, downloads-file).',
  problem:
    'Downloading a credential dumper or patching AMSI and then running programs is what attack tooling does. Security research packages do it on purpose; a library never should.',
  nextSteps: [
    'Read the evidence of each part of the profile and check whether they are in the same code path.',
    'Unless the package documents this purpose, do not install it.',
  ],
  severity: 'high',
  riskLabel: 'Causes risk: attack tooling',
  references: { reversinglabs: ['TH15105'] },
  uses: profileUses(GROUPS),
  evaluate: (context) => profileFinding(context, GROUPS),
});
