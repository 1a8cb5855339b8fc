import { defineSignal } from '../../catalog/define.ts';
import type { CallSite } from '../../catalog/lib/evidence.ts';
import type { LocationClass } from '../../catalog/lib/location.ts';
import { DECODING_TEXT } from '../lib/apis.ts';
import {
  type CommandSuspicion,
  commandSuspicion,
  commandText,
  hiddenProcessReason,
  isProcessCall,
  PROCESS_CALLEES,
} from '../lib/commands.ts';
import { locatedCalls } from '../lib/located-calls.ts';

/** A Python process launch with what its command and options say about it. */
export interface ProcessCall {
  readonly call: CallSite;
  readonly location: LocationClass;
  /** Made at module level, so it runs on import. */
  readonly onImport: boolean;
  /** Why the program starts hidden (no window, detached), when it does. */
  readonly hidden: string | undefined;
  /** What makes the command look like a dropper (PowerShell, a download piped into a shell …), when it does. */
  readonly suspicion: CommandSuspicion | undefined;
  /** The command is decoded at run time (base64, hex …). */
  readonly decodedCommand: boolean;
}

/** Every Python process launch, in file and source order, with the shape of its command. */
export const processCalls = defineSignal<readonly ProcessCall[]>({
  id: 'process-calls',
  description:
    'Python process launches (subprocess, os.system, os.popen …) with the place of their file, whether they run ' +
    'at module level, whether the program starts hidden, what makes the command dropper-shaped, and whether the ' +
    'command is decoded at run time.',
  derive: (context) =>
    locatedCalls(context, PROCESS_CALLEES).flatMap(({ call, location }) =>
      isProcessCall(call)
        ? [
            {
              call,
              location,
              onImport: call.scope === 'module',
              hidden: hiddenProcessReason(call),
              suspicion: commandSuspicion(call),
              decodedCommand: DECODING_TEXT.test(commandText(call)),
            },
          ]
        : [],
    ),
});
