import { severityRank } from '../../catalog/engine.ts';
import type { IssueEvidence, IssueFinding, PolicyContext, Severity } from '../../catalog/types.ts';
import { formatCount } from '../../core/format-count.ts';
import { describeVersion } from '../../enrich/components.ts';
import type { ComponentFacts } from '../../enrich/types.ts';

/** Evidence entries kept per issue; a lockfile of thousands of components must not bloat the report. */
export const MAX_COMPONENT_EVIDENCE = 500;

/** The components the hunting policies judge: in a package scan, not its development dependencies. */
export function componentFactsOf(context: PolicyContext): readonly ComponentFacts[] {
  const enrichment = context.enrichment;
  if (enrichment === undefined) return [];
  return enrichment.judgeDev === false
    ? enrichment.components.filter((facts) => !facts.component.dev)
    : enrichment.components;
}

/** `npm-high-impact, 2025-12-24`: the snapshot a decision used, by name and date. */
export function snapshotLabel(context: PolicyContext, name: string): string {
  const used = context.enrichment?.snapshots.find((snapshot) => snapshot.name === name);
  return used === undefined ? name : `${name}, ${used.date}`;
}

/**
 * `3 of 15,113 packages of the community index (…) depend on it`: how far a component reaches into the
 * community, or undefined when the scan had no index with dependency edges.
 */
export function dependentsText(facts: ComponentFacts): string | undefined {
  const community = facts.community;
  if (community === undefined) return undefined;
  const { count, below } = community.dependents;
  const of = `${formatCount(community.indexed)} packages of the community index (${community.index})`;
  if (below !== undefined) return `fewer than ${below} of ${of} depend on it`;
  return count === 0 ? `none of ${of} depend on it` : `${formatCount(count)} of ${of} depend on it`;
}

/**
 * One evidence entry naming the component, the data the decision rests on, where it is declared, and how
 * many packages of the community index depend on it (when the scan has an index).
 */
export function componentEvidence(facts: ComponentFacts, detail: string): IssueEvidence {
  const { component } = facts;
  const dependents = dependentsText(facts);
  return {
    component: facts.purl,
    detail: `${component.name} ${describeVersion(component)}: ${detail}${dependents === undefined ? '' : `; ${dependents}`}`,
    file: component.declaredIn.file,
    ...(component.declaredIn.line === undefined ? {} : { line: component.declaredIn.line }),
  };
}

export interface Judged {
  readonly evidence: IssueEvidence;
  readonly severity: Severity;
}

/**
 * The issue for a list of judged components: worst severity first in the evidence, the issue's severity
 * the worst of them, null when nothing was judged.
 */
export function componentFinding(
  judged: readonly Judged[],
  summary: (count: number) => string,
): IssueFinding | null {
  if (judged.length === 0) return null;
  const sorted = [...judged].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const worst = sorted[0]?.severity ?? 'info';
  return {
    evidence: sorted.slice(0, MAX_COMPONENT_EVIDENCE).map((item) => item.evidence),
    detail: summary(judged.length),
    severity: worst,
  };
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `iso` to `now`; undefined for a date that does not parse. */
export function daysBefore(iso: string, now: string): number | undefined {
  const then = Date.parse(iso);
  const at = Date.parse(now);
  if (Number.isNaN(then) || Number.isNaN(at)) return undefined;
  return Math.floor((at - then) / DAY_MS);
}

export function isoDay(iso: string): string {
  return iso.slice(0, 10);
}
