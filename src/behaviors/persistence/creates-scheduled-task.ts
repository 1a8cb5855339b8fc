import { defineBehavior } from '../../catalog/define.ts';
import { commandText, isProcessCall, PROCESS_CALLEES } from '../lib/commands.ts';
import { detectCalls, detectStrings, mergeOccurrences } from '../lib/detect.ts';

export const createsScheduledTask = defineBehavior({
  id: 'creates-scheduled-task',
  category: 'persistence',
  ecosystems: ['pypi'],
  title: 'Creates Windows scheduled tasks.',
  description:
    'Finds schtasks /create and Register-ScheduledTask commands in process calls and code strings, and the Task ' +
    'Scheduler COM object (Schedule.Service).',
  problem:
    'A scheduled task can start a payload at logon, at boot or every few minutes, with the highest privileges ' +
    'if asked. It is one of the most common persistence methods on Windows.',
  nextSteps: [
    'Check the task the package registers; on affected machines, review the Task Scheduler library.',
  ],
  severity: 'medium',
  references: { mitreAttack: ['T1053.005'] },
  detect: (context) =>
    mergeOccurrences(
      detectCalls(context, [
        {
          callees: PROCESS_CALLEES,
          when: (call) =>
            isProcessCall(call) &&
            /\bschtasks(\.exe)?\b[^|;&]*\/create\b|\bRegister-ScheduledTask\b/i.test(commandText(call)),
          note: () => 'registers a scheduled task',
        },
        {
          callees: ['win32com.client.Dispatch', 'comtypes.client.CreateObject'],
          when: (call) =>
            call.args.some((arg) => arg.kind === 'string' && /^Schedule\.Service$/i.test(arg.value)),
          note: () => 'opens the Task Scheduler COM object',
        },
      ]),
      detectStrings(context, [
        {
          pattern: /\bschtasks(\.exe)?\b.*\/create\b|\bRegister-ScheduledTask\b/i,
          note: 'holds a task registration command',
        },
      ]),
    ),
});
