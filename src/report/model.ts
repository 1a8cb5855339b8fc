import type { AnalysisProblem } from '../analysis/types.ts';
import type { ArchiveFormat, LimitHit } from '../artifacts/types.ts';
import type { IssueLevel, VerdictLevel } from '../catalog/engine.ts';
import type {
  BehaviorCategory,
  CatalogReferences,
  IssueCategory,
  IssueEvidence,
  Occurrence,
  Severity,
} from '../catalog/types.ts';
import type { Prevalence, PrevalenceIndexInfo } from '../community/index/types.ts';
import type { Ecosystem, MetadataConflict, MetadataSource } from '../metadata/types.ts';
import type { ComponentHash } from './component-hashes.ts';

export type { Prevalence };

/** Bumped on any change a consumer of the JSON must know about (semver: major = breaking). */
export const REPORT_SCHEMA_VERSION = '1.2.0';

/**
 * Stable identities of a finding (src/report/fingerprint.ts): one per evidence item, and one for the finding as
 * a whole. They ignore line numbers, so SARIF consumers and baselines keep recognising a finding when unrelated
 * lines move.
 */
export interface FindingFingerprints {
  readonly finding: string;
  readonly evidence: readonly string[];
}

export interface ReportBehavior {
  readonly id: string;
  readonly title: string;
  /** What the behavior detects and how (the catalog's description). */
  readonly description?: string;
  readonly category: BehaviorCategory;
  readonly severity: Severity;
  /** Every occurrence found, also those not kept as evidence. */
  readonly count: number;
  /** The first occurrences (at most REPORTED_OCCURRENCES): fewer than `count` when `evidenceTruncated`. */
  readonly occurrences: readonly Occurrence[];
  /** Set when `occurrences` holds only the first of `count` occurrences. */
  readonly evidenceTruncated?: true;
  /** Set when the behavior stopped counting at its cap: the true count is at least `count`. */
  readonly countIsLowerBound?: true;
  readonly prevalence: Prevalence | null;
  readonly fingerprints?: FindingFingerprints;
}

export interface ReportIssue {
  readonly id: string;
  readonly title: string;
  readonly category: IssueCategory;
  readonly severity: Severity;
  readonly riskLabel: string;
  readonly problem: string;
  readonly nextSteps: readonly string[];
  readonly detail?: string;
  readonly references: CatalogReferences;
  readonly evidence: readonly IssueEvidence[];
  readonly prevalence: Prevalence | null;
  readonly fingerprints?: FindingFingerprints;
  /** The level it counts at, when a profile or an override in assay.toml set one (else from its severity). */
  readonly level?: Exclude<IssueLevel, 'off'>;
  /** With --baseline: whether the finding was already in the baseline report. */
  readonly baselineState?: 'new' | 'unchanged';
}

/** One accepted finding in assay.toml or assay-suppressions.toml: what, why, until when, and who said so. */
export interface ReportSuppressionEntry {
  readonly policy: string;
  /** A purl, optionally with a version range after '@' (`pkg:npm/expres@^1.0.0`); '*' in the name matches any run. */
  readonly package: string;
  /** A file inside the package, relative to its root; with `sha256`, a changed file raises the finding again. */
  readonly file?: string;
  readonly sha256?: string;
  readonly reason: string;
  /** The last day (UTC) on which the entry suppresses, YYYY-MM-DD. */
  readonly expires: string;
  readonly by: string;
  /** Where the entry was read: `assay.toml:12`. */
  readonly origin: string;
}

/** One evidence item that an [allow] list of assay.toml took off a hunting finding. */
export interface ReportAllowedEvidence {
  readonly issue: string;
  /** The list entry that vouched for it: a purl pattern or a host. */
  readonly entry: string;
  readonly evidence: IssueEvidence;
}

