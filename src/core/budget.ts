/**
 * Per-file budgets counted in work done, never in wall-clock time, so that a busy machine gives the same
 * report as an idle one (the same input always stops at the same place).
 *
 * - parse steps: the number of times tree-sitter calls the progress callback while parsing. It calls it
 *   every so many parser operations, so the count follows the work of the parse, not the clock. On this
 *   project's reference machine ordinary code costs 0.2 to 1.4 ms per step.
 * - walk nodes: syntax nodes the analyzer visits after the parse.
 * - lexical steps: loop turns of the token reader (at most one per character).
 */
export interface WorkLimits {
  readonly parseSteps: number;
  readonly walkNodes: number;
  readonly lexicalSteps: number;
  /**
   * The whole scan's budget: bytes of distinct source handed to the analyzers, in archive order. Each file's
   * cost is bounded by the budgets above, and for ordinary code grows with its size, so this bounds the
   * scan's analysis time and memory however many members an archive packs within its unpacking limits.
   */
  readonly scanSourceBytes: number;
}

/**
 * About two seconds of parsing on ordinary code at the slowest rate measured; a 9 MB file of comments
 * takes 1,500 steps, 40,000 levels of nested JavaScript arrays 4,400.
 */
export const DEFAULT_WORK_LIMITS: WorkLimits = {
  parseSteps: 4000,
  walkNodes: 2_000_000,
  lexicalSteps: 256 * 1024 * 1024,
  // Four times the source of the biggest packages measured (typescript's npm tarball holds about 30 MB of
  // JavaScript); 66 distinct 8 MiB junk modules, which the unpacking limits let through, are 528 MiB.
  scanSourceBytes: 128 * 1024 * 1024,
};

/** A counter that says when a limit is passed; `spend` is cheap enough for hot loops. */
export class WorkCounter {
  used = 0;
  constructor(readonly limit: number) {}

  /** Counts `units` of work; true once the limit is passed. */
  spend(units = 1): boolean {
    this.used += units;
    return this.used > this.limit;
  }

  get exhausted(): boolean {
    return this.used > this.limit;
  }
}

export function workLimits(partial: Partial<WorkLimits> | undefined): WorkLimits {
  return { ...DEFAULT_WORK_LIMITS, ...partial };
}
