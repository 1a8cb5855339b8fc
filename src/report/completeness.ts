import type { AnalysisProblem } from '../analysis/types.ts';

/**
 * Problems that leave part of a file unanalyzed: a work budget ran out, bytes were not read, or the
 * analyzer failed. A syntax error or odd bytes do not: the whole file was read, and code that does not
 * parse does not run. A cap on kept facts does not either: every byte was read.
 */
const GAP_KINDS: ReadonlySet<AnalysisProblem['kind']> = new Set(['timeout', 'too-large', 'analyzer-crash']);

export function isCoverageGap(problem: AnalysisProblem): boolean {
  return GAP_KINDS.has(problem.kind);
}
