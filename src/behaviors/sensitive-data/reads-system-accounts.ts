import { defineBehavior } from '../../catalog/define.ts';
import { detectStrings } from '../lib/detect.ts';

export const readsSystemAccounts = defineBehavior({
  id: 'reads-system-accounts',
  category: 'sensitive-data',
  ecosystems: ['pypi', 'npm'],
  title: "Reaches into the system's account and password files.",
  description:
    'Finds the paths /etc/passwd, /etc/shadow, /etc/gshadow, /etc/sudoers and /etc/master.passwd in code strings.',
  problem:
    'The account list tells an attacker who uses the machine; the shadow file holds password hashes. Reading them ' +
    'is a classic reconnaissance step and, for shadow, a sign of an attempt to crack passwords.',
  nextSteps: [
    'Check why the package needs the system account files and whether their contents are sent anywhere.',
  ],
  severity: 'medium',
  references: { mitreAttack: ['T1003.008', 'T1087.001'] },
  detect: (context) =>
    detectStrings(context, [
      {
        pattern: /^\/etc\/(passwd|shadow|gshadow|sudoers|master\.passwd)$/,
        note: 'names a system account file',
      },
    ]),
});
