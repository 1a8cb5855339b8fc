import { defineSignal } from '../../catalog/define.ts';
import { jsSources } from '../lib/javascript.ts';
import { JS_EVAL_CALLEES, JS_NETWORK_CALLEES, JS_PROCESS_CALLEES } from '../lib/js-apis.ts';
import { matchesCallee } from '../lib/match.ts';

const ACTING = [...JS_PROCESS_CALLEES, ...JS_NETWORK_CALLEES, ...JS_EVAL_CALLEES];

/** JavaScript files that act on the machine: start processes, use the network or evaluate code. */
export const jsActingFiles = defineSignal<ReadonlySet<string>>({
  id: 'js-acting-files',
  description:
    'JavaScript and TypeScript files that start processes, use the network or evaluate code (eval, Function, vm).',
  derive: (context) =>
    new Set(
      jsSources(context)
        .filter((source) => source.calls.some((call) => matchesCallee(call.callee, ACTING)))
        .map((source) => source.file),
    ),
});
