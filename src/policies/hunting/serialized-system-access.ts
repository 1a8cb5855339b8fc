import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { serializedIssue } from '../lib/serialized-evidence.ts';

export const serializedSystemAccess = definePolicy({
  id: 'serialized-system-access',
  category: 'hunting',
  riskLabel: 'Causes risk: code hidden in data files',
  title: 'Ships serialized data that reaches system interfaces when it is loaded.',
  description:
    'Raised when serialized data in the package imports file, environment, native-call or other operating system interfaces (serialized-data-uses-system-interfaces). A warning when every occurrence sits in tests, documentation or examples.',
  problem:
    'Loading the data can read, change or delete files and settings, or call native code, behind the back of the application that loads it.',
  nextSteps: [
    'Do not load the file; list its opcodes with python -m pickletools (which does not run them).',
    'Ask the publisher why the data needs these callables, or use a format that cannot carry code.',
  ],
  severity: 'high',
  references: { reversinglabs: ['TH19104'], cwe: ['CWE-502'] },
  uses: ['serialized-data-uses-system-interfaces'],
  signals: [filePlacement],
  evaluate: (context) =>
    serializedIssue(context, 'serialized-data-uses-system-interfaces', 'system interface import(s)'),
});
