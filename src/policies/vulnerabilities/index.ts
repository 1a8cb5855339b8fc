import type { PolicyDefinition } from '../../catalog/types.ts';
import { criticalVulnerability } from './critical-vulnerability.ts';
import { highSeverityVulnerability } from './high-severity-vulnerability.ts';
import { lowSeverityVulnerability } from './low-severity-vulnerability.ts';
import { mediumSeverityVulnerability } from './medium-severity-vulnerability.ts';

/**
 * Policies of the 'vulnerabilities' category: one per advisory severity. Exploitation-based checks (a patch
 * mandate, active or malware exploitation) need intelligence assay does not have offline, so none is claimed.
 */
export const vulnerabilitiesPolicies: readonly PolicyDefinition[] = [
  criticalVulnerability,
  highSeverityVulnerability,
  mediumSeverityVulnerability,
  lowSeverityVulnerability,
];
