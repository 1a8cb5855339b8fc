import { openSqliteStore } from '../store/sqlite.ts';
import type { VulnStore } from '../store/types.ts';

/** Opens (creating and migrating if needed) the local vulnerability database. */
export function openVulnDb(path: string): VulnStore {
  return openSqliteStore(path);
}

export { resolveDbPath } from '../store/paths.ts';
export type { VulnStore } from '../store/types.ts';
export { cvss3BaseScore, type SeverityLabel } from './cvss.ts';
export {
  DEFAULT_IMPORT_LIMITS,
  type ImportLimits,
  type ImportOptions,
  type ImportProgress,
  type ImportResult,
  importOsv,
} from './import.ts';
export {
  type ComponentQuery,
  type FindingSeverity,
  matchComponents,
  type VulnerabilityFinding,
} from './match.ts';
export { type DbStatus, dbStatus } from './status.ts';
export type {
  VulnerabilityContext,
  VulnerabilityDatabaseInfo,
  VulnerabilitySource,
} from './types.ts';
export { DEFAULT_ECOSYSTEMS, DEFAULT_OSV_URL } from './update.ts';
