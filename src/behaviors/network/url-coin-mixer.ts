import { defineBehavior } from '../../catalog/define.ts';
import { coinMixerOf, URL_CLASSES_UPDATED } from '../lib/url-classes.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlCoinMixer = defineBehavior({
  id: 'url-coin-mixer',
  category: 'network',
  title: 'Contains a URL of a cryptocurrency mixing service.',
  description:
    'Reports URLs of cryptocurrency mixers named in public sanctions and takedowns (Blender.io, Tornado Cash, ' +
    `ChipMixer, Sinbad, Bestmixer, Samourai Whirlpool; data/url-classes.json, ${URL_CLASSES_UPDATED}).`,
  problem:
    'Mixers exist to break the trail between stolen coins and their new owner. Software that talks to one ' +
    'moves funds out of reach, and several of these services are under sanctions.',
  nextSteps: [
    'Find the code that uses the URL and what it sends there.',
    'Check the sanctions status of the service before any use.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['TH17106'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) =>
    urlOccurrences(facts.urls, (url) => {
      const s = coinMixerOf(url.host);
      return s ? `cryptocurrency mixer ${s}` : null;
    }),
});
