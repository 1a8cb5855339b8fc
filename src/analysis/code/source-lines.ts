/**
 * What the Python and JavaScript analyzers both need from a decoded source file: where its lines start,
 * the line (or, for a minified megabyte-long line, the neighbourhood) shown as evidence, and the caps on
 * how many facts one file may make them keep.
 */
import type { AnalysisProblem } from '../types.ts';

/** Evidence snippets are cut to this many characters. */
export const MAX_SNIPPET = 200;

export class SourceLines {
  private lineStarts: number[] | undefined;
  private readonly snippets = new Map<number, string>();

  constructor(private readonly text: string) {}

  /** The index where each line starts, found on first use. */
  starts(): number[] {
    if (this.lineStarts === undefined) {
      const starts = [0];
      let i = this.text.indexOf('\n');
      while (i >= 0) {
        starts.push(i + 1);
        i = this.text.indexOf('\n', i + 1);
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  /** The 0-based line holding text index `index`. */
  rowOf(index: number): number {
    const starts = this.starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Line `row` trimmed, or the neighbourhood of `column` when the line is too long to show whole. */
  snippet(row: number, column: number): string {
    const cached = this.snippets.get(row);
    if (cached !== undefined) return cached;
    const starts = this.starts();
    const start = starts[row] ?? 0;
    const next = starts[row + 1];
    const end = next === undefined ? this.text.length : next - 1;
    let line: string;
    let cacheable = true;
    if (end - start <= MAX_SNIPPET * 2) {
      line = this.text.slice(start, end).trim();
    } else {
      // A minified or generated line is megabytes long: show the neighbourhood of the fact, not the start.
      const from = Math.max(start, start + column - 40);
      line = this.text.slice(from, Math.min(end, from + MAX_SNIPPET)).trim();
      cacheable = false;
    }
    if (line.length > MAX_SNIPPET) line = line.slice(0, MAX_SNIPPET);
    if (cacheable) this.snippets.set(row, line);
    return line;
  }
}

/**
 * Bounds on what one file can make an analyzer keep, so a hostile file cannot exhaust memory. The first
 * time a kind of fact reaches its cap, one problem says so and the facts count as partial.
 */
export class FactCaps {
  private readonly reached = new Set<string>();

  constructor(
    private readonly file: string,
    private readonly problems: AnalysisProblem[],
  ) {}

  /** True when `count` facts of `kind` already fill the cap `max`. */
  full(kind: string, count: number, max: number): boolean {
    if (count < max) return false;
    if (!this.reached.has(kind)) {
      this.reached.add(kind);
      this.problems.push({
        file: this.file,
        kind: 'capped',
        message: `more than ${max} ${kind} in one file; the rest were not kept`,
      });
    }
    return true;
  }

  /** Whether any cap was reached. */
  get truncated(): boolean {
    return this.reached.size > 0;
  }
}
