import { defineBehavior } from '../../catalog/define.ts';
import { browserMinerOf, URL_CLASSES_UPDATED } from '../lib/url-classes.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlBrowserMiningService = defineBehavior({
  id: 'url-browser-mining-service',
  category: 'network',
  title: 'Contains a URL of a browser cryptocurrency-mining service.',
  description:
    'Reports URLs of services that mine cryptocurrency in the visitor’s browser or sell mining scripts to embed ' +
    `(Coinhive, CryptoLoot, CoinImp, WebMinePool, JSEcoin …; data/url-classes.json, ${URL_CLASSES_UPDATED}).`,
  problem:
    'A mining script spends the user’s processor and power for someone else’s profit (cryptojacking). Most of ' +
    'these services are closed, but old payloads still carry their URLs.',
  nextSteps: [
    'Find where the script is loaded: a package that injects it into pages or runs it in Node is a miner.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['TH17130'], mitreAttack: ['T1496'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) =>
    urlOccurrences(facts.urls, (url) => {
      const s = browserMinerOf(url.host);
      return s ? `browser mining service ${s}` : null;
    }),
});
