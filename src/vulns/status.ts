import type { EcosystemCount, ImportLogRow, VulnStore } from '../store/types.ts';

export interface DbStatus {
  readonly location: string;
  readonly schemaVersion: number;
  readonly records: number;
  readonly withdrawn: number;
  readonly ecosystems: readonly EcosystemCount[];
  /** Newest `modified` of any record: how fresh the data is. Reports print this. */
  readonly databaseDate: string | null;
  readonly lastImport: ImportLogRow | null;
}

export function dbStatus(store: VulnStore): DbStatus {
  const counts = store.counts();
  return {
    location: store.location,
    schemaVersion: store.schemaVersion(),
    records: counts.total,
    withdrawn: counts.withdrawn,
    ecosystems: counts.ecosystems,
    databaseDate: counts.newestModified,
    lastImport: store.recentImports(1)[0] ?? null,
  };
}
