import { defineBehavior } from '../../catalog/define.ts';
import { lookalikeSignInOf, URL_CLASSES_UPDATED } from '../lib/url-classes.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlLookalikeSignInPath = defineBehavior({
  id: 'url-lookalike-sign-in-path',
  category: 'network',
  title: 'Contains a sign-in URL of a trusted service on a domain that only wears its name.',
  description:
    'Reports URLs whose path is the sign-in or authorization path of a trusted service (GitHub /login/oauth, ' +
    'Google /ServiceLogin, Microsoft /common/oauth2, npm /login …) on a host that is a look-alike of that service ' +
    "or whose registrable name contains its brand (github-login.com). A company's own host under its domain " +
    `(github.example.com) is left out (data/url-classes.json, ${URL_CLASSES_UPDATED}).`,
  problem:
    'A copy of a real sign-in page on a borrowed name is how credentials and one-time codes are phished; the ' +
    'npm and PyPI maintainer phishing campaigns of 2025 worked this way.',
  nextSteps: [
    'Do not open the URL; treat the package as a phishing kit or a credential stealer.',
    'Report the domain to the service it imitates.',
  ],
  severity: 'high',
  references: { reversinglabs: ['TH17111'], mitreAttack: ['T1566.002', 'T1056.003'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) => urlOccurrences(facts.urls, (url) => lookalikeSignInOf(url.host, url.url)),
});
