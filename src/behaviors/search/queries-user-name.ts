import type { CallFact } from '../../analysis/types.ts';
import { defineBehavior } from '../../catalog/define.ts';
import { PROCESS_CALLEES, reconCommand } from '../lib/commands.ts';
import { detectCalls, mergeOccurrences } from '../lib/detect.ts';
import { detectJsCalls, detectMemberReads } from '../lib/javascript.ts';
import { JS_PROCESS_CALLEES } from '../lib/js-apis.ts';
import { textOf } from '../lib/match.ts';

/** npm: os.userInfo() and the user-name environment variables. */
const JS_RULES = [
  { callees: ['os.userInfo'] },
  {
    callees: JS_PROCESS_CALLEES,
    when: (call: CallFact) => reconCommand(textOf(call.args[0])) === 'user',
    note: () => 'runs a command that prints the user (whoami, id)',
  },
];
const JS_USER_VARIABLES = /^process\.env\.(?:USER|USERNAME|LOGNAME)$/;

export const queriesUserName = defineBehavior({
  id: 'queries-user-name',
  category: 'search',
  ecosystems: ['pypi', 'npm'],
  title: "Reads the current user's name.",
  description:
    'Finds getpass.getuser, os.getlogin, pwd.getpwuid, win32api.GetUserName and the USER / USERNAME / LOGNAME ' +
    'environment variables read through os.getenv or os.environ.get, and commands run alone that print the user ' +
    '(whoami, id, net user).',
  problem:
    'The user name tells an attacker whose machine ran the code and, on shared systems, whose files are within ' +
    'reach. Probes and stealers send it home together with the host name.',
  nextSteps: ['Check whether the user name leaves the machine.'],
  severity: 'low',
  references: { reversinglabs: ['TH16126'], mitreAttack: ['T1033'] },
  detect: (context) =>
    mergeOccurrences(
      detectCalls(context, [
        {
          callees: [
            'getpass.getuser',
            'os.getlogin',
            'pwd.getpwuid',
            'win32api.GetUserName',
            'win32api.GetUserNameEx',
          ],
        },
        {
          callees: ['os.getenv', 'os.environ.get'],
          when: (call) =>
            /^(USER|USERNAME|LOGNAME)$/.test(call.args[0]?.kind === 'string' ? call.args[0].value : ''),
          note: () => 'reads the user name from the environment',
        },
        {
          callees: PROCESS_CALLEES,
          when: (call) => reconCommand(textOf(call.args[0])) === 'user',
          note: () => 'runs a command that prints the user (whoami, id)',
        },
      ]),
      mergeOccurrences(
        detectJsCalls(context, JS_RULES),
        detectMemberReads(context, JS_USER_VARIABLES, () => 'reads the user name from the environment'),
      ),
    ),
});
