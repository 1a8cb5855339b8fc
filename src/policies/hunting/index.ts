import type { PolicyDefinition } from '../../catalog/types.ts';

/** Policies of the 'hunting' category. */
export const huntingPolicies: readonly PolicyDefinition[] = [];
