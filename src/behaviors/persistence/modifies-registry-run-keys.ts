import { defineBehavior } from '../../catalog/define.ts';
import { detectStrings } from '../lib/detect.ts';

/** Registry keys whose values Windows runs at logon or on every program start. */
const RUN_KEYS =
  /CurrentVersion[/\\]+(Run|RunOnce|RunServices|RunServicesOnce|Policies[/\\]+Explorer[/\\]+Run)\b|CurrentVersion[/\\]+Winlogon|Image File Execution Options|CurrentVersion[/\\]+Explorer[/\\]+Shell Folders[/\\]*Startup|\bAppInit_DLLs\b/i;

export const modifiesRegistryRunKeys = defineBehavior({
  id: 'modifies-registry-run-keys',
  category: 'persistence',
  ecosystems: ['pypi'],
  title: 'Refers to Windows registry keys that start programs automatically.',
  description:
    'Finds the Run, RunOnce and RunServices keys, Winlogon, Image File Execution Options and AppInit_DLLs in code ' +
    'strings, whether they are written through winreg or with reg add.',
  problem:
    'A value under a Run key starts a program at every logon: the most common way Windows malware survives a ' +
    'reboot. Installers of desktop applications use it rarely and say so.',
  nextSteps: [
    'Check what the package writes under these keys.',
    'If it ran, inspect HKCU and HKLM Run keys and remove entries you do not recognise.',
  ],
  severity: 'high',
  references: { mitreAttack: ['T1547.001'] },
  detect: (context) =>
    detectStrings(context, [{ pattern: RUN_KEYS, note: 'names an auto-start registry key' }]),
});
