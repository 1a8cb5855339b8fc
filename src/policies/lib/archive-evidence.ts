/** Shared by the archive policies: only the artifact's own members are what an installer unpacks. */
import { toEvidence } from '../../catalog/lib/evidence.ts';
import type { IssueEvidence, Occurrence, PolicyContext } from '../../catalog/types.ts';
import { occurrencesOf } from './evidence.ts';

/**
 * Occurrences of `id` about members of the artifact itself. Members of archives nested inside the package
 * (test data of zip libraries, vendored wheels) are never unpacked by pip or npm, so they stay behaviors.
 */
export function topLevelEvidence(
  context: PolicyContext,
  id: string,
  keep: (occurrence: Occurrence) => boolean = () => true,
): IssueEvidence[] {
  const { file: artifact, format } = context.snapshot.artifact;
  // A folder on disk is not unpacked by anyone: its links and names are the user's own tree.
  if (format === 'directory' || format === 'file') return [];
  return occurrencesOf(context, id)
    .filter((occurrence) => occurrence.file === artifact && keep(occurrence))
    .map((occurrence) => toEvidence(id, occurrence));
}
