import { defineBehavior } from '../../catalog/define.ts';
import { ipVersion, isLocalAddress } from '../lib/url-classify.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlIpLiteral = defineBehavior({
  id: 'url-ip-literal',
  category: 'network',
  title: 'Contains a URL that names its server by IP address instead of a domain.',
  description:
    'Reports URLs whose host is an IPv4 or IPv6 address. Addresses that never leave the machine or the local ' +
    'network are left out: loopback (127.0.0.0/8, ::1), unspecified (0.0.0.0, ::), the RFC 1918 private ' +
    'ranges (10/8, 172.16/12, 192.168/16) and IPv6 unique-local and link-local ranges. 169.254.169.254, the ' +
    'cloud metadata service, is reported.',
  problem:
    'Legitimate services are reached by name; a bare public address usually means a server that was set up ' +
    'quickly and is not meant to be found, which is typical of download and exfiltration endpoints. The cloud ' +
    'metadata address in a library is a common sign of credential theft.',
  nextSteps: [
    'Find the code that uses the address and check what it sends or downloads.',
    'Look the address up in threat-intelligence sources.',
  ],
  severity: 'medium',
  references: {},
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) =>
    urlOccurrences(facts.urls, (url) => {
      const version = ipVersion(url.host);
      if (version === null || isLocalAddress(url.host)) return null;
      return url.host === '169.254.169.254'
        ? 'cloud instance metadata address'
        : `IPv${version} address ${url.host}`;
    }),
});
