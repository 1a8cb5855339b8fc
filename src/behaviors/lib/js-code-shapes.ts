/**
 * The JavaScript halves of the malware policies that judge code shapes (decode-and-execute,
 * download-and-execute, import-time network access): the Python halves read Python calls through
 * locatedCalls, these read JavaScript calls, each with the stage of its file (install, import, runtime).
 */
import type { CallFact } from '../../analysis/types.ts';
import { flowInDetail } from '../../catalog/lib/data-flow.ts';
import { callEvidence, maxSeverity, type WeighedEvidence } from '../../catalog/lib/evidence.ts';
import { isAuxiliary } from '../../catalog/lib/location.ts';
import type { DetectionContext, IssueEvidence, Severity } from '../../catalog/types.ts';
import { candidatePositions } from './call-index.ts';
import { callIndexOf } from './detect.ts';
import {
  JS_DECODER_CALLEES,
  JS_DECODING_TEXT,
  JS_DNS_CALLEES,
  JS_EVAL_CALLEES,
  JS_FILE_WRITE_CALLEES,
  JS_HTTP_CALLEES,
  JS_PROCESS_CALLEES,
} from './js-apis.ts';
import { locator } from './located-calls.ts';
import { matchesCallee, textOf } from './match.ts';
import { type CodeStage, npmStages } from './npm.ts';

export type JsFinding = WeighedEvidence;

export interface LocatedJsCall {
  readonly call: CallFact;
  readonly stage: CodeStage;
  /** A test, doc or example file that nothing installed or imported reaches. */
  readonly auxiliary: boolean;
}

/** The JavaScript calls matching `callees`, in source order, with the stage of their file. */
/**
 * The JavaScript analyzers write a global as `builtins.x` (`builtins.fetch`, `builtins.unescape`); a bare `x` is a
 * binding of the package's own that shadows it (a parameter or a local function named `fetch`), matched only
 * because the pattern list's `builtins.x` also admits the bare name for the Python analyzer.
 */
function shadowsGlobal(callee: string, callees: readonly string[]): boolean {
  return !callee.includes('.') && !callees.includes(callee) && callees.includes(`builtins.${callee}`);
}

export function locatedJsCalls(context: DetectionContext, callees: readonly string[]): LocatedJsCall[] {
  const index = callIndexOf(
    context.facts,
    'javascript',
    (language) => language === 'javascript' || language === 'typescript',
  );
  const stages = npmStages(context.snapshot, context.facts);
  const where = locator(context);
  return candidatePositions(index, callees).flatMap((position) => {
    const call = index.calls[position];
    if (call === undefined || !matchesCallee(call.callee, callees) || shadowsGlobal(call.callee, callees))
      return [];
    return [{ call, stage: stages.get(call.file) ?? 'runtime', auxiliary: isAuxiliary(where(call.file)) }];
  });
}

/** Code handed to eval / Function / vm that is not a plain literal. */
function runsComputedCode(call: CallFact): boolean {
  return call.args.some((arg) => arg.kind !== 'string' && arg.kind !== 'number');
}

/**
 * Every argument folds to a known string: code built from literals (`[...lines].join('\n')`). Such code can come
 * from a decoder only when that decoder's input is itself known; a decoder of runtime data above it (a key
 * parser's `Buffer.from(hex, 'hex')`) did not make it.
 */
function isConstantCode(call: CallFact): boolean {
  return call.args.every(
    (arg) =>
      arg.kind === 'string' || arg.kind === 'number' || (arg.kind === 'expr' && arg.folded !== undefined),
  );
}

function hasKnownInput(decoder: CallFact): boolean {
  const input = decoder.args[0];
  return (
    input !== undefined && (input.kind === 'string' || (input.kind === 'expr' && input.folded !== undefined))
  );
}

/** The arguments as written (not folded: `atob('…')` must still read as a decode when its value is known). */
function argumentText(call: CallFact): string {
  return call.args.map((arg) => (arg.kind === 'expr' ? arg.text : textOf(arg))).join(' ');
}

const QUOTED_TEXT = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g;

/** A string literal emptied, unless it names an encoding (`Buffer.from(x, 'base64')`). */
function keepEncodingName(quoted: string): string {
  return /^.(?:base64|base64url|hex).$/.test(quoted) ? quoted : '""';
}

