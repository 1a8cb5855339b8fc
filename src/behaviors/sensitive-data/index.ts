import type { BehaviorDefinition } from '../../catalog/types.ts';

/** Behaviors of the 'sensitive-data' category, in the order they are listed in docs. */
export const sensitiveDataBehaviors: readonly BehaviorDefinition[] = [];
