import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { serializedIssue } from '../lib/serialized-evidence.ts';

export const serializedCodeExecution = definePolicy({
  id: 'serialized-code-execution',
  category: 'hunting',
  riskLabel: 'Causes risk: code hidden in data files',
  title: 'Ships serialized data that runs code when it is loaded.',
  description:
    'Raised when a pickle, NumPy object array, PyYAML document or node-serialize payload in the package names a callable that evaluates or imports code (serialized-data-runs-code). A warning when every occurrence sits in tests, documentation or examples.',
  problem:
    'Whoever loads the file runs the code it carries. Data files are seldom reviewed, and a model shared for convenience is enough to run a payload.',
  nextSteps: [
    'Do not load the file; list its opcodes with python -m pickletools (which does not run them).',
    'Ask the publisher why the data needs these callables, or use a format that cannot carry code.',
  ],
  severity: 'high',
  references: { reversinglabs: ['TH19101'], cwe: ['CWE-502'] },
  uses: ['serialized-data-runs-code'],
  signals: [filePlacement],
  evaluate: (context) => serializedIssue(context, 'serialized-data-runs-code', 'code-running import(s)'),
});
