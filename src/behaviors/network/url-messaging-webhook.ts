import { defineBehavior } from '../../catalog/define.ts';
import { webhookOf } from '../lib/url-classify.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlMessagingWebhook = defineBehavior({
  id: 'url-messaging-webhook',
  category: 'network',
  title: 'Contains a chat webhook or request-collector URL.',
  description:
    'Reports URLs that accept posted data without an account of the sender: Discord webhooks ' +
    '(discord.com/api/webhooks), the Telegram bot API (api.telegram.org/bot…), Slack and Teams incoming ' +
    'webhooks, IFTTT triggers, request collectors (webhook.site, Pipedream/RequestBin, Request Catcher, ' +
    'Beeceptor) and out-of-band callback servers (Burp Collaborator, interactsh, Canarytokens).',
  problem:
    'These endpoints are the cheapest way to receive stolen data: a token in the URL is all an attacker needs ' +
    'to read what the package sends. Callback servers are used by dependency-confusion probes to report the ' +
    'machines that installed them. Chat and bot libraries mention the same URLs legitimately.',
  nextSteps: [
    'Find the code that posts to the URL and check what data it collects before sending.',
    'If the package is not a chat or bot library, treat the URL as a likely exfiltration channel.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['TH17125', 'TH17126', 'TH17131', 'TH17132'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) => urlOccurrences(facts.urls, (url) => webhookOf(url.host, url.url)),
});
