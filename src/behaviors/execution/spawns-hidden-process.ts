import { defineBehavior } from '../../catalog/define.ts';
import { hiddenProcessReason, isProcessCall, PROCESS_CALLEES } from '../lib/commands.ts';
import { detectCalls } from '../lib/detect.ts';

export const spawnsHiddenProcess = defineBehavior({
  id: 'spawns-hidden-process',
  category: 'execution',
  ecosystems: ['pypi'],
  title: 'Starts a hidden or detached process.',
  description:
    'Finds process calls that hide or detach the program they start: creationflags with CREATE_NO_WINDOW or ' +
    'DETACHED_PROCESS, a startupinfo that can hide the window, ShellExecute with a hidden window, and commands ' +
    'with PowerShell -WindowStyle Hidden, pythonw, nohup, setsid or start /b.',
  problem:
    'Malware hides the programs it starts so the user never sees a console window flash or a process tied to ' +
    'their terminal. Some desktop tools hide console windows for cosmetic reasons, so the command matters.',
  nextSteps: [
    'Find out what program is started hidden and why it must not be seen.',
    'Treat a hidden PowerShell or a hidden program started from setup.py as malicious until shown otherwise.',
  ],
  severity: 'medium',
  references: { mitreAttack: ['T1564.003'], guarddog: ['silent-process-execution'] },
  detect: (context) =>
    detectCalls(context, [
      {
        callees: PROCESS_CALLEES,
        when: (call) => isProcessCall(call) && hiddenProcessReason(call) !== undefined,
        note: (call) => hiddenProcessReason(call) ?? 'starts a hidden process',
      },
    ]),
});
