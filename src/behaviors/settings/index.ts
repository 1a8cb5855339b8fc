import type { BehaviorDefinition } from '../../catalog/types.ts';

/** Behaviors of the 'settings' category, in the order they are listed in docs. */
export const settingsBehaviors: readonly BehaviorDefinition[] = [];
