import type { BehaviorDefinition } from '../../catalog/types.ts';

/** Behaviors of the 'behavior' category, in the order they are listed in docs. */
export const behaviorBehaviors: readonly BehaviorDefinition[] = [];
