/** How a policy reads the behaviors it lists in `uses`. */
import type { Occurrence, PolicyContext } from '../../catalog/types.ts';

export function occurrencesOf(context: PolicyContext, id: string): readonly Occurrence[] {
  return context.behaviors.get(id)?.occurrences ?? [];
}

/** Files where a behavior has at least one occurrence. */
export function filesOf(context: PolicyContext, id: string): Set<string> {
  return new Set(occurrencesOf(context, id).map((occurrence) => occurrence.file));
}
