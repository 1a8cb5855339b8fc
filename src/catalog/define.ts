import type { BehaviorDefinition, PolicyDefinition, SignalDefinition } from './types.ts';

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function checkText(
  kind: string,
  def: { id: string; title: string; description: string; problem: string; nextSteps: readonly string[] },
): void {
  if (!ID_PATTERN.test(def.id)) throw new Error(`${kind} id '${def.id}' is not kebab-case`);
  if (!def.title.endsWith('.'))
    throw new Error(`${kind} '${def.id}': the title is one sentence ending with a period`);
  if (def.description.trim() === '' || def.problem.trim() === '') {
    throw new Error(`${kind} '${def.id}': description and problem are mandatory`);
  }
  if (def.nextSteps.length === 0) throw new Error(`${kind} '${def.id}': at least one next step is mandatory`);
}

/** Declares a behavior; every text field is mandatory so the catalog docs and reports are complete. */
export function defineBehavior(def: Omit<BehaviorDefinition, 'kind'>): BehaviorDefinition {
  checkText('behavior', def);
  return Object.freeze({ ...def, kind: 'behavior' as const });
}

/** Declares a policy (an issue rule). */
export function definePolicy(def: Omit<PolicyDefinition, 'kind'>): PolicyDefinition {
  checkText('policy', def);
  if (def.riskLabel.trim() === '') throw new Error(`policy '${def.id}': a risk label is mandatory`);
  return Object.freeze({ ...def, kind: 'policy' as const });
}

/** Declares a signal: a judgement over facts that policies read (see SignalDefinition). */
export function defineSignal<T>(def: Omit<SignalDefinition<T>, 'kind'>): SignalDefinition<T> {
  if (!ID_PATTERN.test(def.id)) throw new Error(`signal id '${def.id}' is not kebab-case`);
  if (def.description.trim() === '') throw new Error(`signal '${def.id}': a description is mandatory`);
  return Object.freeze({ ...def, kind: 'signal' as const });
}
