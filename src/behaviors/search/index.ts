import type { BehaviorDefinition } from '../../catalog/types.ts';

/** Behaviors of the 'search' category, in the order they are listed in docs. */
export const searchBehaviors: readonly BehaviorDefinition[] = [];
