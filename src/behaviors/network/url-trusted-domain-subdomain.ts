import { defineBehavior } from '../../catalog/define.ts';
import { lookalikeOf, URL_CLASSES_UPDATED } from '../lib/url-classes.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlTrustedDomainSubdomain = defineBehavior({
  id: 'url-trusted-domain-subdomain',
  category: 'network',
  title: 'Contains a URL that puts a trusted domain in front of another domain.',
  description:
    'Reports hosts in which a trusted domain is only a subdomain of another registrable domain, such as ' +
    '`github.com.example.io` or `pypi.org.files-cdn.net`: the real owner is the domain at the end (trusted ' +
    `domains from data/url-classes.json, ${URL_CLASSES_UPDATED}).`,
  problem:
    'People read a host from the left and stop at the familiar name. Attackers use that to make their own ' +
    'server look like a registry or a forge; unofficial mirrors are the honest exception.',
  nextSteps: [
    'Check who owns the domain at the end of the host and whether the project documents it as a mirror.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['TH17114'], mitreAttack: ['T1583.001'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) =>
    urlOccurrences(facts.urls, (url) => {
      const f = lookalikeOf(url.host);
      return f?.kind === 'subdomain' ? f.detail : null;
    }),
});
