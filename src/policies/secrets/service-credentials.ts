import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { secretIssue } from '../lib/secret-evidence.ts';

export const serviceCredentials = definePolicy({
  id: 'service-credentials',
  category: 'secrets',
  riskLabel: 'Causes risk: published cloud and service accounts',
  title: 'Publishes an account id with its secret for a cloud or web service.',
  description:
    'Raised when the package ships an account id together with its secret (contains-service-credentials): AWS keys, Google service accounts, Azure storage keys, Twilio accounts. Not verified with the service. At medium severity when only in tests, documentation or examples.',
  problem:
    'With both halves anyone can use the account within its rights: data, machines, messages and the bill.',
  nextSteps: [
    'Deactivate the credentials with the service and review its activity log.',
    'Load credentials from the environment or a secret store.',
  ],
  severity: 'high',
  references: { reversinglabs: ['SQ34303'], cwe: ['CWE-798'] },
  uses: ['contains-service-credentials'],
  signals: [filePlacement],
  evaluate: (context) =>
    secretIssue(
      context,
      'contains-service-credentials',
      { shipped: 'high', auxiliary: 'medium' },
      'account id and secret pair(s)',
    ),
});
