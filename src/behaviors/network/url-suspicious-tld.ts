import { defineBehavior } from '../../catalog/define.ts';
import { ABUSED_TLDS_UPDATED, abusedTld } from '../lib/url-classify.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlSuspiciousTld = defineBehavior({
  id: 'url-suspicious-tld',
  category: 'network',
  title: 'Contains a URL whose domain is under a frequently abused top-level domain.',
  description:
    'Reads the top-level domain of every URL host with the public suffix list (so `x.co.uk` is under `uk`) ' +
    'and reports hosts under a TLD of assay’s hand-kept list (data/abused-tlds.json): the Spamhaus ' +
    'most-abused rankings, the former Freenom free TLDs (.tk .ml .ga .cf .gq), cheap new gTLDs often seen ' +
    `in malware reports (.xyz .top .icu …) and TLDs that read like file names (.zip .mov). List date: ${ABUSED_TLDS_UPDATED}.`,
  problem:
    'Domains under these TLDs are cheap or were free, and abuse reports show a high share of them serving ' +
    'phishing or malware. Most are harmless, so this is a weak signal on its own; it matters when the same ' +
    'URL also uses a bare port, an executable download or a hidden encoding.',
  nextSteps: [
    'Look up who runs the domain and whether the project documents it.',
    'Read the code that uses the URL: what it downloads or sends matters more than the TLD.',
  ],
  severity: 'low',
  references: {},
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) =>
    urlOccurrences(facts.urls, (url) => {
      const found = abusedTld(url.host);
      return found ? `host ${url.host} is under .${found.tld} (${found.sources.join(', ')})` : null;
    }),
});
