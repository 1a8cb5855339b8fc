import { defineBehavior } from '../../catalog/define.ts';
import { rawContentOf } from '../lib/url-classify.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlRawContentHost = defineBehavior({
  id: 'url-raw-content-host',
  category: 'network',
  title: 'Contains a URL that serves a raw file from a code host or chat upload.',
  description:
    'Reports URLs that return a file’s raw bytes: raw.githubusercontent.com, gist.githubusercontent.com, ' +
    '`/raw/` paths on GitHub, Bitbucket, Codeberg and Gitee, GitLab `/-/raw/` paths, Pastebin raw pastes and ' +
    'Discord attachment links (cdn.discordapp.com/attachments).',
  problem:
    'Raw file URLs are a free, trusted-looking place to host a payload, and whoever controls the repository, ' +
    'gist or chat message can change what they return without publishing a new package version. Many ' +
    'projects use them for badges, schemas and install scripts, so this is an indicator, not a verdict.',
  nextSteps: [
    'Check whose repository, gist or upload the URL points to, and whether it is pinned to a commit.',
    'Find the code that fetches it and check whether the content is executed.',
  ],
  severity: 'low',
  references: { reversinglabs: ['TH17123', 'TH17127', 'TH17128'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) => urlOccurrences(facts.urls, (url) => rawContentOf(url.host, url.url)),
});
