import { existsSync } from 'node:fs';
import { resolveDbPath } from '../store/paths.ts';
import { openSqliteStore } from '../store/sqlite.ts';
import { matchComponents } from '../vulns/match.ts';
import { dbStatus } from '../vulns/status.ts';
import type { ComponentQuery, VulnerabilityContext, VulnerabilitySource } from '../vulns/types.ts';
import type { HuntedComponent } from './types.ts';

/** What a scan reports when no database has been imported: nothing checked, nothing claimed. */
export const NO_VULNERABILITY_DATABASE: VulnerabilityContext = { findings: [], database: null };

/**
 * Components as queries: a locked or exactly pinned version (`==1.2.0`, npm `1.2.0`), else the range. Only
 * registry components: a URL, VCS or path dependency has no registry version an advisory could name. A
 * component without any constraint is left out: it would match every advisory ever published for the name.
 */
export function componentQueries(
  components: readonly HuntedComponent[],
  options: { readonly includeDev: boolean },
): ComponentQuery[] {
  return components.flatMap((component): ComponentQuery[] => {
    if (component.source !== 'registry') return [];
    if (component.dev && !options.includeDev) return [];
    const dev = component.dev ? { dev: true } : {};
    if (component.version !== undefined && component.pinned)
      return [{ ecosystem: component.ecosystem, name: component.name, version: component.version, ...dev }];
    if (component.specifier === undefined || component.specifier.trim() === '') return [];
    return [{ ecosystem: component.ecosystem, name: component.name, specifier: component.specifier, ...dev }];
  });
}

/**
 * The look-up over the local database at --db / ASSAY_DB, opened per call and closed again.
 * A missing or empty database answers NO_VULNERABILITY_DATABASE, so the report says so and no policy fires.
 */
export function databaseVulnerabilitySource(options: {
  readonly db?: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
}): VulnerabilitySource {
  return (queries) => {
    const path = resolveDbPath(options.db, options.env);
    if (!existsSync(path)) return NO_VULNERABILITY_DATABASE;
    const store = openSqliteStore(path);
    try {
      const status = dbStatus(store);
      if (status.records === 0) return NO_VULNERABILITY_DATABASE;
      return {
        findings: matchComponents(store, queries),
        database: {
          records: status.records,
          newestModified: status.databaseDate,
          importedAt: status.lastImport?.finishedAt ?? null,
          ecosystems: status.ecosystems.map(({ ecosystem, records }) => ({ ecosystem, records })),
          complete: status.complete,
          ...(status.complete
            ? {}
            : {
                unfinishedImports: status.unfinishedImports.map(({ source, startedAt, seen }) => ({
                  source,
                  startedAt,
                  seen,
                })),
              }),
        },
      };
    } finally {
      store.close();
    }
  };
}
