import { defineBehavior } from '../../catalog/define.ts';
import { HTTP_CALLEES } from '../lib/apis.ts';
import { detectCalls, mergeOccurrences } from '../lib/detect.ts';
import { detectJsCalls } from '../lib/javascript.ts';
import { JS_HTTP_CALLEES } from '../lib/js-apis.ts';

/** npm: Node's http / https, fetch and the common client packages. */
const JS_RULES = [{ callees: JS_HTTP_CALLEES }];

export const usesHttpClient = defineBehavior({
  id: 'uses-http-client',
  category: 'network',
  ecosystems: ['pypi', 'npm'],
  title: 'Makes HTTP requests.',
  description:
    'Finds requests made or prepared with the common HTTP clients: requests, urllib / urllib2, urllib3, httpx, ' +
    'aiohttp, http.client, httplib2, pycurl, wget, cloudscraper, websocket clients and Discord webhook helpers.',
  problem:
    'Network access is normal for API clients and downloaders, but it is also how malware fetches payloads and ' +
    'sends stolen data home. Where the request is made (setup.py, import time) and what it sends matter most.',
  nextSteps: [
    'List the hosts the package contacts and check each belongs to its stated purpose.',
    'Look closely at requests made from setup.py or at import time.',
  ],
  severity: 'info',
  references: { mitreAttack: ['T1071.001'] },
  detect: (context) =>
    mergeOccurrences(detectCalls(context, [{ callees: HTTP_CALLEES }]), detectJsCalls(context, JS_RULES)),
});
