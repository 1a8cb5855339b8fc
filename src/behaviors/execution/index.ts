import type { BehaviorDefinition } from '../../catalog/types.ts';

/** Behaviors of the 'execution' category, in the order they are listed in docs. */
export const executionBehaviors: readonly BehaviorDefinition[] = [];
