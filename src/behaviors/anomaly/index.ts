import type { BehaviorDefinition } from '../../catalog/types.ts';

/** Behaviors of the 'anomaly' category, in the order they are listed in docs. */
export const anomalyBehaviors: readonly BehaviorDefinition[] = [];
