import { defineBehavior } from '../../catalog/define.ts';
import { detectStrings } from '../lib/detect.ts';

const PATTERN =
  /\bAmsiScanBuffer\b|\bAmsiScanString\b|\bamsiInitFailed\b|\bAmsiUtils\b|\bamsi\.dll\b|\bAmsiOpenSession\b|\bEtwEventWrite(?:Full)?\b|\bNtTraceEvent\b|\bEtwpEventWriteFull\b|\bPSEtwLogProvider\b/i;

export const bypassesSecuritySoftware = defineBehavior({
  id: 'bypasses-security-software',
  category: 'evasion',
  ecosystems: ['pypi', 'npm'],
  title: 'Patches the Antimalware Scan Interface or Event Tracing to blind security software.',
  description:
    'Finds the names that AMSI and ETW bypasses patch or flip in code strings: AmsiScanBuffer, AmsiScanString, AmsiOpenSession, amsiInitFailed, AmsiUtils, amsi.dll, EtwEventWrite, NtTraceEvent and the PowerShell ETW log provider.',
  problem:
    'AMSI hands scripts to the antivirus before they run, and ETW reports what processes do. Patching them in memory lets the next payload run unseen; outside security research this has no honest use.',
  nextSteps: [
    'Do not install the package.',
    'If it ran, treat the machine as compromised: the security software could not see what followed.',
  ],
  severity: 'high',
  references: { reversinglabs: ['TH16116'], mitreAttack: ['T1562.001', 'T1562.006'] },
  detect: (context) =>
    detectStrings(context, [{ pattern: PATTERN, note: 'patches or disables AMSI or ETW' }]),
});
