import type { BehaviorDefinition } from '../../catalog/types.ts';

/** Behaviors of the 'evasion' category, in the order they are listed in docs. */
export const evasionBehaviors: readonly BehaviorDefinition[] = [];
