import type { BehaviorDefinition } from '../../catalog/types.ts';

/** Behaviors of the 'file' category, in the order they are listed in docs. */
export const fileBehaviors: readonly BehaviorDefinition[] = [];
