import type { CallFact } from '../../analysis/types.ts';
import { defineBehavior } from '../../catalog/define.ts';
import { UPLOAD_CALLEES } from '../lib/apis.ts';
import { detectCalls, mergeOccurrences } from '../lib/detect.ts';
import { detectJsCalls } from '../lib/javascript.ts';
import { JS_REQUEST_CALLEES, JS_SENDING_OPTIONS, JS_UPLOAD_CALLEES } from '../lib/js-apis.ts';
import { argument, keyword, textOf } from '../lib/match.ts';

/** A request's options say it sends data: { method: 'POST' }, { body }, or a DNS name built from data. */
function sendsBody(call: CallFact): boolean {
  if (call.keywords.some((entry) => /^(?:body|json|form|formData|data)$/.test(entry.name))) return true;
  const method = call.keywords.find((entry) => entry.name === 'method');
  if (method !== undefined && /^(?:POST|PUT|PATCH)$/i.test(textOf(method.value))) return true;
  return call.args.some((arg) => arg.kind === 'expr' && JS_SENDING_OPTIONS.test(arg.text));
}

const JS_RULES = [
  { callees: JS_UPLOAD_CALLEES },
  {
    callees: JS_REQUEST_CALLEES,
    when: sendsBody,
    note: (call: CallFact) => `${call.callee} with a request body`,
  },
  {
    callees: ['WebSocket.send', '*.sendBeacon'],
    note: (call: CallFact) => `sends with ${call.callee}`,
  },
];

export const uploadsData = defineBehavior({
  id: 'uploads-data',
  category: 'network',
  ecosystems: ['pypi', 'npm'],
  title: 'Sends data to a remote server.',
  description:
    'Finds calls that send data out: HTTP POST / PUT / PATCH through requests or httpx, urllib requests with a ' +
    'body, Discord webhook helpers, SMTP sendmail / send_message and FTP uploads; in JavaScript, POST / PUT / ' +
    'PATCH helpers of axios, got, request, needle and superagent, and fetch / http(s).request calls whose options ' +
    'carry a method that sends or a body.',
  problem:
    'Uploading is how stolen tokens, files and system details leave the machine. API clients send data too, so ' +
    'the content and destination of each upload decide whether it is expected.',
  nextSteps: [
    "Check what each call sends and to which host; data read from the user's machine is a red flag.",
  ],
  severity: 'low',
  references: { mitreAttack: ['T1041', 'T1567'] },
  detect: (context) =>
    mergeOccurrences(
      detectCalls(context, [
        { callees: UPLOAD_CALLEES },
        {
          callees: ['urllib.request.Request', 'urllib2.Request', 'urllib.request.urlopen', 'urllib2.urlopen'],
          when: (call) => argument(call, 1, 'data') !== undefined,
          note: (call) => `${call.callee} with a request body`,
        },
        {
          callees: ['requests.request', 'httpx.request'],
          when: (call) =>
            /post|put|patch/i.test(String(call.args[0]?.kind === 'string' ? call.args[0].value : '')),
        },
        {
          callees: ['requests.get'],
          when: (call) => keyword(call, 'data') !== undefined || keyword(call, 'files') !== undefined,
          note: () => 'sends a body with a GET request',
        },
      ]),
      detectJsCalls(context, JS_RULES),
    ),
});
