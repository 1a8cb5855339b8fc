import type { PolicyDefinition } from '../../catalog/types.ts';

/** Policies of the 'integrity' category. */
export const integrityPolicies: readonly PolicyDefinition[] = [];
