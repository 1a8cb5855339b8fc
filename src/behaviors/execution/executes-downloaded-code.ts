import { defineBehavior } from '../../catalog/define.ts';
import { detectFlows } from '../lib/data-flow.ts';

export const executesDownloadedCode = defineBehavior({
  id: 'executes-downloaded-code',
  category: 'execution',
  ecosystems: ['pypi', 'npm'],
  title: 'Runs code or commands it downloaded.',
  description:
    'Follows the result of fetch, axios, got, request and needle downloads in JavaScript through variables, string building, function returns and function parameters, and reports where it reaches eval, Function, vm, a module compiled from a string, or a child process. In Python, follows a name assigned from requests, urllib or httpx to exec, eval, compile, os.system or subprocess.',
  problem:
    "Running what a server sends lets the author change the package's behaviour at any time after it was reviewed and published; the payload never appears in the package.",
  nextSteps: ['Find what is run and where it comes from, without running the package.'],
  severity: 'high',
  references: { mitreAttack: ['T1105', 'T1059.007'] },
  detect: (context) =>
    detectFlows(context, (flow) =>
      (flow.sink === 'code' || flow.sink === 'process') && flow.labels.includes('remote') ? ['remote'] : [],
    ),
});
