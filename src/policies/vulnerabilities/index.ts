import type { PolicyDefinition } from '../../catalog/types.ts';

/** Policies of the 'vulnerabilities' category. */
export const vulnerabilitiesPolicies: readonly PolicyDefinition[] = [];
