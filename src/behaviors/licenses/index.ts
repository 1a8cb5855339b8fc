import type { BehaviorDefinition } from '../../catalog/types.ts';
import { declaresCopyleftLicense } from './declares-copyleft-license.ts';
import { declaresNoLicense } from './declares-no-license.ts';
import { declaresRestrictiveLicense } from './declares-restrictive-license.ts';
import { declaresUnknownLicense } from './declares-unknown-license.ts';
import { licenseFileContradictsDeclaration } from './license-file-contradicts-declaration.ts';

/** Behaviors of the 'licenses' category: what the package declares and ships about its license. */
export const licensesBehaviors: readonly BehaviorDefinition[] = [
  declaresCopyleftLicense,
  declaresRestrictiveLicense,
  declaresNoLicense,
  declaresUnknownLicense,
  licenseFileContradictsDeclaration,
];