/** A URL the package's files name, with the first place it was seen. */
export interface ReportEndpoint {
  readonly url: string;
  readonly host: string;
  readonly file: string;
  readonly line?: number;
  /** How it was written: in plain text, or decoded from base64 / hex. */
  readonly encoding: 'plain' | 'base64' | 'hex';
}

/** What assay.toml changed in this report: levels, suppressions and the baseline. */
export interface ReportPolicy {
  readonly config?: string;
  readonly profile: string;
  /** Issues found but not reported because their level is `off`. */
  readonly off: readonly string[];
  /** Findings an entry accepted: not counted by the verdict, listed with the entry's reason. */
  readonly suppressed: readonly { readonly entry: ReportSuppressionEntry; readonly issue: ReportIssue }[];
  /** Entries past their date: they no longer suppress; `issues` are those they would have matched. */
  readonly expired: readonly { readonly entry: ReportSuppressionEntry; readonly issues: readonly string[] }[];
  /** Entries in force that matched nothing in this scan. */
  readonly unused: readonly ReportSuppressionEntry[];
  /** Evidence the [allow] lists vouched for (absent when nothing was allowed). */
  readonly allowed?: readonly ReportAllowedEvidence[];
  readonly baseline?: {
    readonly file: string;
    readonly newIssues: number;
    readonly unchangedIssues: number;
    /** The verdict of the new findings alone: this is what the exit code follows. */
    readonly verdict: VerdictLevel;
  };
}

export interface ReportVulnerability {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly summary: string;
  readonly severity?: { readonly label?: string; readonly score?: number; readonly vector?: string };
  readonly component: {
    readonly ecosystem: Ecosystem;
    readonly name: string;
    readonly version?: string;
    readonly specifier?: string;
  };
  readonly matchedOn: 'version' | 'range';
  readonly fixedVersions: readonly string[];
  readonly upgradeTo?: string;
  /** Present when CISA's Known Exploited Vulnerabilities catalog lists the flaw. */
  readonly knownExploited?: {
    readonly cve: string;
    readonly dateAdded: string;
    readonly dueDate: string;
    readonly ransomware: boolean;
  };
}

/** One component of the scan (the package and its dependencies, or a project's components). */
export interface ReportComponent {
  /** purl-like id, as named in issue evidence. */
  readonly purl: string;
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly version?: string;
  readonly specifier?: string;
  /** 'resolved': an exact version is locked or pinned; 'specifier': only a range is known; 'unspecified': neither. */
  readonly versionKind: 'resolved' | 'specifier' | 'unspecified';
  readonly source: 'registry' | 'url' | 'vcs' | 'path';
  readonly url?: string;
  /** The license declared for it (the package's own metadata, or what a lockfile records), as written. */
  readonly license?: string;
  /** Digests of its file: what a lockfile pins, or the scanned artifact's own sha256. */
  readonly hashes?: readonly ComponentHash[];
  readonly dev: boolean;
  readonly direct: boolean;
  /** 'target': the scanned package itself. */
  readonly role: 'target' | 'dependency';
  readonly declaredIn: { readonly file: string; readonly line?: number };
  /** From the popularity snapshots; 'unknown' when the component is below what they cover. */
  readonly popularity:
    | { readonly status: 'known'; readonly tier: string; readonly rank: number; readonly source: string }
    | { readonly status: 'unknown'; readonly coveredDownTo: string; readonly source: string };
  /** 'checked', or why the registry was not asked ('not checked (offline)'). */
  readonly registry: string;
  /** Ids of the issues whose evidence names this component. */
  readonly issues: readonly string[];
}

export interface DataSourceUsed {
  readonly name: string;
  readonly source: string;
  readonly date: string;
}

