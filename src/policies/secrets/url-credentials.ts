import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { secretIssue } from '../lib/secret-evidence.ts';

export const urlCredentials = definePolicy({
  id: 'url-credentials',
  category: 'secrets',
  riskLabel: 'Causes risk: published passwords',
  title: 'Publishes a URL with a user name and password in it.',
  description:
    'Raised when the package ships a URL with a real-looking password for a shared host (contains-url-credentials). Not verified. At low severity when only in tests, documentation or examples.',
  problem:
    'The password is readable by anyone with the package and by anyone reading logs that print the URL.',
  nextSteps: ['Change the password on the server.', 'Pass credentials through the environment.'],
  severity: 'medium',
  references: { reversinglabs: ['SQ34302'], cwe: ['CWE-798'] },
  uses: ['contains-url-credentials'],
  signals: [filePlacement],
  evaluate: (context) =>
    secretIssue(
      context,
      'contains-url-credentials',
      { shipped: 'medium', auxiliary: 'low' },
      'URL(s) with a password',
    ),
});
