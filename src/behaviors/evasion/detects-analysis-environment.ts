import { defineBehavior } from '../../catalog/define.ts';
import { detectCalls, detectStrings, mergeOccurrences } from '../lib/detect.ts';

/** Process and account names that stealers check to quit inside sandboxes and analysts' machines. */
const ARTIFACTS =
  /\b(vboxservice|vboxtray|vmtoolsd|vmwaretray|vmwareuser|vmsrvc|vmusrvc|qemu-ga|prl_tools|xenservice|wireshark|fiddler|httpdebuggerui|x64dbg|x32dbg|ollydbg|ida64|idaq|processhacker|procmon|sbiedll|joeboxcontrol|ksdumper)(\.exe|\.dll)?\b|WDAGUtilityAccount|\bSbieDll\b/i;

export const detectsAnalysisEnvironment = defineBehavior({
  id: 'detects-analysis-environment',
  category: 'evasion',
  ecosystems: ['pypi'],
  title: 'Checks whether it runs in a virtual machine, sandbox or debugger.',
  description:
    'Finds names of virtual-machine services, sandboxes and analysis tools (VBoxService, vmtoolsd, Sandboxie, ' +
    'Wireshark, x64dbg, the WDAGUtilityAccount user …) in code strings, and calls to IsDebuggerPresent and ' +
    'CheckRemoteDebuggerPresent.',
  problem:
    'Malware looks for analysis environments so that it stays quiet when a researcher or an automated sandbox ' +
    'runs it. Ordinary libraries have no reason to know the process names of debuggers.',
  nextSteps: ['Treat the package as hostile if it hides its behavior from analysis; review it in full.'],
  severity: 'medium',
  references: { mitreAttack: ['T1497', 'T1622'] },
  detect: (context) =>
    mergeOccurrences(
      detectCalls(context, [{ callees: ['*.IsDebuggerPresent', '*.CheckRemoteDebuggerPresent'] }]),
      detectStrings(context, [{ pattern: ARTIFACTS, note: 'names a sandbox, VM or analysis tool' }]),
    ),
});
