import { defineBehavior } from '../../catalog/define.ts';
import { detectStrings } from '../lib/detect.ts';

const PATTERN =
  /\bvssadmin(?:\.exe)?\s+(?:delete\s+shadows|resize\s+shadowstorage)\b|\bwmic(?:\.exe)?\s+shadowcopy\s+delete\b|\bWin32_ShadowCopy\b.*\bDelete\b|\bGet-WmiObject\s+Win32_Shadowcopy\b|\bwbadmin(?:\.exe)?\s+delete\s+(?:catalog|systemstatebackup|backup)\b|\bbcdedit(?:\.exe)?\s+\/set\s+\S+\s+(?:recoveryenabled\s+no|bootstatuspolicy\s+ignoreallfailures)\b|\btmutil\s+(?:delete|deletelocalsnapshots|disable)\b|\bdiskshadow\b.*\bdelete\s+shadows\b/i;

export const deletesBackups = defineBehavior({
  id: 'deletes-backups',
  category: 'file',
  ecosystems: ['pypi', 'npm'],
  title: 'Deletes shadow copies, backups or recovery options.',
  description:
    'Finds commands in code strings that remove what a machine needs to recover: vssadmin delete shadows and resize shadowstorage, wmic shadowcopy delete, the Win32_ShadowCopy class, wbadmin delete catalog / backup, bcdedit recoveryenabled no and bootstatuspolicy ignoreallfailures, diskshadow and macOS tmutil delete / disable.',
  problem:
    'Ransomware deletes shadow copies and backups first so that the victim cannot restore the files it encrypts. No library has a reason to.',
  nextSteps: [
    'Do not install the package.',
    'If it ran, disconnect the machine and check the state of backups from a clean system.',
  ],
  severity: 'high',
  references: { reversinglabs: ['TH16121'], mitreAttack: ['T1490'] },
  detect: (context) =>
    detectStrings(context, [
      { pattern: PATTERN, note: 'deletes backups, shadow copies or recovery options' },
    ]),
});
