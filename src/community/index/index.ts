export { analyzerVersion, catalogIds } from './analyzer.ts';
export { asyncIndex } from './async.ts';
export { BAND_THRESHOLDS, bandOf, MIN_TIER_PACKAGES, toPrevalence } from './bands.ts';
export {
  type BuildSummary,
  buildFromDirectory,
  buildFromRegistry,
  entryFromScan,
  type IndexerOptions,
  indexTargets,
  type ProgressEvent,
} from './indexer.ts';
export { compareVersions } from './latest.ts';
export {
  type CommunityFacts,
  communityFacts,
  communityFactsFrom,
  dependentsCount,
  type LookupOptions,
  type PrevalenceIndexInfo,
  type PrevalenceLookup,
  prevalenceLookup,
  rankOf,
} from './lookup.ts';
export { openCommunityIndex } from './open.ts';
export { openPostgresIndex, PostgresCommunityIndex } from './postgres.ts';
export {
  DEFAULT_PREVALENCE_DIR,
  exportSnapshot,
  formatSnapshot,
  loadShippedSnapshot,
  PREVALENCE_SNAPSHOT_FORMAT,
  type PrevalenceSnapshot,
  parseSnapshot,
  type SnapshotMeta,
  snapshotCounts,
} from './snapshot.ts';
export { openCommunityStore, SqliteCommunityStore } from './sqlite.ts';
export type * from './types.ts';
