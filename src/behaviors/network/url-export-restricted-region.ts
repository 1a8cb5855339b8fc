import { defineBehavior } from '../../catalog/define.ts';
import { exportRestrictedTldOf, URL_CLASSES_UPDATED } from '../lib/url-classes.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlExportRestrictedRegion = defineBehavior({
  id: 'url-export-restricted-region',
  category: 'network',
  title: 'Contains a URL under the country-code domain of a country with US or EU export restrictions.',
  description:
    'Reads the top-level domain of every URL host with the public suffix list and reports country-code TLDs ' +
    'of countries under country-wide US programmes (OFAC, EAR part 746: Cuba, Iran, North Korea, Russia, ' +
    'Belarus) or broad EU restrictive measures (Russia, Belarus, Iran, North Korea). A ccTLD says where a name ' +
    `is registered, not where its server stands (data/url-classes.json, ${URL_CLASSES_UPDATED}).`,
  problem:
    'Sending data to, or downloading from, services in these countries can breach export and sanctions rules ' +
    'that bind the organisation using the package, whatever the code does.',
  nextSteps: [
    'Check with the people who handle export compliance whether the use is allowed.',
    'Find what the package exchanges with the host.',
  ],
  severity: 'low',
  references: { reversinglabs: ['TH18101', 'TH18102'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) =>
    urlOccurrences(facts.urls, (url) => {
      const f = exportRestrictedTldOf(url.host);
      return f
        ? `.${f.tld} (${f.country}): ${f.regimes.map((r) => r.toUpperCase()).join(' and ')} export restrictions`
        : null;
    }),
});
