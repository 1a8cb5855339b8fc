/** Evidence for the URL and metadata hunting policies, copied from the behaviors they read. */
import type { IssueEvidence, Occurrence, PolicyContext } from '../../catalog/types.ts';

/** Evidence entries kept per issue. */
export const MAX_POLICY_EVIDENCE = 20;

export function evidenceOf(behavior: string, occurrence: Occurrence): IssueEvidence {
  return {
    behavior,
    file: occurrence.file,
    ...(occurrence.line === undefined ? {} : { line: occurrence.line }),
    ...(occurrence.column === undefined ? {} : { column: occurrence.column }),
    ...(occurrence.field === undefined ? {} : { field: occurrence.field }),
    snippet: occurrence.snippet,
    ...(occurrence.detail === undefined ? {} : { detail: occurrence.detail }),
  };
}

/** The occurrences of one behavior that pass `keep`, as evidence (at most MAX_POLICY_EVIDENCE). */
export function behaviorEvidence(
  context: PolicyContext,
  behavior: string,
  keep: (occurrence: Occurrence) => boolean = () => true,
): IssueEvidence[] {
  const hit = context.behaviors.get(behavior);
  if (!hit) return [];
  return hit.occurrences
    .filter(keep)
    .slice(0, MAX_POLICY_EVIDENCE)
    .map((occurrence) => evidenceOf(behavior, occurrence));
}

/** 'local development address' is how url-nonstandard-port marks localhost and private hosts. */
export function isLocalOccurrence(occurrence: Occurrence): boolean {
  return occurrence.detail?.includes('local development address') ?? false;
}
