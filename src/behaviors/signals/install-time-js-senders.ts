import { defineSignal } from '../../catalog/define.ts';
import { type CallSite, callEvidence } from '../../catalog/lib/evidence.ts';
import type { IssueEvidence } from '../../catalog/types.ts';
import { jsSources } from '../lib/javascript.ts';
import { isJsNetworkCall, JS_DNS_CALLEES } from '../lib/js-apis.ts';
import { matchesCallee } from '../lib/match.ts';
import { npmStages } from '../lib/npm.ts';

/** What a stealer or a beacon collects about the machine before sending it. */
const FINGERPRINT_CALLEES = ['os.hostname', 'os.userInfo', 'os.networkInterfaces'];
const SECRET_VARIABLE =
  /^process\.env\.(?:\w*TOKEN\w*|\w*SECRET\w*|\w*PASSWORD\w*|AWS_\w+|NPM_\w+|GH_\w+|GITHUB_\w+)$/;

export interface InstallTimeSender {
  readonly file: string;
  /** HTTP requests, sockets and DNS look-ups, in source order. */
  readonly network: readonly CallSite[];
  /** DNS look-ups of a name built from data (hostname + '.' + domain): the name itself carries the data out. */
  readonly computedLookups: readonly CallSite[];
  /** Reads of secret-looking environment variables (process.env.NPM_TOKEN …), as evidence. */
  readonly secretVariables: readonly IssueEvidence[];
  /** Host name, user and network interface look-ups, as evidence. */
  readonly fingerprints: readonly IssueEvidence[];
}

function isComputedDnsName(
  call: CallSite & { readonly args: readonly { readonly kind: string }[] },
): boolean {
  const first = call.args[0];
  // A literal host is a lookup; a name built from data (hostname + '.' + domain) carries that data out.
  return first !== undefined && first.kind !== 'string';
}

/**
 * The files an npm install runs that talk to the network, in source order, with what they collect: secret
 * environment variables and machine facts.
 */
export const installTimeJsSenders = defineSignal<readonly InstallTimeSender[]>({
  id: 'install-time-js-senders',
  description:
    'Files that an npm install script runs (and the files they load) that make HTTP requests, open sockets or ' +
    'resolve DNS names, with the DNS look-ups of a computed name, the secret-looking environment variables they ' +
    'read (tokens, secrets, passwords, AWS_, NPM_, GH_, GITHUB_) and the machine facts they collect (host name, ' +
    'user, network interfaces).',
  derive: (context) => {
    const stages = npmStages(context.snapshot, context.facts);
    const files = new Set([...stages].filter(([, stage]) => stage === 'install').map(([file]) => file));
    if (files.size === 0) return [];
    const out: InstallTimeSender[] = [];
    for (const source of jsSources(context)) {
      if (!files.has(source.file)) continue;
      const network = source.calls.filter(isJsNetworkCall);
      if (network.length === 0) continue;
      const secretVariables: IssueEvidence[] = [];
      for (const fact of source.constructs) {
        if (fact.kind === 'member-read' && SECRET_VARIABLE.test(fact.detail ?? '')) {
          secretVariables.push({
            behavior: 'reads-environment-variables',
            file: fact.file,
            line: fact.line,
            column: fact.column,
            snippet: fact.snippet,
            detail: `reads ${fact.detail}`,
          });
        }
      }
      const fingerprints = source.calls
        .filter((call) => matchesCallee(call.callee, FINGERPRINT_CALLEES))
        .map((call) =>
          callEvidence(
            call.callee === 'os.hostname' ? 'queries-host-name' : 'queries-user-name',
            call,
            `collects ${call.callee}()`,
          ),
        );
      const computedLookups = network.filter(
        (call) => matchesCallee(call.callee, JS_DNS_CALLEES) && isComputedDnsName(call),
      );
      out.push({ file: source.file, network, computedLookups, secretVariables, fingerprints });
    }
    return out;
  },
});
