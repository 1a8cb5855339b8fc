import { defineBehavior } from '../../catalog/define.ts';
import { buildBackendFiles, isInstallTime, locateFile } from '../../catalog/lib/location.ts';
import {
  DNS_CALLEES,
  DYNAMIC_CODE_CALLEES,
  HTTP_CALLEES,
  SERIALIZED_CODE_CALLEES,
  SOCKET_CALLEES,
} from '../lib/apis.ts';
import { PROCESS_CALLEES } from '../lib/commands.ts';
import { isLiteral, matchesCallee, pythonSources } from '../lib/match.ts';
import { callOccurrence, OccurrenceCollector } from '../lib/occurrence.ts';

/** Calls that act on the machine, as opposed to the bookkeeping a setup script normally does. */
const ACTIONS: readonly string[] = [
  ...PROCESS_CALLEES,
  ...HTTP_CALLEES,
  ...SOCKET_CALLEES,
  ...DNS_CALLEES,
  ...SERIALIZED_CODE_CALLEES,
  'webbrowser.open',
  'ctypes.*',
  'winreg.*',
  '_winreg.*',
];

export const runsAtInstallTime = defineBehavior({
  id: 'runs-at-install-time',
  category: 'execution',
  ecosystems: ['pypi'],
  title: 'Runs code while the package is installed.',
  description:
    'Finds calls in code that runs when pip builds the package from source — setup.py and an in-tree PEP 517 ' +
    'build backend — that act on the machine: starting programs, network access, dynamic code, native calls, ' +
    'the Windows registry.',
  problem:
    "Code in setup.py runs with the installing user's rights before anyone has imported, reviewed or even " +
    'used the package. That is the favourite hook of malicious packages. Many honest setup scripts run a ' +
    'compiler or git, so what the code does decides how much this matters.',
  nextSteps: [
    'Read the setup script and every function it calls at install time.',
    'Install from a wheel built in a sandbox, or with --only-binary, when the setup script does more than describe the package.',
  ],
  severity: 'low',
  references: { mitreAttack: ['T1195.002'], guarddog: ['code-execution'] },
  detect: (context) => {
    const collector = new OccurrenceCollector();
    const backends = buildBackendFiles(context.snapshot);
    for (const source of pythonSources(context)) {
      if (!isInstallTime(locateFile(context.snapshot, source.file, backends))) continue;
      for (const call of source.calls) {
        const dynamic = matchesCallee(call.callee, DYNAMIC_CODE_CALLEES) && !isLiteral(call.args[0]);
        if (dynamic || matchesCallee(call.callee, ACTIONS)) collector.add(callOccurrence(call));
      }
    }
    return collector.list();
  },
});
