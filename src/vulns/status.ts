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
  /** False when the newest import of some source did not finish: the records of that source are partial. */
  readonly complete: boolean;
  /** Per source, its newest import when that one did not finish (newest first). */
  readonly unfinishedImports: readonly ImportLogRow[];
}

/** How far back the import log is read to find each source's newest import. */
const IMPORT_LOG_WINDOW = 200;

export function dbStatus(store: VulnStore): DbStatus {
  const counts = store.counts();
  const imports = store.recentImports(IMPORT_LOG_WINDOW);
  const unfinishedImports = newestPerSource(imports).filter((row) => !row.complete);
  return {
    location: store.location,
    schemaVersion: store.schemaVersion(),
    records: counts.total,
    withdrawn: counts.withdrawn,
    ecosystems: counts.ecosystems,
    databaseDate: counts.newestModified,
    lastImport: imports[0] ?? null,
    complete: unfinishedImports.length === 0,
    unfinishedImports,
  };
}

/**
 * A source re-imported to the end after a killed import is whole again (a record replaces its stored copy),
 * so only each source's newest import counts.
 */
function newestPerSource(imports: readonly ImportLogRow[]): ImportLogRow[] {
  const seen = new Set<string>();
  return imports.filter((row) => {
    if (seen.has(row.source)) return false;
    seen.add(row.source);
    return true;
  });
}