/** `String.fromCharCode` of one to three number literals. */
const SHORT_FROM_CHAR_CODE =
  /\bString\.fromCharCode\(\s*(?:\d+|0x[0-9a-f]+)(?:\s*,\s*(?:\d+|0x[0-9a-f]+)){0,2}\s*\)/gi;

/**
 * The code of what an eval runs, for the inline decoder test: `new Function('fromCharCode', body)` names a
 * parameter, not a decoder, and code written in string literals is the program's own text; only the calls
 * written around them decode something.
 */
function evaluatedCode(call: CallFact): string {
  const args = call.callee === 'builtins.Function' ? call.args.slice(-1) : call.args;
  const code = args
    .map((arg) => {
      // Text that folds to a known string is all literal: the program's own code, nothing decoded.
      if (arg.kind === 'string' || (arg.kind === 'expr' && arg.folded !== undefined)) return '';
      return arg.kind === 'expr' ? arg.text.replace(QUOTED_TEXT, keepEncodingName) : textOf(arg);
    })
    .join(' ');
  // One or two characters spelled by number (`String.fromCharCode(59)`, a ';' kept out of a linter's sight) hide
  // nothing; code spelled that way needs many more.
  const spelled = code.match(SHORT_FROM_CHAR_CODE);
  return spelled !== null && spelled.length <= 2 ? code.replace(SHORT_FROM_CHAR_CODE, '') : code;
}

/**
 * A decoder call that turns text into code: Buffer.from(x, 'base64' | 'hex'), atob(x), zlib inflate …
 * `unescape` is left out here: it undoes URL percent-encoding far more often than it hides code, so it
 * counts only inside the evaluated expression (`eval(unescape('%76…'))`).
 */
function isDecoder(call: CallFact): boolean {
  if (call.callee === 'Buffer.from') return /^(?:base64|base64url|hex)$/.test(textOf(call.args[1]));
  if (call.callee === 'String.fromCharCode') return call.args.length > 8;
  // A bare `unescape` is a function of the package's own that shadows the global (template compilers write one to
  // undo their own quoting); it is no more a decoder here than the global is.
  return call.callee !== 'builtins.unescape' && call.callee !== 'unescape';
}

/** How far above an eval a decoder may sit and still count as feeding it. */
const NEAR_LINES = 25;
/** On one line (minified code), how many characters after the decoder the eval may start. */
const NEAR_COLUMNS = 400;

/** `call` starts just after `decoder`: a few lines below, or a few hundred characters on the same line. */
function follows(decoder: CallFact, call: CallFact): boolean {
  if (call.file !== decoder.file) return false;
  if (call.line === decoder.line)
    return call.column >= decoder.column && call.column - decoder.column <= NEAR_COLUMNS;
  // Deep inside a minified line, a line count says nothing about distance.
  if (decoder.column > NEAR_COLUMNS || call.column > NEAR_COLUMNS) return false;
  return call.line > decoder.line && call.line - decoder.line <= NEAR_LINES;
}

const STAGE_NOTE: Record<CodeStage, string> = {
  install: 'at install time',
  import: 'on import',
  runtime: 'when called',
};

/** eval(atob(…)), new Function(Buffer.from(…, 'hex').toString()), or a decoder just above an eval. */
export function jsDecodeAndExecute(context: DetectionContext): JsFinding {
  const finding: JsFinding = { evidence: [], severity: 'info' };
  const evals = locatedJsCalls(context, JS_EVAL_CALLEES).filter(({ call }) => runsComputedCode(call));
  const computed: LocatedJsCall[] = [];
  for (const entry of evals) {
    const { call, stage, auxiliary } = entry;
    if (JS_DECODING_TEXT.test(evaluatedCode(call))) {
      finding.evidence.push(
        callEvidence('evaluates-dynamic-code', call, `${call.callee} of decoded code, ${STAGE_NOTE[stage]}`),
      );
      finding.severity = maxSeverity(finding.severity, auxiliary ? 'medium' : 'critical');
    } else computed.push(entry);
  }
  dropAndRun(context, finding);
  if (computed.length === 0) return finding;
  for (const { call: decoder } of locatedJsCalls(context, JS_DECODER_CALLEES)) {
    if (!isDecoder(decoder)) continue;
    const target = computed.find(
      ({ call }) => follows(decoder, call) && !(isConstantCode(call) && !hasKnownInput(decoder)),
    );
    if (target === undefined) continue;
    finding.evidence.push(
      callEvidence('decodes-base64', decoder, `decodes with ${decoder.callee}`),
      callEvidence(
        'evaluates-dynamic-code',
        target.call,
        `${target.call.callee} of computed code a few lines below, ${STAGE_NOTE[target.stage]}`,
      ),
    );
    // Nearness is not a traced flow: code that runs only when called (a library's unpacker, a template
    // compiler) is worth a look, not a verdict; at install or import it is the dropper's shape.
    const level: Severity = target.auxiliary
      ? 'low'
      : target.stage === 'install'
        ? 'critical'
        : target.stage === 'import'
          ? 'high'
          : 'medium';
    finding.severity = maxSeverity(finding.severity, level);
  }
  return finding;
}

