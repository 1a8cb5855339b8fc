/**
 * The SQLite store behind the Promise-returning CommunityIndex contract, so indexing, the queue and the
 * CLI have one code path for both backends. Every call still runs synchronously inside better-sqlite3.
 */
import type { CommunityIndex, CommunityStore } from './types.ts';

export function asyncIndex(store: CommunityStore): CommunityIndex {
  return {
    location: store.location,
    backend: 'sqlite',
    ...(store.factsCache === undefined ? {} : { factsCache: store.factsCache }),
    recordCatalog: async (...args) => store.recordCatalog(...args),
    recordScan: async (...args) => store.recordScan(...args),
    recordPopularity: async (...args) => store.recordPopularity(...args),
    isPackageIndexed: async (...args) => store.isPackageIndexed(...args),
    isArtifactIndexed: async (...args) => store.isArtifactIndexed(...args),
    isVersionIndexed: async (...args) => store.isVersionIndexed(...args),
    refresh: async (...args) => store.refresh(...args),
    state: async (...args) => store.state(...args),
    prevalence: async (...args) => store.prevalence(...args),
    allPrevalence: async (...args) => store.allPrevalence(...args),
    dependentsCount: async (...args) => store.dependentsCount(...args),
    dependentsCounts: async (...args) => store.dependentsCounts(...args),
    unindexedDependencies: async (...args) => store.unindexedDependencies(...args),
    failures: async (...args) => store.failures(...args),
    rankOf: async (...args) => store.rankOf(...args),
    close: async () => store.close(),
  };
}

/** A CommunityIndex as is; a synchronous store behind asyncIndex. */
export function toIndex(store: CommunityStore | CommunityIndex): CommunityIndex {
  return 'backend' in store ? store : asyncIndex(store);
}
