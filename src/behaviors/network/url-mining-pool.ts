import { defineBehavior } from '../../catalog/define.ts';
import { detectStrings, mergeOccurrences } from '../lib/detect.ts';
import { miningPoolOf, URL_CLASSES_UPDATED } from '../lib/url-classes.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

/** `stratum+tcp://` and friends: the mining protocol's scheme, which the URL reader does not collect. */
const STRATUM_URL = /\bstratum(?:\+(?:tcp|ssl|tls))?:\/\/[a-z0-9.-]+/i;

export const urlMiningPool = defineBehavior({
  id: 'url-mining-pool',
  category: 'network',
  title: 'Contains the address of a cryptocurrency mining pool.',
  description:
    'Reports URLs on public mining pools (SupportXMR, MoneroOcean, Nanopool, HashVault, 2Miners, F2Pool, ' +
    'NiceHash …) and stratum addresses (stratum+tcp://…) written in code strings, which the URL reader does ' +
    `not collect (data/url-classes.json, ${URL_CLASSES_UPDATED}).`,
  problem:
    'A pool address is what a miner needs to be paid. In a package that is not a mining tool it means the ' +
    'package will spend the machine’s processor for someone else (cryptojacking).',
  nextSteps: [
    'Do not install the package; if it ran, look for a miner process and remove it.',
    'Mining software and pool monitors name pools by design; check that this is what the package is.',
  ],
  severity: 'high',
  references: { reversinglabs: ['TH17105'], mitreAttack: ['T1496'] },
  ecosystems: ['pypi', 'npm'],
  detect: (context) =>
    mergeOccurrences(
      urlOccurrences(context.facts.urls, (url) => {
        const pool = miningPoolOf(url.host);
        return pool ? `mining pool ${pool}` : null;
      }),
      detectStrings(context, [{ pattern: STRATUM_URL, note: 'stratum mining address' }]),
    ),
});
