import type { PolicyDefinition } from '../../catalog/types.ts';

/** Policies of the 'tampering' category. */
export const tamperingPolicies: readonly PolicyDefinition[] = [];
