import type { BehaviorDefinition } from '../../catalog/types.ts';

/** Behaviors of the 'persistence' category, in the order they are listed in docs. */
export const persistenceBehaviors: readonly BehaviorDefinition[] = [];
