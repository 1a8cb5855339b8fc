/**
 * Calls of a package indexed by callee, so a behavior looks up the few calls its patterns can match
 * instead of testing every call of the package. About forty behaviors read the calls of each scan;
 * with one pass each over hundreds of thousands of calls, that loop was the largest share of the
 * main thread's time on popular projects.
 */
import type { CallFact } from '../../analysis/types.ts';
import { compileCallees } from './match.ts';

export interface CallIndex {
  /** Every call, in file and source order: the order occurrences are reported in. */
  readonly calls: readonly CallFact[];
  /** Positions of the calls whose callee is exactly the key. */
  readonly byCallee: ReadonlyMap<string, readonly number[]>;
  /** Positions by every dotted prefix of the callee, with its trailing dot ('os.', 'os.path.'). */
  readonly byPrefix: ReadonlyMap<string, readonly number[]>;
  /** Positions by every dotted suffix of the callee, with its leading dot ('.join', '.path.join'). */
  readonly bySuffix: ReadonlyMap<string, readonly number[]>;
}

function push(map: Map<string, number[]>, key: string, position: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [position]);
  else list.push(position);
}

export function indexCalls(calls: readonly CallFact[]): CallIndex {
  const byCallee = new Map<string, number[]>();
  const byPrefix = new Map<string, number[]>();
  const bySuffix = new Map<string, number[]>();
  calls.forEach((call, position) => {
    const callee = call.callee;
    push(byCallee, callee, position);
    for (let dot = callee.indexOf('.'); dot >= 0; dot = callee.indexOf('.', dot + 1)) {
      push(byPrefix, callee.slice(0, dot + 1), position);
      push(bySuffix, callee.slice(dot), position);
    }
  });
  return { calls, byCallee, byPrefix, bySuffix };
}

/** Positions (ascending, no repeats) of the calls whose callee matches one of `patterns`. */
export function candidatePositions(index: CallIndex, patterns: readonly string[]): readonly number[] {
  const matcher = compileCallees(patterns);
  if (matcher.any) return index.calls.map((_, position) => position);
  const found = new Set<number>();
  const add = (list: readonly number[] | undefined): void => {
    if (list !== undefined) for (const position of list) found.add(position);
  };
  for (const callee of matcher.exact) add(index.byCallee.get(callee));
  for (const name of matcher.lastSegment) {
    add(index.byCallee.get(name));
    add(index.bySuffix.get(`.${name}`));
  }
  for (const suffix of matcher.suffixes) add(index.bySuffix.get(suffix));
  for (const prefix of matcher.prefixes) add(index.byPrefix.get(prefix));
  return [...found].sort((a, b) => a - b);
}
