import { defineBehavior } from '../../catalog/define.ts';
import { urlCredentialOccurrences } from '../lib/secrets/occurrences.ts';

export const containsUrlCredentials = defineBehavior({
  id: 'contains-url-credentials',
  category: 'secrets',
  ecosystems: ['pypi', 'npm'],
  title: 'Contains a URL with a user name and password in it.',
  description:
    'Finds URLs of the form scheme://user:password@host (HTTP, FTP, database, message broker and other schemes) ' +
    'whose password is not a template variable, a stock word (password, secret, changeme …), the user name again ' +
    'or a placeholder, and whose host is not local or an example domain. Those are reported as placeholders. Not ' +
    'verified; the password is masked.',
  problem:
    'The password travels with every copy of the package and often with every log line that prints the URL. ' +
    'Shared servers reached this way are open to anyone who reads it.',
  nextSteps: [
    'Change the password on the server.',
    'Pass credentials through the environment or a secret store.',
  ],
  severity: 'medium',
  references: { cwe: ['CWE-798', 'CWE-522'] },
  detect: urlCredentialOccurrences,
});
