/** Issue evidence built from occurrences: shared by policies and by the signals they read. */
import type { IssueEvidence, Occurrence, Severity } from '../types.ts';
import { SEVERITY_ORDER } from '../types.ts';

/** Evidence lists stay short: a reader needs the strongest few lines, not every repetition. */
export const MAX_EVIDENCE = 20;

export function toEvidence(behavior: string, occurrence: Occurrence, detail?: string): IssueEvidence {
  const out: IssueEvidence = {
    behavior,
    file: occurrence.file,
    snippet: occurrence.snippet,
    ...(occurrence.line !== undefined ? { line: occurrence.line } : {}),
    ...(occurrence.column !== undefined ? { column: occurrence.column } : {}),
    ...(occurrence.field !== undefined ? { field: occurrence.field } : {}),
  };
  const note = detail ?? occurrence.detail;
  return note === undefined ? out : { ...out, detail: note };
}

/** Evidence without repeats of one line, capped. */
export function uniqueEvidence(items: readonly IssueEvidence[]): IssueEvidence[] {
  const seen = new Set<string>();
  const out: IssueEvidence[] = [];
  for (const item of items) {
    const key = `${item.behavior ?? ''}\u0000${item.file ?? ''}\u0000${item.line ?? ''}\u0000${item.field ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
    if (out.length >= MAX_EVIDENCE) break;
  }
  return out;
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_ORDER.indexOf(a) >= SEVERITY_ORDER.indexOf(b) ? a : b;
}

/** Where a call was made, as a signal hands it to a policy (a call fact fits it). */
export interface CallSite {
  readonly callee: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly snippet: string;
}

export function callEvidence(behavior: string, call: CallSite, detail: string): IssueEvidence {
  return { behavior, file: call.file, line: call.line, column: call.column, snippet: call.snippet, detail };
}

/** Evidence gathered by one part of a judgement, with the worst severity it found. */
export interface WeighedEvidence {
  readonly evidence: IssueEvidence[];
  severity: Severity;
}