/**
 * Decoded text written to a file that a process then runs: a decoder, a file write within NEAR_LINES below it
 * and a process start within NEAR_LINES below the write, in one file. Droppers do this to run a payload that
 * never appears in clear in the package.
 */
function dropAndRun(context: DetectionContext, finding: JsFinding): void {
  const writes = locatedJsCalls(context, JS_FILE_WRITE_CALLEES);
  const starts = locatedJsCalls(context, JS_PROCESS_CALLEES);
  dropScriptAndRun(writes, starts, finding);
  // Text decoders only: decompressing a downloaded archive, writing the binary and running it to check its version
  // is how installers of native tools (esbuild) work.
  const decoders = locatedJsCalls(context, JS_DECODER_CALLEES).filter(
    ({ call }) => isDecoder(call) && !call.callee.startsWith('zlib.') && !call.callee.startsWith('crypto.'),
  );
  if (decoders.length === 0) return;
  for (const { call: decoder } of decoders) {
    const write = writes.find(
      ({ call }) =>
        call.file === decoder.file && call.line >= decoder.line && call.line - decoder.line <= NEAR_LINES,
    );
    if (write === undefined) continue;
    const start = starts.find(
      ({ call }) =>
        call.file === write.call.file &&
        call.line >= write.call.line &&
        call.line - write.call.line <= NEAR_LINES,
    );
    if (start === undefined) continue;
    finding.evidence.push(
      callEvidence('decodes-base64', decoder, `decodes with ${decoder.callee}`),
      callEvidence('writes-file', write.call, 'writes the decoded text to a file'),
      callEvidence('executes-process', start.call, `then starts a process, ${STAGE_NOTE[start.stage]}`),
    );
    // A CLI that fetches a helper script and runs it on request does this too; on install or import it is a dropper.
    finding.severity = maxSeverity(
      finding.severity,
      start.auxiliary ? 'low' : start.stage === 'runtime' ? 'medium' : 'high',
    );
    return;
  }
}

