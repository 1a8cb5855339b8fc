import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { secretIssue } from '../lib/secret-evidence.ts';

export const webhookSecret = definePolicy({
  id: 'webhook-secret',
  category: 'secrets',
  riskLabel: 'Causes risk: published webhooks',
  title: 'Publishes a webhook URL or signing secret.',
  description:
    'Raised when the package ships a Slack or Discord webhook URL with its token, or a Stripe webhook signing secret (contains-webhook-secret). Not verified with the service. At medium severity when only in tests, documentation or examples.',
  problem:
    'Anyone can post through the webhook as the integration, or forge events a receiver trusts; malware uses such webhooks to collect stolen data.',
  nextSteps: [
    'Delete or regenerate the webhook or its signing secret.',
    'Find out what the package sends to it.',
  ],
  severity: 'high',
  references: { reversinglabs: ['SQ34306'], cwe: ['CWE-798'] },
  uses: ['contains-webhook-secret'],
  signals: [filePlacement],
  evaluate: (context) =>
    secretIssue(
      context,
      'contains-webhook-secret',
      { shipped: 'high', auxiliary: 'medium' },
      'webhook secret(s)',
    ),
});
