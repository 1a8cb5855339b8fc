import { defineBehavior } from '../../catalog/define.ts';
import { publishingApiOf } from '../lib/url-classify.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlPackagePublishingApi = defineBehavior({
  id: 'url-package-publishing-api',
  category: 'network',
  title: 'Contains the URL of a package registry’s publishing or login API.',
  description:
    'Reports URLs of registry endpoints that publish packages or handle credentials: the PyPI and TestPyPI ' +
    'upload API (upload.pypi.org/legacy/, test.pypi.org/legacy/) and the npm registry’s user, login, token ' +
    'and package-access paths (registry.npmjs.org/-/user/, /-/v1/login, /-/npm/v1/tokens, /-/package/).',
  problem:
    'A library that is not a publishing tool has no reason to talk to these endpoints. Self-spreading ' +
    'malware uses them with stolen tokens to publish infected versions of the victim’s own packages.',
  nextSteps: [
    'If the package is not a build or release tool, find the code that calls the endpoint.',
    'Check whether it reads registry tokens (~/.pypirc, ~/.npmrc, NPM_TOKEN) before calling.',
  ],
  severity: 'low',
  references: { reversinglabs: ['TH17135', 'TH17136', 'TH17137'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) => urlOccurrences(facts.urls, (url) => publishingApiOf(url.host, url.url)),
});
