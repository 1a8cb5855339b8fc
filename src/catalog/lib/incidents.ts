/**
 * Known supply-chain incidents and their public indicators (data/incident-indicators.json): read by the behavior
 * that finds look-alikes and by the policy of each incident, which selects its evidence by the incident's tag.
 */
import incidentData from '../../../data/incident-indicators.json' with { type: 'json' };

export const INCIDENTS_UPDATED: string = incidentData.updated;

export type Stage = 'install' | 'load' | 'any';

export interface Indicator {
  readonly id: string;
  readonly kind: 'script' | 'file' | 'string' | 'text' | 'host' | 'no-dependency';
  readonly label: string;
  readonly pattern?: string;
  /**
   * For `no-dependency`: package.json keywords that say the package is such a library itself (a wallet library
   * has wallet code without depending on another one).
   */
  readonly keywords?: string;
  readonly domains?: readonly string[];
  readonly extensions?: readonly string[];
  readonly stage?: Stage;
}

export interface Incident {
  readonly key: string;
  readonly name: string;
  readonly date: string;
  readonly ecosystems: readonly string[];
  readonly reversinglabs: string;
  readonly writeUps: readonly string[];
  readonly indicators: readonly Indicator[];
  readonly rule: readonly (readonly string[])[];
}

export const INCIDENTS: readonly Incident[] = Object.entries(incidentData.incidents).map(([key, value]) => ({
  key,
  ...(value as Omit<Incident, 'key'>),
}));

export function incidentByKey(key: string): Incident {
  const found = INCIDENTS.find((incident) => incident.key === key);
  if (found === undefined) throw new Error(`unknown incident '${key}' (data/incident-indicators.json)`);
  return found;
}

/** The detail prefix that ties an occurrence to its incident: policies select their incident's evidence by it. */
export function incidentTag(key: string): string {
  return `[${key}]`;
}
