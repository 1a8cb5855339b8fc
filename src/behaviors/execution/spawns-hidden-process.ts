import type { CallFact } from '../../analysis/types.ts';
import { defineBehavior } from '../../catalog/define.ts';
import { hiddenProcessReason, isProcessCall, PROCESS_CALLEES } from '../lib/commands.ts';
import { detectCalls, mergeOccurrences } from '../lib/detect.ts';
import { detectJsCalls } from '../lib/javascript.ts';
import { JS_PROCESS_CALLEES } from '../lib/js-apis.ts';
import { callArgumentText, keyword, textOf } from '../lib/match.ts';

const HIDING_COMMAND =
  /\b(?:nohup|setsid|disown)\b|\bstart\s+\/b\b|-WindowStyle\s+Hidden|\bpythonw(?:\.exe)?\b/i;

/** spawn(cmd, args, { detached: true, stdio: 'ignore' }): the child outlives npm and nobody sees its output. */
function hiddenJsReason(call: CallFact): string | undefined {
  if (textOf(keyword(call, 'detached')) === 'true') return 'detaches the program from the parent process';
  if (HIDING_COMMAND.test(callArgumentText(call))) return 'the command hides or detaches itself';
  return undefined;
}

export const spawnsHiddenProcess = defineBehavior({
  id: 'spawns-hidden-process',
  category: 'execution',
  ecosystems: ['pypi', 'npm'],
  title: 'Starts a hidden or detached process.',
  description:
    'Finds process calls that hide or detach the program they start: creationflags with CREATE_NO_WINDOW or ' +
    'DETACHED_PROCESS, a startupinfo that can hide the window, ShellExecute with a hidden window, and commands ' +
    'with PowerShell -WindowStyle Hidden, pythonw, nohup, setsid or start /b; Popen with every stream sent to ' +
    'DEVNULL; in JavaScript, child processes started with detached: true or with such commands.',
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
    mergeOccurrences(
      detectCalls(context, [
        {
          callees: PROCESS_CALLEES,
          when: (call) => isProcessCall(call) && hiddenProcessReason(call) !== undefined,
          note: (call) => hiddenProcessReason(call) ?? 'starts a hidden process',
        },
      ]),
      detectJsCalls(context, [
        {
          callees: JS_PROCESS_CALLEES,
          when: (call) => hiddenJsReason(call) !== undefined,
          note: (call) => hiddenJsReason(call) ?? 'starts a hidden process',
        },
      ]),
    ),
});
