import { defineBehavior } from '../../catalog/define.ts';
import { suspiciousPathComponentOf, URL_CLASSES_UPDATED } from '../lib/url-classes.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlSuspiciousPathComponent = defineBehavior({
  id: 'url-suspicious-path-component',
  category: 'network',
  title: 'Contains a URL with a suspicious path component.',
  description:
    'Reports URL paths with a traversal (/../), a hidden folder (/.x/, /.cache/ …), a folder named payload, ' +
    'stager, implant, beacon, dropper or loader, and bare IP addresses serving a single file from a download ' +
    `folder (/bin/, /tmp/, /dl/ …; data/url-classes.json, ${URL_CLASSES_UPDATED}).`,
  problem:
    'Ordinary download links live on named hosts under product paths. Hidden folders, payload names and ' +
    'a bare address with a /bin/ folder are how quickly-made staging servers look.',
  nextSteps: ['Read the code that uses the URL and check what it fetches.'],
  severity: 'low',
  references: { reversinglabs: ['TH17119'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) => urlOccurrences(facts.urls, (url) => suspiciousPathComponentOf(url.host, url.url)),
});
