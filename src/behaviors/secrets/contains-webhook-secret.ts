import { defineBehavior } from '../../catalog/define.ts';
import { credentialOccurrences } from '../lib/secrets/occurrences.ts';

export const containsWebhookSecret = defineBehavior({
  id: 'contains-webhook-secret',
  category: 'secrets',
  ecosystems: ['pypi', 'npm'],
  title: 'Contains a webhook URL or signing secret that lets anyone post as its owner.',
  description:
    'Finds Slack incoming webhook URLs and Discord webhook URLs with their token part, and Stripe webhook signing ' +
    'secrets (whsec_). Not verified with the service; the evidence shows the secret part masked.',
  problem:
    'Whoever has a webhook URL can post into the channel it feeds, in the name of the integration: phishing ' +
    'messages, fake alerts or spam. A leaked signing secret lets anyone forge events the receiver will trust. ' +
    'Malware also uses such webhooks to send stolen data.',
  nextSteps: [
    'Delete or regenerate the webhook, or roll the signing secret, with the service.',
    'If the package sends data to the webhook, find out what it sends.',
  ],
  severity: 'high',
  references: { cwe: ['CWE-798'] },
  detect: (context) => credentialOccurrences(context, 'webhook'),
});
