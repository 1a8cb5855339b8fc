import type { PolicyDefinition } from '../../catalog/types.ts';

/** Policies of the 'secrets' category. */
export const secretsPolicies: readonly PolicyDefinition[] = [];
