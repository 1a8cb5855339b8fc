import type { PolicyDefinition } from '../../catalog/types.ts';
import { failedIntegrityCheck } from './failed-integrity-check.ts';

/** Policies of the 'integrity' category. */
export const integrityPolicies: readonly PolicyDefinition[] = [failedIntegrityCheck];
