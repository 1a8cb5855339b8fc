import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { secretIssue } from '../lib/secret-evidence.ts';

export const debugDatabase = definePolicy({
  id: 'debug-database',
  category: 'secrets',
  riskLabel: 'Causes risk: easier reverse engineering',
  title: 'Publishes debug symbol databases.',
  description:
    'Raised when the package ships .pdb, .dSYM or incremental build databases (ships-debug-database).',
  problem:
    'Debug databases reveal source file names, function names and build machine paths of compiled code.',
  nextSteps: ['Exclude debug databases from the release unless they are published on purpose.'],
  severity: 'medium',
  references: { reversinglabs: ['SQ34202'], cwe: ['CWE-215'] },
  uses: ['ships-debug-database'],
  signals: [filePlacement],
  evaluate: (context) =>
    secretIssue(
      context,
      'ships-debug-database',
      { shipped: 'medium', auxiliary: 'low' },
      'debug symbol database(s)',
    ),
});
