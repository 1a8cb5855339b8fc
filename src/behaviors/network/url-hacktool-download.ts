import { defineBehavior } from '../../catalog/define.ts';
import { hacktoolOf, URL_CLASSES_UPDATED } from '../lib/url-classes.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlHacktoolDownload = defineBehavior({
  id: 'url-hacktool-download',
  category: 'network',
  title: 'Contains a URL that distributes an offensive security tool.',
  description:
    'Reports repository and download URLs of credential dumpers and post-exploitation kits that MITRE ATT&CK ' +
    'lists as software used by threat groups: Mimikatz, LaZagne, PowerSploit, Rubeus, Seatbelt, SharpHound, ' +
    `Empire, Koadic, Nishang, PEASS-ng, PsExec (data/url-classes.json, ${URL_CLASSES_UPDATED}).`,
  problem:
    'These tools steal passwords and move through networks. Security training material mentions them; a ' +
    'library that downloads one at run time is arming itself.',
  nextSteps: [
    'Find the code that uses the URL: a download followed by execution is an attack.',
    'Documentation and security tooling that only mention the tool are expected.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['TH17134'], mitreAttack: ['T1588.002'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) =>
    urlOccurrences(facts.urls, (url) => {
      const s = hacktoolOf(url.host, url.url);
      return s ? `offensive tool ${s}` : null;
    }),
});
