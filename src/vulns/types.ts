import type { SeverityLabel } from './cvss.ts';

/**
 * The data contract of the vulnerability look-up: what a scan asks (ComponentQuery), what matching
 * answers (VulnerabilityFinding), and what the policies and the report read (VulnerabilityContext).
 * Plain data only, so the catalog can depend on it without depending on the store.
 */

export interface ComponentQuery {
  readonly ecosystem: string;
  readonly name: string;
  /** An exact version: matched by the OSV evaluation rules. */
  readonly version?: string | undefined;
  /** Only a requirement is known (`>=2.0,<2.20`, `^1.2.0`): any allowed version counts. */
  readonly specifier?: string | undefined;
  /** Released versions of the package, when the caller knows them: extra upgrade candidates. */
  readonly knownVersions?: readonly string[] | undefined;
  /** Needed only to develop the project (a lockfile's dev entry); echoed in the finding. */
  readonly dev?: boolean | undefined;
}

export interface FindingSeverity {
  /** The CVSS vector as published, or null when only a label is known. */
  readonly vector: string | null;
  /** `CVSS_V3`, `CVSS_V4`, or `label` when the severity came from the advisory's own rating. */
  readonly type: string;
  /** Base score computed from a CVSS 3.x vector; null for other vectors. */
  readonly score: number | null;
  readonly label: SeverityLabel | null;
}

export interface VulnerabilityFinding {
  /** Primary id: a GHSA id when the flaw has one, else PYSEC, else the first stored id. */
  readonly id: string;
  /** Every other id known for the same flaw (CVE, other databases), sorted. */
  readonly aliases: readonly string[];
  readonly summary: string;
  readonly severity: FindingSeverity | null;
  readonly component: {
    readonly ecosystem: string;
    readonly name: string;
    readonly version?: string;
    readonly specifier?: string;
    /** Present when every query naming this component marked it development-only. */
    readonly dev?: true;
  };
  readonly matchedOn: 'version' | 'range';
  /** Versions that fix this flaw on some release line, ascending. */
  readonly fixedVersions: readonly string[];
  /**
   * The lowest version above the current one (or above the specifier's lower bound) that no known
   * advisory for this component affects; null when the data names none.
   */
  readonly upgradeTo: string | null;
  readonly published: string | null;
  readonly modified: string;
  /** Advisory and fix links, at most five. */
  readonly references: readonly string[];
  /** Set when CISA's Known Exploited Vulnerabilities catalog lists one of the finding's CVE ids. */
  readonly knownExploited?: KnownExploited;
}

/** Where the findings came from, for the report ("3120 records, newest 2025-06-01"). */
export interface VulnerabilityDatabaseInfo {
  readonly records: number;
  readonly newestModified: string | null;
  readonly importedAt: string | null;
  /** Records per ecosystem (OSV's names): a database of PyPI advisories says nothing about npm packages. */
  readonly ecosystems?: readonly { readonly ecosystem: string; readonly records: number }[];
  /**
   * False when an import into the database did not finish (killed, or stopped by an error): its source's
   * records are partial, so the findings may miss advisories. Absent from callers that cannot tell.
   */
  readonly complete?: boolean;
  /** The sources whose newest import did not finish, with the records read before it stopped. */
  readonly unfinishedImports?: readonly UnfinishedImport[];
}

export interface UnfinishedImport {
  readonly source: string;
  readonly startedAt: string;
  readonly seen: number;
}

/**
 * The vulnerabilities of a scan's components, looked up before the policies run. `database` is null when
 * no database has been imported: then `findings` is empty and means "not checked", not "none found".
 */
export interface VulnerabilityContext {
  readonly findings: readonly VulnerabilityFinding[];
  readonly database: VulnerabilityDatabaseInfo | null;
  /** The KEV catalog the findings were compared with (absent when nothing was looked up). */
  readonly knownExploitedCatalog?: KevCatalogInfo;
}

/**
 * Looks components up (the CLI builds one over --db / ASSAY_DB; tests inject one). May return a Promise
 * so that a networked store can sit behind the same option.
 */
export type VulnerabilitySource = (
  queries: readonly ComponentQuery[],
) => VulnerabilityContext | Promise<VulnerabilityContext>;

/** A finding's entry in CISA's Known Exploited Vulnerabilities catalog. */
export interface KnownExploited {
  readonly cve: string;
  readonly dateAdded: string;
  /** The remediation deadline CISA set under BOD 22-01. */
  readonly dueDate: string;
  readonly ransomware: boolean;
}

/** The KEV catalog a scan compared its findings with, as reports name it. */
export interface KevCatalogInfo {
  readonly source: string;
  readonly catalogVersion: string;
  readonly dateReleased: string;
}
