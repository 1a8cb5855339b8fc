import { defineBehavior } from '../../catalog/define.ts';
import { detectFlows } from '../lib/data-flow.ts';

/** Values that identify the machine or give access to accounts. File contents in general are left out. */
export const SENSITIVE_FLOW_LABELS: readonly string[] = [
  'host-name',
  'user-name',
  'network-config',
  'env',
  'env-secret',
  'credential-file',
  'secret',
  'cookie',
];

export const sendsSensitiveData = defineBehavior({
  id: 'sends-sensitive-data',
  category: 'network',
  ecosystems: ['pypi', 'npm'],
  title: 'Sends credentials, secrets or machine identity over the network.',
  description:
    'Follows values inside a JavaScript file — the host and user name, network interfaces, the whole ' +
    'environment or a secret variable of it, the contents of credential files (SSH, cloud, npm, browser and chat ' +
    'stores), variables named like wallet secrets (private key, seed, mnemonic) or searched for key markers, the ' +
    'document.cookie of a page — through variables, object ' +
    'literals, string building, function returns and functions whose parameter is sent, and reports where one ' +
    'reaches a network call (HTTP, fetch, sockets, DNS, WebSocket, or the src / href / action of a page element). ' +
    'In Python, follows a name assigned from a credential file, a secret environment variable, the whole ' +
    'environment, the host or user name to a requests, urllib, httpx or socket call.',
  problem:
    'Data that reaches a request leaves the machine. A credential or key sent out is a stolen credential; host ' +
    'and user names sent to a fixed host are how beacons and stealers register their victims.',
  nextSteps: [
    'Read the flow from the value to the call and check which host receives it.',
    'If the host is not the service the package is for, treat the package as a stealer.',
  ],
  severity: 'high',
  references: { mitreAttack: ['T1041', 'T1005', 'T1082'] },
  detect: (context) =>
    detectFlows(context, (flow) => {
      if (flow.sink !== 'network') return [];
      const labels = flow.labels.filter((label) => SENSITIVE_FLOW_LABELS.includes(label));
      // A secret-named value is only telling when it goes to a host written in the code.
      return labels.filter((label) => label !== 'secret' || flow.host !== undefined);
    }),
});
