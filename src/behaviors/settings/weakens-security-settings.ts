import { defineBehavior } from '../../catalog/define.ts';
import { detectStrings } from '../lib/detect.ts';

const PATTERN =
  /\bEnableLUA\b|\bConsentPromptBehavior(?:Admin|User)\b|\bsetenforce\s+0\b|\bSELINUX=(?:disabled|permissive)\b|\bSet-ExecutionPolicy\s+(?:-ExecutionPolicy\s+)?(?:Bypass|Unrestricted)\b|\bufw\s+disable\b|\biptables\s+(?:-F|--flush|-P\s+INPUT\s+ACCEPT)\b|\bsystemctl\s+(?:stop|disable|mask)\s+(?:firewalld|apparmor|auditd|ufw)\b|\bspctl\s+--master-disable\b|\bcsrutil\s+disable\b|\bbcdedit(?:\.exe)?\s+\/set\s+\S*\s*(?:testsigning|nointegritychecks)\s+on\b|\bxattr\s+-[dr]+\s+com\.apple\.quarantine\b|\bSmartScreenEnabled\b/i;

export const weakensSecuritySettings = defineBehavior({
  id: 'weakens-security-settings',
  category: 'settings',
  ecosystems: ['pypi', 'npm'],
  title: 'Switches off or weakens an operating-system security setting.',
  description:
    "Finds commands and registry values in code strings that weaken the system's own protections: User Account Control (EnableLUA, ConsentPromptBehaviorAdmin), SELinux (setenforce 0, SELINUX=disabled), PowerShell execution policy set to Bypass or Unrestricted, ufw, iptables and firewalld switched off, AppArmor and auditd stopped, macOS Gatekeeper (spctl --master-disable), System Integrity Protection (csrutil disable), quarantine attributes removed, driver signature checks (bcdedit testsigning) and SmartScreen.",
  problem:
    'These settings stop unknown programs from running or from gaining rights silently. Turning one off prepares the machine for the next stage of an attack; a library never needs it.',
  nextSteps: [
    'Do not install the package.',
    'If it ran, restore the setting and look for what was installed after it changed.',
  ],
  severity: 'high',
  references: { reversinglabs: ['TH16114'], mitreAttack: ['T1562.001', 'T1548.002'] },
  detect: (context) =>
    detectStrings(context, [{ pattern: PATTERN, note: 'switches off an operating-system security setting' }]),
});
