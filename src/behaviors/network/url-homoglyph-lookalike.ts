import { defineBehavior } from '../../catalog/define.ts';
import { lookalikeOf, URL_CLASSES_UPDATED } from '../lib/url-classes.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlHomoglyphLookalike = defineBehavior({
  id: 'url-homoglyph-lookalike',
  category: 'network',
  title: 'Contains a URL whose host imitates a trusted domain with look-alike characters.',
  description:
    'Reports hosts written with Unicode letters or digit stand-ins that, once accents are dropped and ' +
    'homoglyphs are folded (Cyrillic а for a, Greek ο for o, 0 for o, 1 for l, rn for m), read as a trusted ' +
    `domain (data/url-classes.json, ${URL_CLASSES_UPDATED}).`,
  problem:
    'Look-alike characters make a domain that a reader takes for github.com or paypal.com. The only reason ' +
    'to register one is to be mistaken for the real service.',
  nextSteps: ['Treat the host as an impersonation; find the code that uses it and what it sends there.'],
  severity: 'medium',
  references: { reversinglabs: ['TH17110'], mitreAttack: ['T1583.001'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) =>
    urlOccurrences(facts.urls, (url) => {
      const f = lookalikeOf(url.host);
      return f?.kind === 'homoglyph' ? `homoglyph look-alike of ${f.trusted}: ${f.detail}` : null;
    }),
});
