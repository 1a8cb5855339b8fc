import type { PolicyDefinition } from '../catalog/types.ts';
import { huntingPolicies } from './hunting/index.ts';
import { integrityPolicies } from './integrity/index.ts';
import { licensesPolicies } from './licenses/index.ts';
import { malwarePolicies } from './malware/index.ts';
import { secretsPolicies } from './secrets/index.ts';
import { tamperingPolicies } from './tampering/index.ts';
import { vulnerabilitiesPolicies } from './vulnerabilities/index.ts';

/** The explicit registry of every policy (issue rule). */
export const policies: readonly PolicyDefinition[] = [
  ...malwarePolicies,
  ...tamperingPolicies,
  ...huntingPolicies,
  ...vulnerabilitiesPolicies,
  ...secretsPolicies,
  ...integrityPolicies,
  ...licensesPolicies,
];
