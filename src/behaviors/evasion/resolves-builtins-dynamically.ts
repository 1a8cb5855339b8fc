import type { CallFact } from '../../analysis/types.ts';
import { defineBehavior } from '../../catalog/define.ts';
import { detectCalls, mergeOccurrences } from '../lib/detect.ts';
import { escapedNameOccurrences } from '../lib/escapes.ts';
import { isLiteral, stringOf, textOf } from '../lib/match.ts';

/** Receivers that hold the built-ins: the builtins module, globals(), an __import__ result. */
const BUILTINS_RECEIVER = /__builtins__|\bbuiltins\b|\bglobals\(|__import__|import_module/;
/** A name assembled from character codes, joins, decoding or reversal. */
const ASSEMBLED_NAME = /\bchr\(|\.join\(|decode|\[::-1\]|b64|fromhex|unhexlify/;
/** Names worth hiding: the ones that run code or reach the system. */
const RUNNERS = /^(eval|exec|compile|__import__|getattr|system|popen|Popen|loads|open)$/;

function isHiddenLookup(call: CallFact): boolean {
  const receiver = textOf(call.args[0]);
  const name = call.args[1];
  if (name === undefined || name.kind === 'string') return false;
  if (ASSEMBLED_NAME.test(textOf(name))) return true;
  return BUILTINS_RECEIVER.test(receiver);
}

export const resolvesBuiltinsDynamically = defineBehavior({
  id: 'resolves-builtins-dynamically',
  category: 'evasion',
  ecosystems: ['pypi'],
  title: 'Looks up built-in functions by computed names.',
  description:
    'Finds getattr on __builtins__, builtins, globals() or an __import__ result with a name that is not written ' +
    'as a plain literal, getattr with names built from chr(), joins or decoding, eval of a bare built-in name, and ' +
    'names such as eval, exec or base64 spelled entirely in escape sequences.',
  problem:
    'Writing getattr(__builtins__, <expression>) instead of calling a function by name only makes sense when the ' +
    'name has to stay hidden from readers and scanners.',
  nextSteps: ['Work out which function the expression names and follow what is done with it.'],
  severity: 'medium',
  references: { mitreAttack: ['T1027'], guarddog: ['api-obfuscation'] },
  detect: (context) =>
    mergeOccurrences(
      detectCalls(context, [
        {
          callees: ['builtins.getattr'],
          when: isHiddenLookup,
          note: (call) =>
            isLiteral(call.args[1])
              ? 'looks up a function by a concatenated name'
              : 'looks up a function by a computed name',
        },
        {
          // eval('exec') or eval('\x65\x76\x61\x6c') only fetches a built-in: a detour to avoid naming it.
          callees: ['builtins.eval'],
          when: (call) => RUNNERS.test(stringOf(call.args[0]) ?? ''),
          note: () => 'fetches a built-in through eval',
        },
      ]),
      escapedNameOccurrences(context),
    ),
});
