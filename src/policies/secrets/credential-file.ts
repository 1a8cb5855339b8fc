import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { secretIssue } from '../lib/secret-evidence.ts';

export const credentialFile = definePolicy({
  id: 'credential-file',
  category: 'secrets',
  riskLabel: 'Causes risk: published developer credentials',
  title: 'Publishes a file that holds a developer’s credentials.',
  description:
    'Raised when the package ships .env files with secret-named variables, .npmrc or .pypirc files with credentials, .git-credentials, .netrc, Terraform state or shell histories (ships-credential-file). At low severity when only in tests, documentation or examples.',
  problem:
    'These files hold the credentials a developer meant to keep off the record: registry tokens, database passwords, cloud keys.',
  nextSteps: ['Rotate every credential in the file.', 'Exclude such files from the build and publish again.'],
  severity: 'medium',
  references: { cwe: ['CWE-538'] },
  uses: ['ships-credential-file'],
  signals: [filePlacement],
  evaluate: (context) =>
    secretIssue(
      context,
      'ships-credential-file',
      { shipped: 'medium', auxiliary: 'low' },
      'credential file(s)',
    ),
});
