import type {
  BehaviorDefinition,
  BehaviorHit,
  DetectionContext,
  DetectorOutcome,
  Issue,
  PolicyContext,
  PolicyDefinition,
  Severity,
  SignalDefinition,
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

/** What a policy read, reported to an observer (the meta-test that checks each policy's `uses` and `signals`). */
export type PolicyRead = { readonly kind: 'behavior' | 'signal'; readonly id: string };

export function runPolicies(
  definitions: readonly PolicyDefinition[],
  context: DetectionContext,
  hits: readonly BehaviorHit[],
  observe?: (policy: string, read: PolicyRead) => void,
): { issues: Issue[]; errors: { id: string; message: string }[] } {
  const shared = policyContext(context, hits);
  const issues: Issue[] = [];
  const errors: { id: string; message: string }[] = [];
  for (const definition of definitions) {
    const seen: PolicyContext =
      observe === undefined ? shared : observedContext(shared, (read) => observe(definition.id, read));
    try {
      const finding = definition.evaluate(seen);
      if (finding)
        issues.push({ id: definition.id, severity: finding.severity ?? definition.severity, finding });
    } catch (error) {
      errors.push({ id: definition.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  issues.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.id.localeCompare(b.id));
  return { issues, errors };
}

/**
 * What the policies of one scan see: the package's metadata and enrichment, the behavior hits, and signals
 * derived from the facts on demand, once per scan, by the first policy that asks. There is no `facts` to reach for.
 */
export function policyContext(context: DetectionContext, hits: readonly BehaviorHit[]): PolicyContext {
  const derived = new Map<SignalDefinition<unknown>, unknown>();
  return {
    snapshot: context.snapshot,
    ...(context.enrichment === undefined ? {} : { enrichment: context.enrichment }),
    ...(context.vulnerabilities === undefined ? {} : { vulnerabilities: context.vulnerabilities }),
    behaviors: new Map(hits.map((hit) => [hit.id, hit])),
    signal: <T>(definition: SignalDefinition<T>): T => {
      if (derived.has(definition)) return derived.get(definition) as T;
      const value = definition.derive(context);
      derived.set(definition, value);
      return value;
    },
  };
}

function observedContext(shared: PolicyContext, record: (read: PolicyRead) => void): PolicyContext {
  const behaviors = shared.behaviors;
  const watched: ReadonlyMap<string, BehaviorHit> = {
    get: (id) => {
      record({ kind: 'behavior', id });
      return behaviors.get(id);
    },
    has: (id) => {
      record({ kind: 'behavior', id });
      return behaviors.has(id);
    },
    get size() {
      return behaviors.size;
    },
    forEach: (callback) => {
      for (const id of behaviors.keys()) record({ kind: 'behavior', id });
      for (const [id, hit] of behaviors) callback(hit, id, watched);
    },
    entries: () => behaviors.entries(),
    keys: () => behaviors.keys(),
    values: () => behaviors.values(),
    [Symbol.iterator]: () => behaviors[Symbol.iterator](),
  };
  return {
    ...shared,
    behaviors: watched,
    signal: (definition) => {
      record({ kind: 'signal', id: definition.id });
      return shared.signal(definition);
    },
  };
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

/** How an issue counts in the verdict: `fail` and `warning` set it, `info` is listed only, `off` is not reported. */
export type IssueLevel = 'off' | 'info' | 'warning' | 'fail';

/** The usual level of a finding: high or critical fails, medium warns, low and info only inform. */
export function levelOfSeverity(severity: Severity): Exclude<IssueLevel, 'off'> {
  if (severity === 'critical' || severity === 'high') return 'fail';
  if (severity === 'medium') return 'warning';
  return 'info';
}

/**
 * The verdict follows the worst issue, at its level: by default high or critical fails, medium warns, low and
 * info only inform; a profile or a per-policy override in assay.toml may give an issue another level. Keeping the
 * rule this plain makes every verdict explainable by the issues listed beside it.
 */
export function verdictFor<T extends { readonly id: string; readonly severity: Severity }>(
  issues: readonly T[],
  levelOf: (issue: T) => IssueLevel = (issue) => levelOfSeverity(issue.severity),
): Verdict {
  const failing = issues.filter((issue) => levelOf(issue) === 'fail');
  if (failing.length > 0) return { level: 'fail', reasons: failing.map(reason) };
  const warning = issues.filter((issue) => levelOf(issue) === 'warning');
  if (warning.length > 0) return { level: 'warning', reasons: warning.map(reason) };
  return { level: 'pass', reasons: [] };
}

function reason(issue: { readonly id: string; readonly severity: Severity }): {
  issue: string;
  severity: Severity;
} {
  return { issue: issue.id, severity: issue.severity };
}

export const VERDICT_ORDER: readonly VerdictLevel[] = ['pass', 'warning', 'fail'];
