import type { PolicyDefinition } from '../../catalog/types.ts';
import { activelyExploitedVulnerability } from './actively-exploited-vulnerability.ts';
import { criticalVulnerability } from './critical-vulnerability.ts';
import { highSeverityVulnerability } from './high-severity-vulnerability.ts';
import { lowSeverityVulnerability } from './low-severity-vulnerability.ts';
import { malwareExploitedVulnerability } from './malware-exploited-vulnerability.ts';
import { mediumSeverityVulnerability } from './medium-severity-vulnerability.ts';

/**
 * Policies of the 'vulnerabilities' category: one per advisory severity, and two from CISA's Known Exploited
 * Vulnerabilities catalog (exploited in the wild; used by ransomware), which fail whatever the severity says.
 */
export const vulnerabilitiesPolicies: readonly PolicyDefinition[] = [
  malwareExploitedVulnerability,
  activelyExploitedVulnerability,
  criticalVulnerability,
  highSeverityVulnerability,
  mediumSeverityVulnerability,
  lowSeverityVulnerability,
];
