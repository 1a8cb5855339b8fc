import { defineBehavior } from '../../catalog/define.ts';
import { lookalikeOf, URL_CLASSES_UPDATED } from '../lib/url-classes.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlTyposquatDomain = defineBehavior({
  id: 'url-typosquat-domain',
  category: 'network',
  title: 'Contains a URL whose domain is one typing mistake away from a trusted domain.',
  description:
    'Compares the registrable name of every URL host (without its public suffix) with the trusted domains of ' +
    'data/url-classes.json and reports names one insertion, deletion, substitution or swap away from a trusted ' +
    `name of six letters or more (githib.com, gogle.com). Known real services are listed as exceptions (${URL_CLASSES_UPDATED}).`,
  problem:
    'Typo domains catch mistyped links and fool a quick read of the code; attackers register them to ' +
    'receive stolen tokens or serve fake downloads under a familiar name.',
  nextSteps: ['Check who owns the domain; if it is not the real service, treat the URL as hostile.'],
  severity: 'medium',
  references: { reversinglabs: ['TH17113'], mitreAttack: ['T1583.001'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) =>
    urlOccurrences(facts.urls, (url) => {
      const f = lookalikeOf(url.host);
      return f?.kind === 'typosquat' ? `typosquat of ${f.trusted}: ${f.detail}` : null;
    }),
});
