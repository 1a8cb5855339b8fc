import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { secretIssue } from '../lib/secret-evidence.ts';

export const versionControlData = definePolicy({
  id: 'version-control-data',
  category: 'secrets',
  riskLabel: 'Causes risk: leaked source history',
  title: 'Publishes a version control repository folder.',
  description:
    'Raised when the package ships a .git, .svn, .hg, .bzr or CVS folder (ships-version-control-data). At medium severity when the folder sits in tests, documentation or examples, where repositories are sometimes fixtures.',
  problem:
    'The history can hold deleted secrets, unpublished code and internal addresses, all of it now public.',
  nextSteps: [
    'Search the history for secrets and rotate them.',
    'Exclude the folder from the build and publish again.',
  ],
  severity: 'high',
  references: { reversinglabs: ['SQ34201'], cwe: ['CWE-527'] },
  uses: ['ships-version-control-data'],
  signals: [filePlacement],
  evaluate: (context) =>
    secretIssue(
      context,
      'ships-version-control-data',
      { shipped: 'high', auxiliary: 'medium' },
      'repository folder(s)',
    ),
});
