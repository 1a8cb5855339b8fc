import { defineBehavior } from '../../catalog/define.ts';
import { parseDataFlow } from '../lib/data-flow.ts';
import { disposableHostOf } from '../lib/disposable-host.ts';
import { constructOccurrence, OccurrenceCollector } from '../lib/occurrence.ts';

export const sendsDataToDisposableHost = defineBehavior({
  id: 'sends-data-to-disposable-host',
  category: 'network',
  ecosystems: ['pypi', 'npm'],
  title: 'Sends data it collected to a disposable host.',
  description:
    'Reads the traced flows of the JavaScript and Python analyzers (values from the machine, files, the ' +
    'environment, decoded or downloaded data) that reach a network call whose host is written in the code, and ' +
    'reports those whose host anyone can stand up or rent for free: a tunnel or dynamic DNS name, a deployment ' +
    'on a free serverless platform (workers.dev, vercel.app, deno.dev …), a request collector, a paste or ' +
    'file-drop site, a bare public IP address, or a domain under an abused TLD (.pw, .xyz …). A mere mention of ' +
    'such a host is left to the url-* behaviors.',
  problem:
    'Stealers and beacons post what they gather to hosts that cost nothing and leave no trail. A library that ' +
    'talks to its own service sends to a name its project owns; data sent from code to a throw-away host is ' +
    'rarely innocent.',
  nextSteps: [
    'Read what reaches the call and who runs the host.',
    'If the package has no reason to talk to that host, treat it as exfiltration.',
  ],
  severity: 'medium',
  references: { mitreAttack: ['T1041', 'T1567', 'T1102'] },
  detect: (context) => {
    const collector = new OccurrenceCollector();
    for (const source of context.facts.sources) {
      for (const fact of source.constructs) {
        const flow = parseDataFlow(fact);
        if (flow === undefined || flow.sink !== 'network' || flow.host === undefined) continue;
        const kind = disposableHostOf(flow.host);
        if (kind === null) continue;
        collector.add(constructOccurrence(fact, `data reaches ${flow.host} (${kind})`));
        if (collector.full) return collector.list();
      }
    }
    return collector.list();
  },
});
