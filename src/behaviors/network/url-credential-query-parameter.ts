import { defineBehavior } from '../../catalog/define.ts';
import { credentialParameterOf, URL_CLASSES_UPDATED } from '../lib/url-classes.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlCredentialQueryParameter = defineBehavior({
  id: 'url-credential-query-parameter',
  category: 'network',
  title: 'Contains a URL that carries a token or key in its query string.',
  description:
    'Reports URLs whose query string has a credential parameter (access_token, api_key, token, client_secret, ' +
    'password, sig, X-Amz-Signature …) with a value that looks generated: twelve characters or more, letters ' +
    `and digits, not a template or placeholder, on a host that is not reserved for documentation (example.com …; data/url-classes.json, ${URL_CLASSES_UPDATED}).`,
  problem:
    'A credential in a URL ends up in server logs, proxies and browser history, and anyone who reads the ' +
    'package can use it. Attackers ship such URLs to reach their own storage or bots.',
  nextSteps: [
    'Check whether the value is a live credential; if it is, revoke it.',
    'Find who owns the service the URL points to.',
  ],
  severity: 'low',
  references: { reversinglabs: ['TH17116'], mitreAttack: ['T1552.001'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) =>
    urlOccurrences(facts.urls, (url) => {
      const p = credentialParameterOf(url.host, url.url);
      return p ? `query parameter ${p} carries a credential-like value` : null;
    }),
});
