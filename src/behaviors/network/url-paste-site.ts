import { defineBehavior } from '../../catalog/define.ts';
import { pasteSiteOf } from '../lib/url-classify.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlPasteSite = defineBehavior({
  id: 'url-paste-site',
  category: 'network',
  title: 'Contains a URL of a paste or anonymous file-sharing site.',
  description:
    'Reports URLs on paste sites and anonymous file drops: pastebin.com, paste.ee, hastebin, ghostbin, ' +
    'rentry, termbin, transfer.sh, dpaste, controlc, ix.io, 0x0.st, file.io, gofile, catbox and similar.',
  problem:
    'Anyone can publish to these sites without an account, and the content can change at any time. Malicious ' +
    'packages use them to host the next stage of an attack or to upload stolen data.',
  nextSteps: [
    'Find the code that uses the URL: downloading and running a paste is a strong sign of a dropper.',
    'Check whether the paste still exists and what it holds, from a safe machine.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['TH17104', 'TH17121'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) =>
    urlOccurrences(facts.urls, (url) => {
      const site = pasteSiteOf(url.host);
      return site ? `paste or file-drop site ${site}` : null;
    }),
});
