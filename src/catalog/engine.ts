import type {
  BehaviorDefinition,
  BehaviorHit,
  DetectionContext,
  DetectorOutcome,
  Issue,
  PolicyDefinition,
  Severity,
} from './types.ts';
import { SEVERITY_ORDER } from './types.ts';

/** Runs every behavior for the snapshot's ecosystem; a detector that throws is an error outcome, not a crash. */
export function runBehaviors(
  definitions: readonly BehaviorDefinition[],
  context: DetectionContext,
): { hits: BehaviorHit[]; outcomes: DetectorOutcome[] } {
  const hits: BehaviorHit[] = [];
  const outcomes: DetectorOutcome[] = [];
  for (const definition of definitions) {
    if (!definition.ecosystems.includes(context.snapshot.ecosystem)) continue;
    try {
      const occurrences = definition.detect(context);
      if (occurrences.length === 0) {
        outcomes.push({ status: 'clear', id: definition.id });
        continue;
      }
      const hit: BehaviorHit = { id: definition.id, occurrences: dedupeOccurrences(occurrences) };
      hits.push(hit);
      outcomes.push({ status: 'hit', hit });
    } catch (error) {
      outcomes.push({
        status: 'error',
        id: definition.id,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return { hits, outcomes };
}

function dedupeOccurrences(occurrences: BehaviorHit['occurrences']): BehaviorHit['occurrences'] {
  const seen = new Set<string>();
  return occurrences.filter((occurrence) => {
    const key = `${occurrence.file}\u0000${occurrence.line ?? ''}\u0000${occurrence.column ?? ''}\u0000${occurrence.field ?? ''}\u0000${occurrence.snippet}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function runPolicies(
  definitions: readonly PolicyDefinition[],
  context: DetectionContext,
  hits: readonly BehaviorHit[],
): { issues: Issue[]; errors: { id: string; message: string }[] } {
  const behaviors = new Map(hits.map((hit) => [hit.id, hit]));
  const issues: Issue[] = [];
  const errors: { id: string; message: string }[] = [];
  for (const definition of definitions) {
    try {
      const finding = definition.evaluate({ ...context, behaviors });
      if (finding)
        issues.push({ id: definition.id, severity: finding.severity ?? definition.severity, finding });
    } catch (error) {
      errors.push({ id: definition.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  issues.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.id.localeCompare(b.id));
  return { issues, errors };
}

export function severityRank(severity: Severity): number {
  return SEVERITY_ORDER.indexOf(severity);
}

export type VerdictLevel = 'pass' | 'warning' | 'fail';

export interface Verdict {
  readonly level: VerdictLevel;
  /** The issues that drove the verdict, worst first. */
  readonly reasons: readonly { readonly issue: string; readonly severity: Severity }[];
}

/**
 * The verdict follows the worst issue: high or critical fails, medium warns, low and info only inform.
 * Keeping the rule this plain makes every verdict explainable by the issues listed beside it.
 */
export function verdictFor(issues: readonly Issue[]): Verdict {
  const failing = issues.filter((issue) => severityRank(issue.severity) >= severityRank('high'));
  if (failing.length > 0) return { level: 'fail', reasons: failing.map(reason) };
  const warning = issues.filter((issue) => issue.severity === 'medium');
  if (warning.length > 0) return { level: 'warning', reasons: warning.map(reason) };
  return { level: 'pass', reasons: [] };
}

function reason(issue: Issue): { issue: string; severity: Severity } {
  return { issue: issue.id, severity: issue.severity };
}

export const VERDICT_ORDER: readonly VerdictLevel[] = ['pass', 'warning', 'fail'];
