import { defineSignal } from '../../catalog/define.ts';
import { callEvidence, maxSeverity, type WeighedEvidence } from '../../catalog/lib/evidence.ts';
import { isAuxiliary, type LocationClass } from '../../catalog/lib/location.ts';
import type { IssueEvidence } from '../../catalog/types.ts';
import { DYNAMIC_CODE_CALLEES, HTTP_CALLEES } from '../lib/apis.ts';
import { commandSuspicion, commandText, isProcessCall, PROCESS_CALLEES } from '../lib/commands.ts';
import { dynamicCodeSource } from '../lib/dynamic.ts';
import { JS_PROCESS_CALLEES } from '../lib/js-apis.ts';
import { jsDownloadAndExecute, locatedJsCalls } from '../lib/js-code-shapes.ts';
import { locatedCalls } from '../lib/located-calls.ts';
import { callArgumentText, matchesCallee } from '../lib/match.ts';

/** One command that both fetches and runs: `curl … | sh`, `iwr … | iex`, `Invoke-WebRequest …; Start-Process`. */
const FETCH_AND_RUN =
  /\b(curl|wget)\b[^|;&]*(\||;|&&)\s*(ba|z|da)?sh\b|\b(iwr|Invoke-WebRequest|irm|Invoke-RestMethod|DownloadString|DownloadFile)\b.*\b(iex|Invoke-Expression|Start-Process|\.exe)\b|\b(certutil|bitsadmin)\b.*(&&|;|\|).*\.(exe|bat|ps1|vbs)\b/i;

/** How far below a request an exec may sit and still run what it fetched. */
const AFTER_REQUEST_LINES = 30;

/** An exec of computed text a few lines below an HTTP request (`p = requests.get(u).text; exec(p)`). */
export interface ExecBelowRequest {
  readonly evidence: readonly [IssueEvidence, IssueEvidence];
  readonly location: LocationClass;
}

export interface DownloadedCodeExecution {
  /** Python: exec of fetched text, and commands that download and run in one line. */
  readonly direct: WeighedEvidence;
  /** Python: the first process launch of each file, for the policy to pair with a download in that file. */
  readonly processByFile: ReadonlyMap<string, IssueEvidence>;
  readonly execBelowRequest: readonly ExecBelowRequest[];
  /** JavaScript: eval or Function of a response, Function given `require` next to a request, drop and run. */
  readonly javascript: WeighedEvidence;
  /** JavaScript: child processes that download and run in one command. */
  readonly javascriptCommands: WeighedEvidence;
}

/** Calls that run what they download, in Python and JavaScript. */
export const downloadedCodeExecution = defineSignal<DownloadedCodeExecution>({
  id: 'downloaded-code-execution',
  description:
    'Calls that run downloaded content: exec or eval of fetched text, one shell command that downloads and runs ' +
    '(curl | sh, Invoke-WebRequest then Invoke-Expression), exec of computed text a few lines below an HTTP ' +
    'request, the first process launch of each file, and the JavaScript forms.',
  derive: (context) => {
    const direct: WeighedEvidence = { evidence: [], severity: 'info' };
    const processByFile = new Map<string, IssueEvidence>();
    const computedExecs: ReturnType<typeof locatedCalls> = [];
    for (const { call, location } of locatedCalls(context, [...DYNAMIC_CODE_CALLEES, ...PROCESS_CALLEES])) {
      if (
        matchesCallee(call.callee, DYNAMIC_CODE_CALLEES) &&
        call.args.length > 0 &&
        dynamicCodeSource(call) === 'fetched'
      ) {
        direct.evidence.push(
          callEvidence('evaluates-dynamic-code', call, `${call.callee} of downloaded code`),
        );
        direct.severity = maxSeverity(direct.severity, isAuxiliary(location) ? 'medium' : 'critical');
      } else if (
        matchesCallee(call.callee, DYNAMIC_CODE_CALLEES) &&
        call.args.length > 0 &&
        dynamicCodeSource(call) === 'computed'
      ) {
        computedExecs.push({ call, location });
      } else if (isProcessCall(call)) {
        if (FETCH_AND_RUN.test(commandText(call))) {
          direct.evidence.push(callEvidence('executes-process', call, 'downloads and runs in one command'));
          direct.severity = maxSeverity(direct.severity, isAuxiliary(location) ? 'medium' : 'critical');
        } else if (!processByFile.has(call.file)) {
          const suspicion = commandSuspicion(call);
          processByFile.set(
            call.file,
            callEvidence(
              'executes-process',
              call,
              suspicion ? `starts a program: ${suspicion.note}` : 'starts a program',
            ),
          );
        }
      }
    }
    const execBelowRequest: ExecBelowRequest[] = [];
    const requests = locatedCalls(context, HTTP_CALLEES);
    for (const entry of computedExecs) {
      const request = requests.find(
        ({ call }) =>
          call.file === entry.call.file &&
          entry.call.line >= call.line &&
          entry.call.line - call.line <= AFTER_REQUEST_LINES,
      );
      if (request === undefined) continue;
      execBelowRequest.push({
        evidence: [
          callEvidence('uses-http-client', request.call, `fetches with ${request.call.callee}`),
          callEvidence(
            'evaluates-dynamic-code',
            entry.call,
            `${entry.call.callee} of computed code a few lines below`,
          ),
        ],
        location: entry.location,
      });
    }
    // child_process.exec('curl -s https://… | sh'): the JavaScript form of the one-command dropper.
    const javascriptCommands: WeighedEvidence = { evidence: [], severity: 'info' };
    for (const { call, auxiliary } of locatedJsCalls(context, JS_PROCESS_CALLEES)) {
      if (!FETCH_AND_RUN.test(callArgumentText(call))) continue;
      javascriptCommands.evidence.push(
        callEvidence('executes-process', call, 'downloads and runs in one command'),
      );
      javascriptCommands.severity = maxSeverity(
        javascriptCommands.severity,
        auxiliary ? 'medium' : 'critical',
      );
    }
    return {
      direct,
      processByFile,
      execBelowRequest,
      javascript: jsDownloadAndExecute(context),
      javascriptCommands,
    };
  },
});
