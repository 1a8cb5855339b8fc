import { defineBehavior } from '../../catalog/define.ts';
import { defaultPort, isLocalAddress } from '../lib/url-classify.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlNonstandardPort = defineBehavior({
  id: 'url-nonstandard-port',
  category: 'network',
  title: 'Contains a URL with a port that is not the standard one for its scheme.',
  description:
    'Reports URLs that write an explicit port other than the scheme default (80 for http and ws, 443 for ' +
    'https and wss, 21 for ftp, 990 for ftps). Local development addresses such as http://localhost:8080 or ' +
    'http://127.0.0.1:5000 are reported as well, marked as local in the detail: they are common in ' +
    'documentation and tests, and the community prevalence shows how common; policies leave them out.',
  problem:
    'Command-and-control servers and quick attacker infrastructure often listen on high or unusual ports ' +
    '(4444, 8443, 1337) on a bare address. A package that talks to such an endpoint deserves a look, even ' +
    'though many development tools and examples legitimately use ports such as 8080 or 3000.',
  nextSteps: [
    'Ignore local development addresses unless the code connects to them at install time.',
    'For a remote host, find the code that uses the URL and check what it sends or receives.',
    'Ask the maintainers why a non-standard port is needed if the project does not say.',
  ],
  severity: 'low',
  references: {},
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) =>
    urlOccurrences(facts.urls, (url) => {
      const standard = defaultPort(url.scheme);
      if (url.port === undefined || standard === undefined || url.port === standard) return null;
      const where = isLocalAddress(url.host) ? ' (local development address)' : '';
      return `${url.scheme} on port ${url.port} instead of ${standard}${where}`;
    }),
});
