import { defineBehavior } from '../../catalog/define.ts';
import { fileSharingDownloadOf, URL_CLASSES_UPDATED } from '../lib/url-classes.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlFileSharingDownload = defineBehavior({
  id: 'url-file-sharing-download',
  category: 'network',
  title: 'Contains a direct-download link of a personal cloud drive.',
  description:
    'Reports direct-download links of personal drives: Dropbox (dl.dropboxusercontent.com, ?dl=1 and ?raw=1 ' +
    'links), Google Drive (uc?export=download), OneDrive, MEGA and MediaFire. Plain share pages that a person ' +
    `opens in a browser are left out (data/url-classes.json, ${URL_CLASSES_UPDATED}).`,
  problem:
    'A drive link serves whatever file its owner puts behind it today, from a domain that firewalls trust. ' +
    'Droppers fetch their next stage this way; data sets and models are the honest uses.',
  nextSteps: [
    'Find the code that fetches the link and what it does with the file.',
    'A program or script fetched from a drive and run is a dropper.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['TH17124'], mitreAttack: ['T1102', 'T1567.002'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) => urlOccurrences(facts.urls, (url) => fileSharingDownloadOf(url.host, url.url)),
});
