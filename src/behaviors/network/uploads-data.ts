import { defineBehavior } from '../../catalog/define.ts';
import { UPLOAD_CALLEES } from '../lib/apis.ts';
import { detectCalls } from '../lib/detect.ts';
import { argument, keyword } from '../lib/match.ts';

export const uploadsData = defineBehavior({
  id: 'uploads-data',
  category: 'network',
  ecosystems: ['pypi'],
  title: 'Sends data to a remote server.',
  description:
    'Finds calls that send data out: HTTP POST / PUT / PATCH through requests or httpx, urllib requests with a ' +
    'body, Discord webhook helpers, SMTP sendmail / send_message and FTP uploads.',
  problem:
    'Uploading is how stolen tokens, files and system details leave the machine. API clients send data too, so ' +
    'the content and destination of each upload decide whether it is expected.',
  nextSteps: [
    "Check what each call sends and to which host; data read from the user's machine is a red flag.",
  ],
  severity: 'low',
  references: { mitreAttack: ['T1041', 'T1567'] },
  detect: (context) =>
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
});
