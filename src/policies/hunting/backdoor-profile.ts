import { definePolicy } from '../../catalog/define.ts';
import { type ProfileGroup, profileFinding, profileUses } from '../lib/profile-evidence.ts';

const GROUPS: readonly ProfileGroup[] = [
  { role: 'a raw network channel', behaviors: ['opens-socket'] },
  { role: 'a way to run commands', behaviors: ['executes-shell-command', 'executes-process'] },
  {
    role: 'a way to start again after a reboot',
    behaviors: [
      'installs-cron-job',
      'installs-system-service',
      'modifies-registry-run-keys',
      'writes-to-startup-location',
      'creates-launch-agent',
      'creates-scheduled-task',
    ],
  },
];

export const backdoorProfile = definePolicy({
  id: 'backdoor-profile',
  category: 'hunting',
  title: 'Matches the profile of a backdoor.',
  description:
    'Raised when the package opens raw network sockets, runs shell commands or programs, and installs itself to start again (cron jobs, services, Run keys, start-up folders, launch agents, scheduled tasks).',
  problem:
    'A socket that feeds a shell, kept alive across reboots, is a remote-control door into the machine. Remote administration agents look like this too, and they say so.',
  nextSteps: [
    'Read the evidence of each part of the profile and check whether they are in the same code path.',
    'Unless the package documents this purpose, do not install it.',
  ],
  severity: 'high',
  riskLabel: 'Causes risk: remote control of the machine',
  references: { reversinglabs: ['TH15106'] },
  uses: profileUses(GROUPS),
  evaluate: (context) => profileFinding(context, GROUPS),
});
