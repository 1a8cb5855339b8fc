import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { toEvidence, uniqueEvidence } from '../../catalog/lib/evidence.ts';
import { isAuxiliary, type LocationClass } from '../../catalog/lib/location.ts';
import type { IssueFinding, PolicyContext } from '../../catalog/types.ts';
import { occurrencesOf } from './evidence.ts';

/**
 * A serialized-data issue from one behavior. Test suites of pickle scanners and loaders keep hostile pickles on
 * purpose, so when every occurrence is in tests, docs or examples the issue is a warning instead of a failure.
 */
export function serializedIssue(context: PolicyContext, behavior: string, what: string): IssueFinding | null {
  const occurrences = occurrencesOf(context, behavior);
  if (occurrences.length === 0) return null;
  const where = context.signal(filePlacement).locate;
  const shipped = occurrences.filter((occurrence) => !inAuxiliaryFolder(where, occurrence.file));
  const files = new Set(occurrences.map((occurrence) => occurrence.file)).size;
  return {
    evidence: uniqueEvidence(
      [...shipped, ...occurrences].map((occurrence) => toEvidence(behavior, occurrence)),
    ),
    detail:
      `${occurrences.length} ${what} in ${files} serialized file${files === 1 ? '' : 's'}` +
      (shipped.length > 0 ? '.' : ', only in tests, documentation or examples.'),
    severity: shipped.length > 0 ? 'high' : 'medium',
  };
}

/** A member of a nested archive ('tests/data.npz!/x.npy') sits where its outer archive sits, at any depth. */
function inAuxiliaryFolder(where: (file: string) => LocationClass, file: string): boolean {
  const layers = file.split('!/');
  return layers.some((_, index) => isAuxiliary(where(layers.slice(0, index + 1).join('!/'))));
}
