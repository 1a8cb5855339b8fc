/**
 * Ways of calling a function that only hide which function it is: `eval.call(null, code)`,
 * `eval.apply(null, [code])`, `Reflect.apply(eval, null, [code])`, `Function.constructor(code)`. Code does not
 * need them to call eval or exec; obfuscators use them so that a scanner looking for `eval(` sees nothing.
 * The analyzer reports such calls under the function they reach, with the arguments it receives.
 */

/** How a resolved callee passes its arguments on: `f.call(this, a, b)` or `f.apply(this, [a, b])`. */
export type Invoker = 'call' | 'apply';

const INVOKER_TAIL = /\.(call|apply)$/;

/**
 * The function behind `f.call` / `f.apply` of a resolved name ('builtins.eval.call' → builtins.eval, 'call'),
 * or undefined for any other name. A module's own member named call ('client.call') is not an invoker: only
 * functions the analyzer knows (builtins and module members two levels deep or more) are unwrapped.
 */
export function invokerTarget(name: string): { target: string; invoker: Invoker } | undefined {
  const match = INVOKER_TAIL.exec(name);
  if (match === null) return undefined;
  const target = name.slice(0, match.index);
  if (!target.includes('.')) return undefined;
  return { target: canonicalCallee(target), invoker: match[1] as Invoker };
}

/** `Function.constructor` and `x.constructor.constructor` are the Function constructor itself. */
export function canonicalCallee(name: string): string {
  if (name === 'builtins.Function.constructor' || name.endsWith('.constructor.constructor'))
    return 'builtins.Function';
  return name;
}

/** Function-valued receivers whose `.constructor` is Function: `(() => {}).constructor(code)`. */
export const FUNCTION_NODE_TYPES: ReadonlySet<string> = new Set([
  'arrow_function',
  'function_expression',
  'function',
  'generator_function',
]);
