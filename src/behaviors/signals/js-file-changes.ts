import { defineSignal } from '../../catalog/define.ts';
import type { CallSite } from '../../catalog/lib/evidence.ts';
import { jsSources } from '../lib/javascript.ts';
import { JS_FILE_DELETE_CALLEES, JS_FILE_WRITE_CALLEES } from '../lib/js-apis.ts';
import { matchesCallee } from '../lib/match.ts';

const CHANGING = [...JS_FILE_DELETE_CALLEES, ...JS_FILE_WRITE_CALLEES];

export interface JsFileChange {
  readonly call: CallSite;
  /** Deletes (fs.rm, fs.unlink …) rather than writes. */
  readonly deletes: boolean;
}

/** Per JavaScript file (in source order), the calls that delete or overwrite files. */
export const jsFileChanges = defineSignal<readonly { file: string; changes: readonly JsFileChange[] }[]>({
  id: 'js-file-changes',
  description:
    'JavaScript and TypeScript files that delete or write files, with those calls in source order.',
  derive: (context) =>
    jsSources(context).flatMap((source) => {
      const changes = source.calls
        .filter((call) => matchesCallee(call.callee, CHANGING))
        .map((call) => ({ call, deletes: matchesCallee(call.callee, JS_FILE_DELETE_CALLEES) }));
      return changes.length === 0 ? [] : [{ file: source.file, changes }];
    }),
});
