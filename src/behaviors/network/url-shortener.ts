import { defineBehavior } from '../../catalog/define.ts';
import { shortenerOf } from '../lib/url-classify.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlShortener = defineBehavior({
  id: 'url-shortener',
  category: 'network',
  title: 'Contains a URL of a link-shortening service.',
  description:
    'Reports URLs on link shorteners (bit.ly, tinyurl.com, is.gd, t.co, goo.gl, cutt.ly, rb.gy, ow.ly …) and ' +
    'on IP-logging link services (iplogger, grabify), matched on the host and its subdomains.',
  problem:
    'A short link hides where it leads, and its owner can change the destination after the package is ' +
    'published and reviewed. IP-logging links record who opened them.',
  nextSteps: [
    'Expand the link with the service’s preview feature (without running the package) and check the destination.',
    'Ask the maintainers to use the full URL.',
  ],
  severity: 'low',
  references: {},
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) =>
    urlOccurrences(facts.urls, (url) => {
      const service = shortenerOf(url.host);
      return service ? `short link on ${service}` : null;
    }),
});
