import type { BehaviorDefinition } from '../../catalog/types.ts';

/** Behaviors of the 'permissions' category, in the order they are listed in docs. */
export const permissionsBehaviors: readonly BehaviorDefinition[] = [];
