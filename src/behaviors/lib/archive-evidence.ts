/** Evidence for the archive-member behaviors: the member is the field, its archive is the file. */
import type { LimitHit, MemberAnomaly, MemberAnomalyKind } from '../../artifacts/types.ts';
import type { Occurrence } from '../../catalog/types.ts';
import type { PackageSnapshot } from '../../metadata/snapshot.ts';

export const MAX_ARCHIVE_OCCURRENCES = 50;

const SNIPPET_MAX = 200;

function clip(text: string): string {
  return text.length > SNIPPET_MAX ? `${text.slice(0, SNIPPET_MAX)}…` : text;
}

/** One occurrence per anomaly of the given kinds; the container '' means the artifact itself. */
export function anomalyOccurrences(
  snapshot: PackageSnapshot,
  kinds: readonly MemberAnomalyKind[],
  describe: (anomaly: MemberAnomaly) => string = (anomaly) => anomaly.detail,
): Occurrence[] {
  const out: Occurrence[] = [];
  for (const anomaly of snapshot.anomalies) {
    if (out.length >= MAX_ARCHIVE_OCCURRENCES) break;
    if (!kinds.includes(anomaly.kind)) continue;
    out.push({
      file: anomaly.container === '' ? snapshot.artifact.file : anomaly.container,
      field: anomaly.member,
      snippet: clip(anomaly.target === undefined ? anomaly.member : `${anomaly.member} -> ${anomaly.target}`),
      detail: describe(anomaly),
    });
  }
  return out;
}

export function limitOccurrences(snapshot: PackageSnapshot): Occurrence[] {
  return snapshot.limitHits.slice(0, MAX_ARCHIVE_OCCURRENCES).map((hit: LimitHit) => ({
    file: snapshot.artifact.file,
    field: hit.member ?? hit.limit,
    snippet: clip(hit.member ?? hit.limit),
    detail: `${hit.limit} limit ${hit.max} reached (saw ${hit.observed}): ${hit.detail}`,
  }));
}
