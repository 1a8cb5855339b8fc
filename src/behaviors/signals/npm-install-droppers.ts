import { defineSignal } from '../../catalog/define.ts';
import { callEvidence } from '../../catalog/lib/evidence.ts';
import type { IssueEvidence } from '../../catalog/types.ts';
import { commandSuspicion, commandText } from '../lib/commands.ts';
import { dynamicCodeSource } from '../lib/dynamic.ts';
import { jsSources } from '../lib/javascript.ts';
import { JS_EVAL_CALLEES, JS_PROCESS_CALLEES } from '../lib/js-apis.ts';
import { matchesCallee } from '../lib/match.ts';
import { installTimeFiles } from '../lib/npm.ts';

/**
 * In the files an npm install script runs with node (and the files they load): dropper-shaped commands and
 * evaluation of downloaded code, as evidence in source order.
 */
export const npmInstallDroppers = defineSignal<readonly IssueEvidence[]>({
  id: 'npm-install-droppers',
  description:
    'Calls in the files an npm install script runs with node (and the files they load) that start a strongly ' +
    'dropper-shaped command or evaluate code fetched from the network.',
  derive: (context) => {
    const evidence: IssueEvidence[] = [];
    const files = installTimeFiles(context.snapshot, context.facts);
    for (const source of jsSources(context)) {
      if (!files.has(source.file)) continue;
      for (const call of source.calls) {
        if (matchesCallee(call.callee, JS_PROCESS_CALLEES)) {
          const suspicion = commandSuspicion(call);
          if (suspicion?.strong)
            evidence.push(
              callEvidence(
                'executes-process',
                call,
                `at install time: ${suspicion.note}: ${commandText(call).slice(0, 80)}`,
              ),
            );
        } else if (
          matchesCallee(call.callee, JS_EVAL_CALLEES) &&
          call.args.length > 0 &&
          dynamicCodeSource(call) === 'fetched'
        ) {
          evidence.push(
            callEvidence(
              'evaluates-dynamic-code',
              call,
              `at install time: ${call.callee} of downloaded code`,
            ),
          );
        }
      }
    }
    return evidence;
  },
});
