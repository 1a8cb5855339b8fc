import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { secretIssue } from '../lib/secret-evidence.ts';

export const apiKey = definePolicy({
  id: 'api-key',
  category: 'secrets',
  riskLabel: 'Causes risk: published API keys',
  title: 'Publishes an API key of a paid web service.',
  description:
    'Raised when the package ships an API key in a published format (contains-api-key): Stripe, Twilio, SendGrid, OpenAI, Anthropic, Google. Not verified with the service. At low severity when only in tests, documentation or examples.',
  problem: 'An API key spends its owner’s money and reaches what the account holds.',
  nextSteps: [
    'Rotate the key and check its usage.',
    'If it is meant to be public (a restricted browser key), suppress the finding with that reason.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['SQ34305'], cwe: ['CWE-798'] },
  uses: ['contains-api-key'],
  signals: [filePlacement],
  evaluate: (context) =>
    secretIssue(context, 'contains-api-key', { shipped: 'medium', auxiliary: 'low' }, 'API key(s)'),
});
