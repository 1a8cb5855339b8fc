import type { CallFact } from '../../analysis/types.ts';
import { defineBehavior } from '../../catalog/define.ts';
import { commandText, isProcessCall, PROCESS_CALLEES, runsThroughShell } from '../lib/commands.ts';
import { detectCalls, mergeOccurrences } from '../lib/detect.ts';
import { detectJsCalls } from '../lib/javascript.ts';
import { JS_PROCESS_CALLEES, JS_SHELL_CALLEES } from '../lib/js-apis.ts';
import { matchesCallee } from '../lib/match.ts';

/** npm: exec / execSync always use a shell; spawn and execFile do with `shell: true`. */
const JS_RULES = [
  {
    callees: JS_PROCESS_CALLEES,
    when: (call: CallFact) => {
      if (matchesCallee(call.callee, JS_SHELL_CALLEES)) return true;
      const shell = call.keywords.find((entry) => entry.name === 'shell')?.value;
      return shell !== undefined && !(shell.kind === 'bool' && !shell.value) && shell.kind !== 'none';
    },
    note: (call: CallFact) => `runs a shell command: ${commandText(call).slice(0, 80)}`,
  },
];

export const executesShellCommand = defineBehavior({
  id: 'executes-shell-command',
  category: 'execution',
  ecosystems: ['pypi', 'npm'],
  title: 'Runs a command through the system shell.',
  description:
    'Finds process calls whose command goes through a shell: os.system, os.popen, subprocess.getoutput, ' +
    'asyncio.create_subprocess_shell, subprocess calls with shell=True, and commands that start cmd /c, ' +
    'powershell, bash -c or sh -c.',
  problem:
    'A shell interprets pipes, redirections and command chains, so one string can download, decode and run a ' +
    'payload in a single line. Shell commands built from untrusted text are also the classic command-injection hole.',
  nextSteps: [
    'Read each shell command in full, including any parts built from variables.',
    'Prefer argument lists without a shell; treat pipes into sh or PowerShell as a red flag.',
  ],
  severity: 'medium',
  references: { mitreAttack: ['T1059.004', 'T1059.003'], cwe: ['CWE-78'] },
  detect: (context) =>
    mergeOccurrences(
      detectCalls(context, [
        {
          callees: PROCESS_CALLEES,
          when: (call) => isProcessCall(call) && runsThroughShell(call),
          note: (call) => `runs a shell command: ${commandText(call).slice(0, 80)}`,
        },
      ]),
      detectJsCalls(context, JS_RULES),
    ),
});
