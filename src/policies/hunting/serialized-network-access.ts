import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { serializedIssue } from '../lib/serialized-evidence.ts';

export const serializedNetworkAccess = definePolicy({
  id: 'serialized-network-access',
  category: 'hunting',
  riskLabel: 'Causes risk: code hidden in data files',
  title: 'Ships serialized data that reaches the network when it is loaded.',
  description:
    'Raised when serialized data in the package imports network modules (serialized-data-uses-network). A warning when every occurrence sits in tests, documentation or examples.',
  problem:
    'Loading the data opens connections: a second stage can come in, or data can go out, before any code of the package runs.',
  nextSteps: [
    'Do not load the file; list its opcodes with python -m pickletools (which does not run them).',
    'Ask the publisher why the data needs these callables, or use a format that cannot carry code.',
  ],
  severity: 'high',
  references: { reversinglabs: ['TH19102'], cwe: ['CWE-502'] },
  uses: ['serialized-data-uses-network'],
  signals: [filePlacement],
  evaluate: (context) => serializedIssue(context, 'serialized-data-uses-network', 'network import(s)'),
});
