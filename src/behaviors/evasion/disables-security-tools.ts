import { defineBehavior } from '../../catalog/define.ts';
import { detectStrings } from '../lib/detect.ts';

const DISABLING =
  /\b(Add-MpPreference|Set-MpPreference)\b|DisableRealtimeMonitoring|DisableAntiSpyware|-ExclusionPath\b|netsh\s+(adv)?firewall\s+set\b.*\b(off|disable)|\bsc(\.exe)?\s+(stop|delete|config)\s+WinDefend\b|Uninstall-WindowsFeature\s+-?Name\s+Windows-Defender/i;

export const disablesSecurityTools = defineBehavior({
  id: 'disables-security-tools',
  category: 'evasion',
  ecosystems: ['pypi'],
  title: 'Turns off or weakens security tools.',
  description:
    'Finds commands in code strings that disable Microsoft Defender or the firewall or add Defender exclusions: ' +
    'Add-MpPreference / Set-MpPreference, DisableRealtimeMonitoring, -ExclusionPath, netsh firewall off, sc stop WinDefend.',
  problem:
    'Excluding a folder from antivirus scanning or switching protection off prepares the ground for a payload ' +
    "that would otherwise be caught. No library needs to change the machine's security settings.",
  nextSteps: [
    'Do not install the package.',
    'If it ran, check Defender exclusions and firewall settings and restore them.',
  ],
  severity: 'high',
  references: { reversinglabs: ['TH16115'], mitreAttack: ['T1562.001'] },
  detect: (context) => detectStrings(context, [{ pattern: DISABLING, note: 'weakens security protection' }]),
});
