import { defineBehavior } from '../../catalog/define.ts';
import { serverlessHostOf, URL_CLASSES_UPDATED } from '../lib/url-classes.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlServerlessHost = defineBehavior({
  id: 'url-serverless-host',
  category: 'network',
  title: 'Contains a URL on a free serverless or app-hosting subdomain.',
  description:
    'Reports URLs whose host is a deployment subdomain of a free serverless or app-hosting platform: ' +
    'Cloudflare Workers and Pages (workers.dev, pages.dev), Deno Deploy, Vercel (vercel.app, now.sh), Netlify, ' +
    'Heroku, Glitch, Replit, Render, Fly.io, Railway, Koyeb, Val Town, PythonAnywhere, Surge, Firebase Hosting, ' +
    `000webhost (data/url-classes.json, ${URL_CLASSES_UPDATED}). The platforms’ own sites do not count.`,
  problem:
    'Anyone can put a relay on these platforms in minutes, with no server and no lasting identity, and the ' +
    'traffic goes to a domain that firewalls trust. Badges, demos and documentation sites of honest projects ' +
    'live there as well, so a mention alone is a weak signal; what the code sends there is what matters.',
  nextSteps: [
    'Find the code that uses the URL and check whether it sends anything there.',
    'Check that the deployment belongs to the project (its README or homepage names it).',
  ],
  severity: 'low',
  references: {},
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) =>
    urlOccurrences(facts.urls, (url) => {
      const platform = serverlessHostOf(url.host);
      return platform ? `host ${url.host} is a deployment on ${platform}` : null;
    }),
});
