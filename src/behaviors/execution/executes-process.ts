import type { CallFact } from '../../analysis/types.ts';
import { defineBehavior } from '../../catalog/define.ts';
import { commandText, PROCESS_CALLEES } from '../lib/commands.ts';
import { detectCalls, mergeOccurrences } from '../lib/detect.ts';
import { detectJsCalls } from '../lib/javascript.ts';
import { JS_PROCESS_CALLEES } from '../lib/js-apis.ts';

/** npm: child_process and its wrappers, and the internal spawn binding. */
const JS_RULES = [
  {
    callees: JS_PROCESS_CALLEES,
    note: (call: CallFact) => `starts a program with ${call.callee}: ${commandText(call).slice(0, 80)}`,
  },
];

export const executesProcess = defineBehavior({
  id: 'executes-process',
  category: 'execution',
  ecosystems: ['pypi', 'npm'],
  title: 'Starts another program.',
  description:
    'Finds calls that start a program: the subprocess functions, os.system, os.popen, the os.spawn* and os.exec* ' +
    'families, os.startfile, pty.spawn, asyncio subprocesses and the Windows ShellExecute / CreateProcess APIs.',
  problem:
    'A package that starts programs can do anything the user can do, outside the reach of Python-level review. ' +
    'Build tools and wrappers around command-line programs do this for good reasons; droppers do it to launch the ' +
    'payload they fetched or unpacked.',
  nextSteps: [
    'Read the command each call starts and check that it matches the purpose of the package.',
    'Be wary of commands built at run time from downloaded, decoded or environment-provided text.',
  ],
  severity: 'low',
  references: { mitreAttack: ['T1059'], cwe: ['CWE-78'] },
  detect: (context) =>
    mergeOccurrences(
      detectCalls(context, [
        {
          callees: PROCESS_CALLEES,
          note: (call) => `starts a program with ${call.callee}: ${commandText(call).slice(0, 80)}`,
        },
      ]),
      detectJsCalls(context, JS_RULES),
    ),
});
