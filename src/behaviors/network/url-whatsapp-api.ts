import { defineBehavior } from '../../catalog/define.ts';
import { URL_CLASSES_UPDATED, whatsappApiOf } from '../lib/url-classes.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlWhatsappApi = defineBehavior({
  id: 'url-whatsapp-api',
  category: 'network',
  title: 'Contains a URL of the WhatsApp messaging API or a WhatsApp gateway.',
  description:
    'Reports the WhatsApp Cloud API messages endpoint (graph.facebook.com/<version>/<id>/messages), ' +
    'click-to-chat and web send links with a number, and third-party WhatsApp gateways (CallMeBot, UltraMsg, ' +
    `GREEN-API, WaAPI; data/url-classes.json, ${URL_CLASSES_UPDATED}).`,
  problem:
    'A message API is a channel out of the machine that needs no server of the attacker’s own; stealers send ' +
    'their loot to a chat this way. Notification and bot libraries use the same endpoints honestly.',
  nextSteps: ['Check what the package sends in its messages and to which number.'],
  severity: 'low',
  references: { reversinglabs: ['TH17133'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) => urlOccurrences(facts.urls, (url) => whatsappApiOf(url.host, url.url)),
});
