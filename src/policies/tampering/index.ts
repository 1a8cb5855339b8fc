import type { PolicyDefinition } from '../../catalog/types.ts';
import { hiddenCodeCharacters } from './hidden-code-characters.ts';

/** Policies of the 'tampering' category. */
export const tamperingPolicies: readonly PolicyDefinition[] = [hiddenCodeCharacters];
