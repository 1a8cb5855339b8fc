import { existsSync } from 'node:fs';
import type { PackageSnapshot } from '../core/snapshot.ts';
import type { ReportVulnerability } from '../report/model.ts';
import { type ComponentQuery, dbStatus, matchComponents, openVulnDb, resolveDbPath } from '../vulns/index.ts';

export interface VulnerabilityLookup {
  readonly vulnerabilities: readonly ReportVulnerability[];
  /** null when no database exists yet: the report then says so instead of claiming "none found". */
  readonly database: {
    readonly records: number;
    readonly newestModified: string | null;
    readonly importedAt: string | null;
  } | null;
}

/** The components a package brings: itself at its exact version, and each dependency with a version constraint. */
export function componentsOf(snapshot: PackageSnapshot): ComponentQuery[] {
  const components: ComponentQuery[] = [];
  if (snapshot.name !== 'unknown' && snapshot.version !== 'unknown') {
    components.push({ ecosystem: snapshot.ecosystem, name: snapshot.name, version: snapshot.version });
  }
  for (const dependency of snapshot.metadata.dependencies) {
    // A dependency without any constraint would match every advisory ever published for it; it says nothing.
    if (dependency.specifier.trim() === '' || dependency.kind === 'dev') continue;
    components.push({
      ecosystem: snapshot.ecosystem,
      name: dependency.name,
      specifier: dependency.specifier,
    });
  }
  return components;
}

/** Looks the package and its dependencies up in the local OSV database, if one has been imported. */
export function lookUpVulnerabilities(
  snapshot: PackageSnapshot,
  options: {
    readonly db?: string;
    readonly env: Readonly<Record<string, string | undefined>>;
    /** What to look up instead of the snapshot's own components (a project's lockfile entries). */
    readonly components?: readonly ComponentQuery[];
  },
): VulnerabilityLookup {
  const path = resolveDbPath(options.db, options.env);
  if (!existsSync(path)) return { vulnerabilities: [], database: null };
  const store = openVulnDb(path);
  try {
    const status = dbStatus(store);
    if (status.records === 0) return { vulnerabilities: [], database: null };
    const findings = matchComponents(store, options.components ?? componentsOf(snapshot));
    return {
      vulnerabilities: findings.map((finding) => ({
        id: finding.id,
        aliases: finding.aliases,
        summary: finding.summary,
        ...(finding.severity
          ? {
              severity: {
                ...(finding.severity.label ? { label: finding.severity.label } : {}),
                ...(finding.severity.score === null || finding.severity.score === undefined
                  ? {}
                  : { score: finding.severity.score }),
                ...(finding.severity.vector ? { vector: finding.severity.vector } : {}),
              },
            }
          : {}),
        component: {
          ecosystem: snapshot.ecosystem,
          name: finding.component.name,
          ...(finding.component.version === undefined ? {} : { version: finding.component.version }),
          ...(finding.component.specifier === undefined ? {} : { specifier: finding.component.specifier }),
        },
        matchedOn: finding.matchedOn,
        fixedVersions: finding.fixedVersions,
        ...(finding.upgradeTo === null ? {} : { upgradeTo: finding.upgradeTo }),
      })),
      database: {
        records: status.records,
        newestModified: status.databaseDate,
        importedAt: status.lastImport?.finishedAt ?? null,
      },
    };
  } finally {
    store.close();
  }
}
