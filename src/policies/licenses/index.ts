import type { PolicyDefinition } from '../../catalog/types.ts';
import { copyleftLicense } from './copyleft-license.ts';
import { licenseContradiction } from './license-contradiction.ts';
import { missingLicense } from './missing-license.ts';
import { restrictiveLicense } from './restrictive-license.ts';
import { unknownLicense } from './unknown-license.ts';

/**
 * Policies of the 'licenses' category. Allow and deny lists of the configuration file are not read yet: the
 * configuration loader (src/config/) had not landed when these were written; each policy is the place to apply them.
 */
export const licensesPolicies: readonly PolicyDefinition[] = [
  restrictiveLicense,
  copyleftLicense,
  missingLicense,
  licenseContradiction,
  unknownLicense,
];
