import type { CallFact } from '../../analysis/types.ts';
import { defineBehavior } from '../../catalog/define.ts';
import { DYNAMIC_CODE_CALLEES } from '../lib/apis.ts';
import { detectCalls, mergeOccurrences } from '../lib/detect.ts';
import { dynamicCodeSource } from '../lib/dynamic.ts';
import { detectJsCalls } from '../lib/javascript.ts';
import { JS_EVAL_CALLEES } from '../lib/js-apis.ts';

/** npm: eval, the Function constructor and the vm module, when the code is not a plain literal. */
const JS_RULES = [
  {
    callees: JS_EVAL_CALLEES,
    when: (call: CallFact) =>
      call.args.length > 0 && call.args.some((arg) => arg.kind !== 'string' && arg.kind !== 'number'),
    note: (call: CallFact) => `${call.callee} of ${dynamicCodeSource(call)} code`,
  },
];

export const evaluatesDynamicCode = defineBehavior({
  id: 'evaluates-dynamic-code',
  category: 'execution',
  ecosystems: ['pypi', 'npm'],
  title: 'Evaluates code built or loaded at run time.',
  description:
    'Finds exec, eval, compile, execfile and runpy.run_path whose code argument is not a plain literal, and says ' +
    'where the code comes from when the argument shows it: decoded data, a download, a local file read, or a ' +
    'computed value.',
  problem:
    'Code passed to exec is invisible to anyone reading the package: it is whatever the argument turns out to be ' +
    'when the program runs. Loaders of version files use it harmlessly; droppers use it to run a payload that was ' +
    'encoded, encrypted or fetched so that scanners do not see it.',
  nextSteps: [
    'Find where the evaluated text comes from; decode it offline if it is encoded.',
    'Treat exec of decoded or downloaded text as malicious until shown otherwise.',
  ],
  severity: 'medium',
  references: { mitreAttack: ['T1059.006'], cwe: ['CWE-95'], guarddog: ['code-execution'] },
  detect: (context) =>
    mergeOccurrences(
      detectCalls(context, [
        {
          callees: DYNAMIC_CODE_CALLEES,
          when: (call) => call.args.length > 0 && dynamicCodeSource(call) !== 'literal',
          note: (call) => `${call.callee} of ${dynamicCodeSource(call)} code`,
        },
      ]),
      detectJsCalls(context, JS_RULES),
    ),
});