/** Script files a shell or script host runs: a .bat written then started is a dropper's second stage. */
const SCRIPT_FILE = /\.(?:bat|cmd|ps1|vbs|vbe|sh)['"`]?\s*$/i;

/** A script file written and then started within NEAR_LINES in one file (`fs.writeFile('x.bat', …)` then `exec`). */
function dropScriptAndRun(
  writes: readonly LocatedJsCall[],
  starts: readonly LocatedJsCall[],
  finding: JsFinding,
): void {
  for (const write of writes) {
    if (!SCRIPT_FILE.test(textOf(write.call.args[0]))) continue;
    const start = starts.find(
      ({ call }) =>
        call.file === write.call.file &&
        call.line >= write.call.line &&
        call.line - write.call.line <= NEAR_LINES,
    );
    if (start === undefined) continue;
    finding.evidence.push(
      callEvidence('writes-file', write.call, 'writes a script file'),
      callEvidence('executes-process', start.call, `then starts a process, ${STAGE_NOTE[start.stage]}`),
    );
    finding.severity = maxSeverity(finding.severity, start.auxiliary ? 'low' : 'high');
    return;
  }
}

/** Text of a value that came back from a request: res.data, response.body, responseText. */
const RESPONSE_TEXT = /\b(?:res|resp|response|result|reply)\b|\.data\b|\.body\b|responseText|\.text\(\)/;
/** How far below a request an eval may sit and still run what it fetched (a callback or .then). */
const AFTER_REQUEST_LINES = 30;

/**
 * Code fetched over the network and run: an eval / Function of a response a few lines below an HTTP request,
 * or a Function built with `require` as a parameter (the job-scam loader that hands its payload Node's require).
 */
export function jsDownloadAndExecute(context: DetectionContext): JsFinding {
  const finding: JsFinding = { evidence: [], severity: 'info' };
  const evals = locatedJsCalls(context, JS_EVAL_CALLEES).filter(({ call }) => runsComputedCode(call));
  if (evals.length === 0) return finding;
  const requests = locatedJsCalls(context, JS_HTTP_CALLEES);
  for (const { call, stage, auxiliary } of evals) {
    const handsRequire =
      call.callee === 'builtins.Function' && call.args.some((arg) => textOf(arg) === 'require');
    // A Function handed `require` can do anything Node can; beside a request anywhere in its file, it is a loader.
    const request = requests.find(
      (entry) =>
        entry.call.file === call.file &&
        (handsRequire ||
          (call.line >= entry.call.line && call.line - entry.call.line <= AFTER_REQUEST_LINES)),
    );
    if (request === undefined) continue;
    const fromResponse = RESPONSE_TEXT.test(argumentText(call));
    if (!handsRequire && !fromResponse) continue;
    finding.evidence.push(
      callEvidence('uses-http-client', request.call, `fetches with ${request.call.callee}`),
      callEvidence('evaluates-dynamic-code', call, `${call.callee} of the response, ${STAGE_NOTE[stage]}`),
    );
    finding.severity = maxSeverity(finding.severity, auxiliary ? 'medium' : 'critical');
  }
  return finding;
}

/** Host, user and network identity: what a beacon sends home. */
const FINGERPRINT_CALLEES: readonly string[] = ['os.hostname', 'os.userInfo', 'os.networkInterfaces'];

/** Calls that send or connect (client factories such as axios.create or http.Agent do not). */
const SENDING_CALLEES: readonly string[] = [
  'http.request',
  'http.get',
  'https.request',
  'https.get',
  'builtins.fetch',
  'node-fetch',
  'axios',
  'axios.get',
  'axios.post',
  'axios.request',
  'got',
  'got.get',
  'got.post',
  'request',
  'request.get',
  'request.post',
  'needle',
  'needle.get',
  'needle.post',
  'net.connect',
  'net.createConnection',
  'tls.connect',
  'WebSocket',
  ...JS_DNS_CALLEES,
];

/**
 * Network calls that run as soon as the package is required: module-level code of the files its entry point
 * loads. With host or user lookups in the same file, that is a beacon.
 */
/**
 * Where code that loads reaches only what it came with: a file of its own package (`new URL('./x.wasm',
 * import.meta.url)`) or the server the page was loaded from (`location.host`, a dev server's socket).
 */
const OWN_ORIGIN =
  /\bnew URL\(\s*['"`]\.{1,2}\/[^'"`]*['"`]\s*,\s*import\.meta\.url\s*\)|\blocation\.(?:host|hostname|origin)\b/;

export function jsImportTimeNetwork(context: DetectionContext): JsFinding {
  const finding: JsFinding = { evidence: [], severity: 'info' };
  const fingerprints = locatedJsCalls(context, FINGERPRINT_CALLEES).filter(({ stage }) => stage === 'import');
  for (const { call, stage } of locatedJsCalls(context, SENDING_CALLEES)) {
    if (stage !== 'import' || call.scope !== 'module') continue;
    // A DNS lookup of a literal host at load time is a health check rather than a send.
    if (matchesCallee(call.callee, JS_DNS_CALLEES) && call.args[0]?.kind === 'string') continue;
    if (OWN_ORIGIN.test(argumentText(call))) continue;
    const recon = fingerprints.filter((entry) => entry.call.file === call.file);
    finding.evidence.push(
      callEvidence('uses-http-client', call, `reaches the network on require: ${call.callee}`),
    );
    for (const entry of recon.slice(0, 5))
      finding.evidence.push(
        callEvidence(
          entry.call.callee === 'os.hostname' ? 'queries-host-name' : 'queries-user-name',
          entry.call,
          `collects ${entry.call.callee}()`,
        ),
      );
    finding.severity = maxSeverity(finding.severity, recon.length > 0 ? 'critical' : 'high');
  }
  return finding;
}
