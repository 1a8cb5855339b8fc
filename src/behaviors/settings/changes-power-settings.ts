import { defineBehavior } from '../../catalog/define.ts';
import { detectStrings } from '../lib/detect.ts';

const PATTERN =
  /\bshutdown(?:\.exe)?\s+(?:\/[srhpf]\b|-[srhP]\b|-h\s+now|now\b)|\bpowercfg(?:\.exe)?\s+[/-]|\bSetSuspendState\b|\bsystemctl\s+(?:poweroff|reboot|halt|suspend|hibernate|hybrid-sleep)\b|\bpmset\s+(?:-a\s+)?(?:sleep|disablesleep|hibernatemode|standby|autopoweroff|schedule|restart)\b|\bExitWindowsEx\b|\bInitiateSystemShutdown(?:Ex)?[AW]?\b|\bStop-Computer\b|\bRestart-Computer\b/i;

export const changesPowerSettings = defineBehavior({
  id: 'changes-power-settings',
  category: 'settings',
  ecosystems: ['pypi', 'npm'],
  title: 'Shuts down, restarts or changes the power settings of the machine.',
  description:
    'Finds commands and APIs in code strings that power the machine off, restart it, put it to sleep or change its power plan: shutdown /s /r /h, shutdown -h now, powercfg, systemctl poweroff / reboot / suspend, pmset, SetSuspendState, ExitWindowsEx, InitiateSystemShutdown, Stop-Computer and Restart-Computer.',
  problem:
    'A library has no reason to switch the machine off or keep it from sleeping. Wipers restart the machine to finish their damage, and miners disable sleep so they can run all night.',
  nextSteps: [
    'Find the code that runs the command and when it runs.',
    'Check that the package is a system administration tool that documents it.',
  ],
  severity: 'low',
  references: { reversinglabs: ['TH16111'], mitreAttack: ['T1529'] },
  detect: (context) =>
    detectStrings(context, [{ pattern: PATTERN, note: 'changes power state or power settings' }]),
});
