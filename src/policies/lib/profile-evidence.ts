/**
 * Malware profiles: combinations of behaviors that together make up a kind of malware (a miner, a stealer, a
 * backdoor …). A profile matches when every group has at least `min` of its behaviors (1 by default).
 */
import { MAX_EVIDENCE, toEvidence } from '../../catalog/lib/evidence.ts';
import type { IssueEvidence, IssueFinding, PolicyContext } from '../../catalog/types.ts';
import { occurrencesOf } from './evidence.ts';

export interface ProfileGroup {
  /** What the group stands for, in the issue's detail ('a way to send data out'). */
  readonly role: string;
  readonly behaviors: readonly string[];
  readonly min?: number;
}

export function profileUses(groups: readonly ProfileGroup[]): string[] {
  return [...new Set(groups.flatMap((group) => group.behaviors))];
}

export function profileFinding(context: PolicyContext, groups: readonly ProfileGroup[]): IssueFinding | null {
  const evidence: IssueEvidence[] = [];
  const roles: string[] = [];
  for (const group of groups) {
    const present = group.behaviors.filter((id) => occurrencesOf(context, id).length > 0);
    if (present.length < (group.min ?? 1)) return null;
    roles.push(`${group.role} (${present.join(', ')})`);
    for (const id of present)
      for (const occurrence of occurrencesOf(context, id).slice(0, 3))
        evidence.push(toEvidence(id, occurrence));
  }
  return { evidence: evidence.slice(0, MAX_EVIDENCE), detail: roles.join('; ') };
}
