import { defineBehavior } from '../../catalog/define.ts';
import { cryptoExchangeOf, URL_CLASSES_UPDATED } from '../lib/url-classes.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlCryptoExchange = defineBehavior({
  id: 'url-crypto-exchange',
  category: 'network',
  title: 'Contains a URL of a cryptocurrency exchange.',
  description:
    'Reports URLs of large cryptocurrency exchanges and instant-swap services and their API hosts (Binance, ' +
    `Coinbase, Kraken, OKX, Bybit, ChangeNOW …; data/url-classes.json, ${URL_CLASSES_UPDATED}).`,
  problem:
    'Trading libraries and bots talk to exchanges by design. In a package with no trading purpose, an ' +
    'exchange or swap service is where stolen keys are turned into funds.',
  nextSteps: [
    'Check whether trading is what the package is for.',
    'If not, find the code that calls the exchange and what credentials it uses.',
  ],
  severity: 'low',
  references: { reversinglabs: ['TH17107'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) =>
    urlOccurrences(facts.urls, (url) => {
      const s = cryptoExchangeOf(url.host);
      return s ? `cryptocurrency exchange ${s}` : null;
    }),
});
