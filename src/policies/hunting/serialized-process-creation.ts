import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { serializedIssue } from '../lib/serialized-evidence.ts';

export const serializedProcessCreation = definePolicy({
  id: 'serialized-process-creation',
  category: 'hunting',
  riskLabel: 'Causes risk: code hidden in data files',
  title: 'Ships serialized data that starts programs when it is loaded.',
  description:
    'Raised when serialized data in the package imports os.system, subprocess and other ways to start programs (serialized-data-starts-process). A warning when every occurrence sits in tests, documentation or examples.',
  problem: 'Loading the data runs commands on the machine: the usual payload of a booby-trapped pickle.',
  nextSteps: [
    'Do not load the file; list its opcodes with python -m pickletools (which does not run them).',
    'Ask the publisher why the data needs these callables, or use a format that cannot carry code.',
  ],
  severity: 'high',
  references: { reversinglabs: ['TH19103'], cwe: ['CWE-502'] },
  uses: ['serialized-data-starts-process'],
  signals: [filePlacement],
  evaluate: (context) =>
    serializedIssue(context, 'serialized-data-starts-process', 'process-starting import(s)'),
});
