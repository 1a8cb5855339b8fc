import { definePolicy } from '../../catalog/define.ts';
import { type ProfileGroup, profileFinding, profileUses } from '../lib/profile-evidence.ts';

const GROUPS: readonly ProfileGroup[] = [
  { role: 'a loader or kernel hook', behaviors: ['hooks-dynamic-loader'] },
  {
    role: 'a way to hide or to stay',
    behaviors: [
      'creates-hidden-file',
      'installs-system-service',
      'installs-cron-job',
      'writes-to-startup-location',
      'creates-launch-agent',
    ],
  },
];

export const rootkitProfile = definePolicy({
  id: 'rootkit-profile',
  category: 'hunting',
  title: 'Matches the profile of a rootkit.',
  description:
    'Raised when the package hooks the dynamic loader or loads a kernel module (hooks-dynamic-loader) and also ' +
    'hides files or installs itself to start again (creates-hidden-file, services, cron jobs, start-up locations, ' +
    'launch agents).',
  problem:
    'Code injected into every process or into the kernel, kept across reboots and hidden from listings, controls ' +
    'what the machine shows its own administrators. Nothing a package installs should need that.',
  nextSteps: [
    'Read the evidence of each part of the profile and check whether they are in the same code path.',
    'Unless the package documents this purpose, do not install it; rebuild a machine where it ran.',
  ],
  severity: 'high',
  riskLabel: 'Causes risk: hidden control of the machine',
  references: { reversinglabs: ['TH15110'] },
  uses: profileUses(GROUPS),
  evaluate: (context) => profileFinding(context, GROUPS),
});
