import { defineBehavior } from '../../catalog/define.ts';
import { HTTP_CALLEES } from '../lib/apis.ts';
import { commandText, isProcessCall, PROCESS_CALLEES } from '../lib/commands.ts';
import { detectCalls } from '../lib/detect.ts';
import { matchesCallee, pythonSources, textOf } from '../lib/match.ts';

/** Shell tools asked to save a download to disk. */
const SHELL_DOWNLOAD =
  /\b(curl\b[^|;&]*\s-(o|O|-output)\b|wget\b|Invoke-WebRequest\b[^|;&]*-OutFile|iwr\b[^|;&]*-OutFile|certutil\b[^|;&]*-urlcache|bitsadmin\b[^|;&]*\/transfer|Start-BitsTransfer\b)/i;

/** A write whose data is an HTTP response body. */
const RESPONSE_BODY = /\.content\b|\.iter_content\(|urlopen\(|\.read\(\)|\.raw\b/;

export const downloadsFile = defineBehavior({
  id: 'downloads-file',
  category: 'network',
  ecosystems: ['pypi'],
  title: 'Downloads files to disk.',
  description:
    'Finds downloads that end up on disk: urlretrieve and wget.download, writes of an HTTP response body in files ' +
    'that make HTTP requests, and shell commands that save downloads (curl -o, wget, Invoke-WebRequest -OutFile, ' +
    'certutil -urlcache, bitsadmin).',
  problem:
    'Dropping a downloaded file is the first half of most malware chains: the second half runs it. Installers of ' +
    'data sets and drivers download honestly, from hosts that belong to the project.',
  nextSteps: [
    'Check the URL and what is done with the saved file.',
    'Be wary when the file is then made executable, started or imported.',
  ],
  severity: 'medium',
  references: { mitreAttack: ['T1105'], guarddog: ['download-executable'] },
  detect: (context) => {
    const httpFiles = new Set(
      pythonSources(context)
        .filter((source) => source.calls.some((call) => matchesCallee(call.callee, HTTP_CALLEES)))
        .map((source) => source.file),
    );
    return detectCalls(context, [
      { callees: ['urllib.request.urlretrieve', 'urllib.urlretrieve', 'wget.download'] },
      {
        callees: ['*.write'],
        when: (call) => httpFiles.has(call.file) && RESPONSE_BODY.test(textOf(call.args[0])),
        note: () => 'writes a downloaded response body to a file',
      },
      {
        callees: PROCESS_CALLEES,
        when: (call) => isProcessCall(call) && SHELL_DOWNLOAD.test(commandText(call)),
        note: () => 'saves a download with a command-line tool',
      },
    ]);
  },
});