export interface Report {
  readonly schemaVersion: string;
  readonly tool: { readonly name: 'assay'; readonly version: string };
  readonly generatedAt: string;
  readonly target: {
    readonly ecosystem: Ecosystem;
    readonly name: string;
    readonly version: string;
    /** The license the package declares, as written (package scans). */
    readonly license?: string;
    readonly artifact: {
      readonly file: string;
      readonly sha256: string;
      /** Present when the file was compared with the registry's digests (npm). */
      readonly sha512?: string;
      readonly sha1?: string;
      readonly size: number;
      readonly format: ArchiveFormat;
    };
  };
  readonly verdict: {
    readonly level: VerdictLevel;
    readonly reasons: readonly {
      readonly issue: string;
      readonly severity: Severity;
      readonly title: string;
    }[];
  };
  readonly issues: readonly ReportIssue[];
  readonly behaviors: readonly ReportBehavior[];
  readonly vulnerabilities: readonly ReportVulnerability[];
  /**
   * Whether "no vulnerabilities" means anything: `checked` (the database has advisories for this ecosystem),
   * `no-database`, or `no-advisories-for-ecosystem` (a database of other ecosystems' advisories only).
   */
  readonly vulnerabilityCoverage?: VulnerabilityCoverage;
  /** Whether everything was read and analyzed; limits and analysis problems say what was not. */
  readonly completeness: {
    readonly complete: boolean;
    readonly limitHits: readonly LimitHit[];
    readonly analysisProblems: readonly AnalysisProblem[];
    readonly detectorErrors: readonly { readonly id: string; readonly message: string }[];
  };
  readonly metadata: {
    readonly sources: readonly MetadataSource[];
    readonly conflicts: readonly MetadataConflict[];
    readonly dependencies: number;
  };
  readonly data: {
    /** The community index the prevalence figures come from, or null when none was available. */
    readonly prevalenceIndex: PrevalenceIndexInfo | null;
    readonly vulnerabilityDatabase: {
      readonly records: number;
      readonly newestModified: string | null;
      readonly importedAt: string | null;
      readonly ecosystems?: readonly { readonly ecosystem: string; readonly records: number }[];
      /** False when an import did not finish: the findings may miss advisories (the scan is then incomplete). */
      readonly complete?: boolean;
      readonly unfinishedImports?: readonly {
        readonly source: string;
        readonly startedAt: string;
        readonly seen: number;
      }[];
    } | null;
    readonly snapshots: readonly DataSourceUsed[];
  };
  /** The scan's components and their checks (absent when none were collected). */
  readonly components?: readonly ReportComponent[];
  /** How the component checks ran: whether the registry was asked, and against which clock. */
  readonly componentChecks?: {
    readonly registry: 'checked' | 'offline' | 'disabled';
    readonly checkedAt: string;
  };
  /** Project scans: the manifests and lockfiles read, and notes about them. */
  readonly project?: {
    readonly files: readonly string[];
    readonly used: readonly {
      readonly file: string;
      readonly format: string;
      readonly kind: 'lockfile' | 'manifest';
    }[];
    readonly notes: readonly string[];
    readonly deep?: {
      readonly scanned: number;
      readonly failed: readonly { readonly component: string; readonly message: string }[];
    };
  };
  /**
   * The distinct URLs the package's files name (package scans), in file order; `endpointsTruncated` when there
   * were more than the report keeps.
   */
  readonly endpoints?: readonly ReportEndpoint[];
  readonly endpointsTruncated?: boolean;
  /** Present when a config, a suppression or a baseline was applied. */
  readonly policy?: ReportPolicy;
  /** sha256 of each package file that issue evidence names (paths relative to the package root). */
  readonly evidenceFiles?: readonly { readonly path: string; readonly sha256: string }[];
  readonly stats: {
    readonly files: number;
    readonly bytes: number;
    readonly sourceFiles: number;
    readonly durationMs: number;
  };
}

export interface VulnerabilityCoverage {
  readonly status: 'checked' | 'no-database' | 'no-advisories-for-ecosystem';
  /** The scanned ecosystem. */
  readonly ecosystem: string;
  /** Advisories the database holds for it. */
  readonly advisories: number;
  /** The ecosystems the database does hold advisories for. */
  readonly databaseEcosystems: readonly string[];
}
