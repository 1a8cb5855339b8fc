import { defineSignal } from '../../catalog/define.ts';
import { callEvidence, maxSeverity, type WeighedEvidence } from '../../catalog/lib/evidence.ts';
import { isAuxiliary, isInstallTime } from '../../catalog/lib/location.ts';
import type { IssueEvidence, Occurrence } from '../../catalog/types.ts';
import { DECODING_TEXT, DYNAMIC_CODE_CALLEES, SERIALIZED_CODE_CALLEES } from '../lib/apis.ts';
import { isProcessCall, PROCESS_CALLEES } from '../lib/commands.ts';
import { dynamicCodeSource } from '../lib/dynamic.ts';
import { jsDecodeAndExecute } from '../lib/js-code-shapes.ts';
import { locatedCalls } from '../lib/located-calls.ts';
import { callArgumentText, matchesCallee, textOf } from '../lib/match.ts';

// Pattern lists are compiled once per list object: kept here rather than written inline in the loops.
const FUNCTION_TYPE = ['types.FunctionType'];
const EXEC_OR_EVAL = ['builtins.exec', 'builtins.eval'];
const CHR = ['builtins.chr'];

/** An exec or eval of text computed elsewhere: run what a decoder just above it produced? */
export interface ComputedExec {
  readonly file: string;
  readonly line: number;
  readonly evidence: IssueEvidence;
  readonly auxiliary: boolean;
}

export interface DecodedCodeExecution {
  /** Python: exec of decoded text, FunctionType of unmarshalled code, marshal at install time, a decoded command. */
  readonly inline: WeighedEvidence;
  /** Python: exec / eval of computed text, for the policy to pair with a decoder a few lines above. */
  readonly computed: readonly ComputedExec[];
  /** Python: hand-rolled XOR loops (chr(ord(c) ^ key)), decoders as good as base64. */
  readonly xorDecoders: readonly Occurrence[];
  /** JavaScript: eval or Function of decoded text, or a decoder just above an eval. */
  readonly javascript: WeighedEvidence;
}

/** Calls that run decoded text as code or as a command, in Python and JavaScript. */
export const decodedCodeExecution = defineSignal<DecodedCodeExecution>({
  id: 'decoded-code-execution',
  description:
    'Calls that run decoded text: exec, eval or FunctionType of decoded or unmarshalled code, marshal at install ' +
    'time, a process started with a decoded command, exec of computed text (to pair with a decoder above it), ' +
    'XOR decoding loops, and the JavaScript forms (eval or Function of atob or Buffer.from output).',
  derive: (context) => {
    const inline: WeighedEvidence = { evidence: [], severity: 'info' };
    const computed: ComputedExec[] = [];
    for (const { call, location } of locatedCalls(context, [
      ...DYNAMIC_CODE_CALLEES,
      ...FUNCTION_TYPE,
      ...SERIALIZED_CODE_CALLEES,
    ])) {
      const auxiliary = isAuxiliary(location);
      if (matchesCallee(call.callee, DYNAMIC_CODE_CALLEES) && call.args.length > 0) {
        const source = dynamicCodeSource(call);
        if (source === 'decoded') {
          inline.evidence.push(
            callEvidence('evaluates-dynamic-code', call, `${call.callee} of decoded code`),
          );
          inline.severity = maxSeverity(inline.severity, auxiliary ? 'medium' : 'critical');
        } else if (source === 'computed') {
          computed.push({
            file: call.file,
            line: call.line,
            evidence: callEvidence('evaluates-dynamic-code', call, `${call.callee} of computed code`),
            auxiliary,
          });
        }
      } else if (matchesCallee(call.callee, FUNCTION_TYPE) && /marshal|loads/.test(textOf(call.args[0]))) {
        inline.evidence.push(
          callEvidence('loads-serialized-code', call, 'builds a function from unmarshalled code'),
        );
        inline.severity = maxSeverity(inline.severity, auxiliary ? 'medium' : 'critical');
      } else if (
        matchesCallee(call.callee, EXEC_OR_EVAL) === false &&
        matchesCallee(call.callee, SERIALIZED_CODE_CALLEES) &&
        call.callee.startsWith('marshal.') &&
        isInstallTime(location)
      ) {
        inline.evidence.push(callEvidence('loads-serialized-code', call, 'unmarshals code at install time'));
        inline.severity = maxSeverity(inline.severity, 'high');
      }
    }
    // os.system(b64decode(…)), subprocess.run(['python', '-c', b64decode(…)]): a command that only exists decoded.
    for (const { call, location } of locatedCalls(context, PROCESS_CALLEES)) {
      if (!isProcessCall(call) || !DECODING_TEXT.test(callArgumentText(call))) continue;
      inline.evidence.push(callEvidence('executes-process', call, `${call.callee} of a decoded command`));
      inline.severity = maxSeverity(inline.severity, isAuxiliary(location) ? 'medium' : 'critical');
    }
    const xorDecoders: Occurrence[] = [];
    for (const { call } of locatedCalls(context, CHR)) {
      if (matchesCallee(call.callee, CHR) && /\bord\(.*\^|\^.*\bord\(/.test(textOf(call.args[0]))) {
        xorDecoders.push({
          file: call.file,
          line: call.line,
          column: call.column,
          snippet: call.snippet,
          detail: 'XOR-decodes characters',
        });
      }
    }
    return { inline, computed, xorDecoders, javascript: jsDecodeAndExecute(context) };
  },
});
