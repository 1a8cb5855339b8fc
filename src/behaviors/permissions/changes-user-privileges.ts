import { defineBehavior } from '../../catalog/define.ts';
import { detectStrings } from '../lib/detect.ts';

const PATTERN =
  /\bnet(?:1)?(?:\.exe)?\s+(?:localgroup\s+(?:administrators|"?remote desktop users"?)\s+\S+\s+\/add|user\s+\S+\s+\S+\s+\/add)\b|\bAdd-LocalGroupMember\b|\bNew-LocalUser\b|\busermod\s+(?:-a\s*-G|-aG|-G)\s+(?:sudo|wheel|admin|root|docker)\b|\bgpasswd\s+-a\s+\S+\s+(?:sudo|wheel|admin|docker)\b|\buseradd\b.*\s-(?:o|u\s*0)\b|\/etc\/sudoers(?:\.d)?\b|\bNOPASSWD\s*:|\bdscl\s+\.\s+-(?:append|create)\s+\/Groups\/admin\b|\bdseditgroup\s+-o\s+edit\s+-a\s+\S+\s+-t\s+user\s+admin\b/i;

export const changesUserPrivileges = defineBehavior({
  id: 'changes-user-privileges',
  category: 'permissions',
  ecosystems: ['pypi', 'npm'],
  title: 'Creates accounts or adds users to administrative groups.',
  description:
    'Finds commands and paths in code strings that give a user more rights: net user / net localgroup administrators /add, Add-LocalGroupMember, New-LocalUser, usermod and gpasswd into sudo, wheel, admin or docker, useradd with uid 0, /etc/sudoers and NOPASSWD rules, and macOS dscl and dseditgroup admin changes.',
  problem:
    "An extra administrator account or a password-less sudo rule is a door that stays open after the package is removed. Provisioning tools do this with the operator's knowledge; a library never does.",
  nextSteps: [
    'Do not install the package.',
    'If it ran, list administrator accounts, group members and sudoers rules and remove what was added.',
  ],
  severity: 'high',
  references: { reversinglabs: ['TH16120'], mitreAttack: ['T1098', 'T1136.001'] },
  detect: (context) =>
    detectStrings(context, [{ pattern: PATTERN, note: 'changes user accounts, groups or sudo rights' }]),
});
