import type { BehaviorDefinition } from '../../catalog/types.ts';

/** Behaviors of the 'network' category, in the order they are listed in docs. */
export const networkBehaviors: readonly BehaviorDefinition[] = [];
