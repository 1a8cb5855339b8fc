import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { serializedIssue } from '../lib/serialized-evidence.ts';

export const serializedFileTampering = definePolicy({
  id: 'serialized-file-tampering',
  category: 'hunting',
  riskLabel: 'Causes risk: code hidden in data files',
  title: 'Ships serialized data that loads or writes other serialized data.',
  description:
    'Raised when serialized data in the package imports pickle, dill, joblib, marshal, yaml, torch or numpy load and save functions (serialized-data-writes-serialized-files). A warning when every occurrence sits in tests, documentation or examples.',
  problem:
    'Such data hides a payload a layer deeper, or plants code in other model and cache files that run it later.',
  nextSteps: [
    'Do not load the file; list its opcodes with python -m pickletools (which does not run them).',
    'Ask the publisher why the data needs these callables, or use a format that cannot carry code.',
  ],
  severity: 'high',
  references: { reversinglabs: ['TH19105'], cwe: ['CWE-502'] },
  uses: ['serialized-data-writes-serialized-files'],
  signals: [filePlacement],
  evaluate: (context) =>
    serializedIssue(context, 'serialized-data-writes-serialized-files', 'import(s) of serializers'),
});
