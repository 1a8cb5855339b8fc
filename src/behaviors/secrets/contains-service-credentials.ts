import { defineBehavior } from '../../catalog/define.ts';
import { credentialOccurrences } from '../lib/secrets/occurrences.ts';

export const containsServiceCredentials = defineBehavior({
  id: 'contains-service-credentials',
  category: 'secrets',
  ecosystems: ['pypi', 'npm'],
  title: 'Contains an account id together with its secret for a cloud or web service.',
  description:
    'Finds pairs that sign in to a service: an AWS access key id (AKIA / ASIA) with a 40-character secret key ' +
    'within five lines, Google service-account JSON with its private key, Azure storage connection strings with ' +
    'their account key, and a Twilio account SID with an auth token nearby. assay never calls the service, so ' +
    'whether they still work is not verified. The evidence is masked.',
  problem:
    'With an id and its secret, anyone can use the account within its permissions: read and delete data, start ' +
    'machines, send messages, and run up the owner’s bill.',
  nextSteps: [
    'Deactivate the key with the service and check its activity log for use by others.',
    'Load credentials from the environment or a secret store instead of files in the package.',
  ],
  severity: 'high',
  references: { cwe: ['CWE-798'] },
  detect: (context) => credentialOccurrences(context, 'credentials'),
});
