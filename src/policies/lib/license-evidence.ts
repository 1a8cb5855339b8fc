import { toEvidence, uniqueEvidence } from '../../catalog/lib/evidence.ts';
import type { IssueFinding, PolicyContext, Severity } from '../../catalog/types.ts';
import { occurrencesOf } from './evidence.ts';

/** An issue listing one license behavior's occurrences, at the severity the caller judged from them. */
export function licenseIssue(
  context: PolicyContext,
  behavior: string,
  judge: (snippets: readonly string[]) => { severity: Severity; detail: string },
): IssueFinding | null {
  const occurrences = occurrencesOf(context, behavior);
  if (occurrences.length === 0) return null;
  const { severity, detail } = judge(occurrences.map((occurrence) => occurrence.snippet));
  return {
    evidence: uniqueEvidence(occurrences.map((occurrence) => toEvidence(behavior, occurrence))),
    detail,
    severity,
  };
}
