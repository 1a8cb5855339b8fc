import { defineBehavior } from '../../catalog/define.ts';
import { DNS_CALLEES } from '../lib/apis.ts';
import { detectCalls, mergeOccurrences } from '../lib/detect.ts';
import { detectJsCalls } from '../lib/javascript.ts';
import { JS_DNS_CALLEES } from '../lib/js-apis.ts';

/** npm: Node's dns module. */
const JS_RULES = [{ callees: JS_DNS_CALLEES }];

export const resolvesDns = defineBehavior({
  id: 'resolves-dns',
  category: 'network',
  ecosystems: ['pypi', 'npm'],
  title: 'Resolves host names through DNS.',
  description:
    'Finds DNS lookups: socket.gethostbyname / gethostbyname_ex / gethostbyaddr / getaddrinfo and dnspython or ' +
    'aiodns resolvers.',
  problem:
    'A DNS lookup is enough to leak data: dependency-confusion probes encode the host name or user name into a ' +
    'subdomain of a server the attacker controls, and the lookup alone delivers it.',
  nextSteps: [
    'Check the names being resolved; a constant unfamiliar domain or a name built from host data is suspect.',
  ],
  severity: 'low',
  references: { mitreAttack: ['T1071.004'] },
  detect: (context) =>
    mergeOccurrences(detectCalls(context, [{ callees: DNS_CALLEES }]), detectJsCalls(context, JS_RULES)),
});
