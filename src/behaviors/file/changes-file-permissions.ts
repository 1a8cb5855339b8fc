import { defineBehavior } from '../../catalog/define.ts';
import { commandText, isProcessCall, PROCESS_CALLEES } from '../lib/commands.ts';
import { detectCalls } from '../lib/detect.ts';
import { textOf } from '../lib/match.ts';

export const changesFilePermissions = defineBehavior({
  id: 'changes-file-permissions',
  category: 'file',
  ecosystems: ['pypi'],
  title: 'Changes file permissions or ownership.',
  description:
    'Finds os.chmod / fchmod / lchmod, os.chown / lchown, shutil.chown, Path.chmod, and commands that run chmod, ' +
    'chown, icacls or takeown.',
  problem:
    'Setting the executable bit on a file that was just written or downloaded is the step between dropping a ' +
    "payload and running it. Loosening permissions can also expose the user's files to others.",
  nextSteps: [
    'Check which files get new permissions, and whether an executable bit goes on downloaded content.',
  ],
  severity: 'low',
  references: { mitreAttack: ['T1222'] },
  detect: (context) =>
    detectCalls(context, [
      {
        callees: [
          'os.chmod',
          'os.fchmod',
          'os.lchmod',
          'os.chown',
          'os.lchown',
          'shutil.chown',
          'pathlib.Path.chmod',
          '*.chmod',
        ],
        note: (call) =>
          `changes permissions with ${call.callee}${/S_IX|0o?7|755|777|111/.test(textOf(call.args[1] ?? call.args[0])) ? ' (executable bit)' : ''}`,
      },
      {
        callees: PROCESS_CALLEES,
        when: (call) => isProcessCall(call) && /\b(chmod|chown|icacls|takeown)\b/i.test(commandText(call)),
        note: () => 'changes permissions with a command',
      },
    ]),
});
