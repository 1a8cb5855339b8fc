import type { AnalysisProblem } from '../analysis/types.ts';
import type { ArchiveFormat, LimitHit } from '../artifacts/types.ts';
import type { VerdictLevel } from '../catalog/engine.ts';
import type {
  BehaviorCategory,
  CatalogReferences,
  IssueCategory,
  IssueEvidence,
  Occurrence,
  Severity,
} from '../catalog/types.ts';
import type { Ecosystem, MetadataConflict, MetadataSource } from '../metadata/types.ts';

/** Bumped on any change a consumer of the JSON must know about (semver: major = breaking). */
export const REPORT_SCHEMA_VERSION = '1.0.0';

/** How common a finding is in the community index. `null` everywhere means "no information". */
export interface Prevalence {
  readonly top100: number;
  readonly top1k: number;
  readonly top10k: number;
  readonly community: number;
  readonly band: 'common' | 'uncommon' | 'rare';
}

export interface ReportBehavior {
  readonly id: string;
  readonly title: string;
  readonly category: BehaviorCategory;
  readonly severity: Severity;
  readonly count: number;
  readonly occurrences: readonly Occurrence[];
  readonly prevalence: Prevalence | null;
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
    readonly artifact: {
      readonly file: string;
      readonly sha256: string;
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
    readonly prevalenceIndex: {
      readonly name: string;
      readonly ecosystem: Ecosystem;
      readonly packages: {
        readonly top100: number;
        readonly top1k: number;
        readonly top10k: number;
        readonly community: number;
      };
      readonly built: string;
      readonly analyzerVersion: string;
    } | null;
    readonly vulnerabilityDatabase: {
      readonly records: number;
      readonly newestModified: string | null;
      readonly importedAt: string | null;
    } | null;
    readonly snapshots: readonly DataSourceUsed[];
  };
  readonly stats: {
    readonly files: number;
    readonly bytes: number;
    readonly sourceFiles: number;
    readonly durationMs: number;
  };
}
