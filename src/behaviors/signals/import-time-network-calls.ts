import { defineSignal } from '../../catalog/define.ts';
import type { CallSite, WeighedEvidence } from '../../catalog/lib/evidence.ts';
import { DNS_CALLEES, HTTP_CALLEES, SOCKET_CALLEES } from '../lib/apis.ts';
import { jsImportTimeNetwork } from '../lib/js-code-shapes.ts';
import { locatedCalls } from '../lib/located-calls.ts';
import { matchesCallee, pythonSources } from '../lib/match.ts';

/** Beacons are small: a few dozen calls at most. */
const SHORT_FILE_CALLS = 60;
const NETWORK_CALLEES = [...HTTP_CALLEES, ...SOCKET_CALLEES, ...DNS_CALLEES];

export interface InitNetworkCall {
  readonly call: CallSite;
  /** Made at module level, so it runs on every import. */
  readonly onImport: boolean;
  /** A DNS lookup of a host written in the code: the dependency-confusion beacon, even inside a function. */
  readonly fixedHost: boolean;
  /** The file makes few calls, as a beacon does (writers and drivers named __init__.py make many). */
  readonly shortFile: boolean;
}

export interface ImportTimeNetworkCalls {
  /** Python: HTTP, socket and DNS calls in a package __init__.py. */
  readonly python: readonly InitNetworkCall[];
  /** JavaScript: sends at module level of a file that require or import runs, with host and user look-ups. */
  readonly javascript: WeighedEvidence;
}

/** Network calls made by the code that runs when the package is imported. */
export const importTimeNetworkCalls = defineSignal<ImportTimeNetworkCalls>({
  id: 'import-time-network-calls',
  description:
    'Network calls in code that runs on import: HTTP, socket and DNS calls in a Python package __init__.py (with ' +
    'whether they run at module level, look up a fixed host, or sit in a short file), and JavaScript sends at the ' +
    'top level of files that require or import reaches, with the host and user look-ups beside them.',
  derive: (context) => {
    const callCounts = new Map(pythonSources(context).map((facts) => [facts.file, facts.calls.length]));
    const python: InitNetworkCall[] = [];
    for (const { call, location } of locatedCalls(context, NETWORK_CALLEES)) {
      if (location !== 'package-init' || !matchesCallee(call.callee, NETWORK_CALLEES)) continue;
      python.push({
        call,
        onImport: call.scope === 'module',
        fixedHost: matchesCallee(call.callee, DNS_CALLEES) && call.args[0]?.kind === 'string',
        shortFile: (callCounts.get(call.file) ?? 0) <= SHORT_FILE_CALLS,
      });
    }
    return { python, javascript: jsImportTimeNetwork(context) };
  },
});
