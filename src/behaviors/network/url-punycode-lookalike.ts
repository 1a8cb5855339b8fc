import { defineBehavior } from '../../catalog/define.ts';
import { lookalikeOf, URL_CLASSES_UPDATED } from '../lib/url-classes.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlPunycodeLookalike = defineBehavior({
  id: 'url-punycode-lookalike',
  category: 'network',
  title: 'Contains a URL whose punycode host reads as a trusted domain.',
  description:
    'Decodes hosts written in punycode (xn--…) and reports those that, once accents are dropped and ' +
    'homoglyphs (Cyrillic and Greek letters, 0 for o, 1 for l, rn for m) are folded, read as a trusted registry, ' +
    `forge, cloud or identity domain (data/url-classes.json, ${URL_CLASSES_UPDATED}).`,
  problem:
    'A punycode host is shown to people as the Unicode name it encodes, which can be made to look exactly ' +
    'like github.com or pypi.org. It exists to deceive; no honest package needs one.',
  nextSteps: ['Treat the host as an impersonation; find the code that uses it and what it sends there.'],
  severity: 'medium',
  references: { reversinglabs: ['TH17112'], mitreAttack: ['T1583.001'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) =>
    urlOccurrences(facts.urls, (url) => {
      const f = lookalikeOf(url.host);
      return f?.kind === 'punycode' ? `punycode look-alike of ${f.trusted}: ${f.detail}` : null;
    }),
});
