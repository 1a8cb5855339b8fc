import type { CallFact } from '../../analysis/types.ts';
import { defineBehavior } from '../../catalog/define.ts';
import { PROCESS_CALLEES, reconCommand } from '../lib/commands.ts';
import { detectCalls, mergeOccurrences } from '../lib/detect.ts';
import { detectJsCalls, detectMemberReads } from '../lib/javascript.ts';
import { JS_PROCESS_CALLEES } from '../lib/js-apis.ts';
import { textOf } from '../lib/match.ts';

/** npm: os.hostname() and the host-name environment variables. */
const JS_RULES = [
  { callees: ['os.hostname'] },
  {
    callees: JS_PROCESS_CALLEES,
    when: (call: CallFact) => reconCommand(textOf(call.args[0])) === 'host',
    note: () => 'runs a command that prints the host (hostname, ifconfig, uname)',
  },
];
const JS_HOST_VARIABLES = /^process\.env\.(?:HOSTNAME|COMPUTERNAME|HOST)$/;

export const queriesHostName = defineBehavior({
  id: 'queries-host-name',
  category: 'search',
  ecosystems: ['pypi', 'npm'],
  title: "Reads the machine's host name.",
  description:
    'Finds socket.gethostname, socket.getfqdn, platform.node and the COMPUTERNAME / HOSTNAME environment ' +
    'variables read through os.getenv or os.environ.get, and commands run alone that print the host or its ' +
    'network (hostname, ifconfig, ipconfig, uname, systeminfo).',
  problem:
    'The host name identifies the machine and often its owner or employer. Dependency-confusion probes and ' +
    'stealers collect it first, to tell the attacker which victims ran the code.',
  nextSteps: ['Check whether the host name is sent over the network or written into a request or DNS name.'],
  severity: 'low',
  references: { mitreAttack: ['T1082'] },
  detect: (context) =>
    mergeOccurrences(
      detectCalls(context, [
        { callees: ['socket.gethostname', 'socket.getfqdn', 'platform.node'] },
        {
          callees: ['os.getenv', 'os.environ.get'],
          when: (call) =>
            /^(COMPUTERNAME|HOSTNAME|HOST)$/.test(call.args[0]?.kind === 'string' ? call.args[0].value : ''),
          note: () => 'reads the host name from the environment',
        },
        {
          callees: PROCESS_CALLEES,
          when: (call) => reconCommand(textOf(call.args[0])) === 'host',
          note: () => 'runs a command that prints the host (hostname, ifconfig, uname)',
        },
      ]),
      mergeOccurrences(
        detectJsCalls(context, JS_RULES),
        detectMemberReads(context, JS_HOST_VARIABLES, () => 'reads the host name from the environment'),
      ),
    ),
});
