import type { CallFact, ConstructFact } from '../../analysis/types.ts';
import { classifyLocation, locationLabel } from '../../catalog/lib/location.ts';
import type { Occurrence } from '../../catalog/types.ts';
import type { CodeString } from './match.ts';

/**
 * Occurrences a behavior collects at most: enough to give the true count for any ordinary package (the report
 * keeps only the first ones as evidence and says so), bounded so a hostile file cannot make a behavior hold
 * millions. A count that reaches it is reported as "at least".
 */
export const MAX_OCCURRENCES = 5000;

/** The note plus where the code sits, so a reader sees at once that a call is in setup.py or a test. */
export function locatedDetail(file: string, note?: string, scope?: string): string {
  const where = locationLabel(classifyLocation(file));
  const scoped = scope ? `${where}, ${scope} scope` : where;
  return note ? `${note} (${scoped})` : scoped;
}

export function callOccurrence(call: CallFact, note?: string): Occurrence {
  return {
    file: call.file,
    line: call.line,
    column: call.column,
    snippet: call.snippet,
    detail: locatedDetail(call.file, note ?? `calls ${call.callee}`, call.scope),
  };
}

export function stringOccurrence(fact: CodeString, note: string): Occurrence {
  return {
    file: fact.file,
    line: fact.line,
    column: fact.column,
    snippet: fact.snippet,
    detail: locatedDetail(fact.file, note),
  };
}

export function constructOccurrence(fact: ConstructFact, note: string): Occurrence {
  return {
    file: fact.file,
    line: fact.line,
    column: fact.column,
    snippet: fact.snippet,
    detail: locatedDetail(fact.file, fact.detail ? `${note}: ${fact.detail}` : note),
  };
}

/** Collects occurrences up to the cap, one per file and line, so one line read twice counts once. */
export class OccurrenceCollector {
  private readonly items: Occurrence[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly limit = MAX_OCCURRENCES) {}

  get full(): boolean {
    return this.items.length >= this.limit;
  }

  /**
   * Whether an occurrence at this file and line (no field) would be dropped: callers skip building one (its
   * detail, its location label) for the thousands of facts a minified line holds.
   */
  taken(file: string, line: number): boolean {
    return this.full || this.seen.has(`${file}\u0000${line}\u0000`);
  }

  add(occurrence: Occurrence): void {
    if (this.full) return;
    const key = `${occurrence.file}\u0000${occurrence.line ?? ''}\u0000${occurrence.field ?? ''}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push(occurrence);
  }

  list(): readonly Occurrence[] {
    return this.items;
  }
}
