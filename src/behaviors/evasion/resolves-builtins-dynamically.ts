import type { CallFact } from '../../analysis/types.ts';
import { defineBehavior } from '../../catalog/define.ts';
import { detectCalls, mergeOccurrences } from '../lib/detect.ts';
import { escapedNameOccurrences } from '../lib/escapes.ts';
import { isLiteral, stringOf, textOf } from '../lib/match.ts';

/** Receivers that hold the built-ins themselves: the builtins module or the globals() mapping. */
const BUILTINS_RECEIVER = /^(__builtins__|builtins|builtins\.globals\b.*|globals\(\))$/;
/**
 * A name assembled from character codes, escapes, decoding, reversal or letters picked out of built-in reprs
 * (oct.__str__()[-3]): never how honest code names things.
 */
const ASSEMBLED_NAME =
  /\bchr\(|\[::-1\]|b64decode|fromhex|unhexlify|rot_?13|\\x[0-9a-fA-F]{2}|\.__(str|doc|name|repr)__(\(\))?\[/;
/** Names worth hiding: the ones that run code or reach the system. */
const RUNNERS = /^(eval|exec|compile|__import__|getattr|system|popen|Popen|loads|open)$/;

function isHiddenLookup(call: CallFact): boolean {
  const receiver = call.args[0];
  const name = call.args[1];
  if (receiver === undefined || name === undefined || name.kind === 'string') return false;
  if (ASSEMBLED_NAME.test(textOf(name))) return true;
  // getattr(__builtins__, 'ex' + 'ec'): the folded name is a runner that was split on purpose.
  const receiverText =
    receiver.kind === 'ref' ? receiver.name : receiver.kind === 'call' ? receiver.text : '';
  return BUILTINS_RECEIVER.test(receiverText) && RUNNERS.test(stringOf(name) ?? '');
}

export const resolvesBuiltinsDynamically = defineBehavior({
  id: 'resolves-builtins-dynamically',
  category: 'evasion',
  ecosystems: ['pypi'],
  title: 'Looks up built-in functions by computed names.',
  description:
    'Finds getattr whose attribute name is built from chr() codes, escapes, decoding or reversal, getattr on ' +
    '__builtins__ / builtins / globals() with a name such as exec or eval split into pieces, eval of a bare ' +
    'built-in name, and names such as eval, exec or base64 spelled entirely in escape sequences.',
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
