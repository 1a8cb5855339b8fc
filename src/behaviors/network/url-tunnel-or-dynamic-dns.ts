import { defineBehavior } from '../../catalog/define.ts';
import { tunnelOf } from '../lib/url-classify.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlTunnelOrDynamicDns = defineBehavior({
  id: 'url-tunnel-or-dynamic-dns',
  category: 'network',
  title: 'Contains a URL on a tunneling or dynamic DNS service.',
  description:
    'Reports URLs whose host is a subdomain of a tunnel service (ngrok, Cloudflare quick tunnels on ' +
    'trycloudflare.com, Serveo, localtunnel, localhost.run, Pinggy, playit.gg, bore) or of a dynamic DNS ' +
    'provider (Duck DNS, No-IP names such as ddns.net, hopto.org and zapto.org, DynDNS, Dynu, FreeDNS), or of an ' +
    'out-of-band interaction collector (interactsh oast.* hosts, Burp Collaborator). The ' +
    'providers’ own websites do not count.',
  problem:
    'These names point at a machine that anyone can run behind a home connection or a laptop, and they change ' +
    'owner and address freely. Remote-access tools and data-stealing packages use them as cheap, disposable ' +
    'servers; a published library rarely has a reason to.',
  nextSteps: [
    'Find the code that connects to the host and check what it sends or receives.',
    'Treat a tunnel URL in install-time code as hostile until the maintainers explain it.',
  ],
  severity: 'medium',
  references: {},
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) =>
    urlOccurrences(facts.urls, (url) => {
      const service = tunnelOf(url.host);
      return service ? `${service} host ${url.host}` : null;
    }),
});
