export { DEFAULT_FACTS_CACHE_BYTES, factsCacheBytes } from './facts-limits.ts';
export { PostgresFactsCache } from './facts-postgres.ts';
export { type FactsCacheOptions, SqliteFactsCache } from './facts-sqlite.ts';
export { MIGRATIONS, type Migration } from './migrations.ts';
export { POSTGRES_MIGRATIONS } from './migrations-postgres.ts';
export { canonicalEcosystem, normalizePackageName } from './names.ts';
export { resolveDbPath } from './paths.ts';
export { inTransaction, isPostgresUrl, openPostgres, postgresSchemaVersion, redactUrl } from './postgres.ts';
export {
  compareTimestamps,
  migrate,
  openSqliteStore,
  SqliteStore,
  type SqliteStoreOptions,
} from './sqlite.ts';
export type {
  AffectedInput,
  AffectedRow,
  EcosystemCount,
  ImportLogInput,
  ImportLogRow,
  PackageAffectedRow,
  StoreCounts,
  UpsertCounts,
  VulnerabilityInput,
  VulnerabilityRow,
  VulnStore,
} from './types.ts';
