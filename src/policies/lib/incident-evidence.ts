/** Evidence for the incident look-alike policies: the resembles-known-incident occurrences of one incident. */
import { incidentByKey, incidentTag } from '../../catalog/lib/incidents.ts';
import type { IssueFinding, PolicyContext } from '../../catalog/types.ts';
import { behaviorEvidence } from './url-evidence.ts';

export const INCIDENT_BEHAVIOR = 'resembles-known-incident';

/** The finding for incident `key`, or null when the package shows none of its complete indicator groups. */
export function incidentFinding(context: PolicyContext, key: string): IssueFinding | null {
  const tag = incidentTag(key);
  const evidence = behaviorEvidence(context, INCIDENT_BEHAVIOR, (o) => o.detail?.startsWith(tag) ?? false);
  if (evidence.length === 0) return null;
  const incident = incidentByKey(key);
  return {
    evidence,
    detail: `resembles the ${incident.name} (${incident.date}); see ${incident.writeUps[0]}`,
  };
}

/** The public write-ups of an incident, for a policy's description. */
export function writeUpsOf(key: string): string {
  return incidentByKey(key).writeUps.join(', ');
}
