import { defineBehavior } from '../../catalog/define.ts';
import { torAddressOf, URL_CLASSES_UPDATED } from '../lib/url-classes.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlTorAddress = defineBehavior({
  id: 'url-tor-address',
  category: 'network',
  title: 'Contains a URL of a Tor onion service or a Tor-to-web gateway.',
  description:
    'Reports URLs whose host ends in .onion (RFC 7686) and URLs on tor2web-style gateways that relay onion ' +
    `services to the ordinary web (onion.ws, onion.ly, tor2web.org …; data/url-classes.json, ${URL_CLASSES_UPDATED}).`,
  problem:
    'An onion service hides who runs the server and where it stands, which is why ransomware, stealers and ' +
    'command-and-control panels use them. A library rarely needs one; censorship-circumvention tools are the ' +
    'usual honest exception.',
  nextSteps: [
    'Find the code that uses the address and what it sends or fetches.',
    'Unless the package is a Tor or privacy tool, treat the address as a hidden command or drop server.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['TH17103'], mitreAttack: ['T1090.003'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) => urlOccurrences(facts.urls, (url) => torAddressOf(url.host)),
});
