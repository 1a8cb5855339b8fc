import { defineBehavior } from '../../catalog/define.ts';
import { SOCKET_CALLEES } from '../lib/apis.ts';
import { detectCalls, mergeOccurrences } from '../lib/detect.ts';
import { detectJsCalls } from '../lib/javascript.ts';
import { JS_SOCKET_CALLEES } from '../lib/js-apis.ts';

/** npm: net, tls and dgram sockets. */
const JS_RULES = [{ callees: JS_SOCKET_CALLEES }];

export const opensSocket = defineBehavior({
  id: 'opens-socket',
  category: 'network',
  ecosystems: ['pypi', 'npm'],
  title: 'Opens raw network sockets.',
  description:
    'Finds socket.socket, socket.create_connection, ssl.wrap_socket, asyncio.open_connection and telnetlib ' +
    'connections.',
  problem:
    'Raw sockets carry any protocol, including reverse shells and custom command-and-control channels that ' +
    'bypass HTTP proxies and logging. Servers, database drivers and protocol libraries use them honestly.',
  nextSteps: ['Check which host and port the socket reaches and what is sent or received over it.'],
  severity: 'low',
  references: { mitreAttack: ['T1095'] },
  detect: (context) =>
    mergeOccurrences(detectCalls(context, [{ callees: SOCKET_CALLEES }]), detectJsCalls(context, JS_RULES)),
});
