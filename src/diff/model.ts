import type { VerdictLevel } from '../catalog/engine.ts';
import type { Severity } from '../catalog/types.ts';
import type { Ecosystem } from '../metadata/types.ts';
import type { ProvenanceResult } from '../provenance/types.ts';
import type { Prevalence, ReportBehavior, ReportIssue } from '../report/model.ts';

/** Bumped on any change a consumer of the diff JSON must know about. */
export const DIFF_SCHEMA_VERSION = '1.0.0';

export interface DiffSideInfo {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly version: string;
  readonly artifact: { readonly file: string; readonly sha256: string; readonly size: number };
  readonly verdict: VerdictLevel;
}

/** A file of the package, its path relative to the package root (the tarball's `package/` or an sdist's top folder). */
export interface FileChange {
  readonly path: string;
  readonly status: 'added' | 'removed' | 'changed';
  readonly oldSha256?: string;
  readonly newSha256?: string;
  readonly oldSize?: number;
  readonly newSize?: number;
}

/** A behavior or issue that appeared, disappeared, or whose evidence count moved. */
export interface FindingChange<T extends ReportBehavior | ReportIssue> {
  readonly id: string;
  readonly status: 'appeared' | 'disappeared' | 'changed';
  /** The finding on the side that has it (the new side when both have it). */
  readonly finding: T;
  readonly oldCount: number;
  readonly newCount: number;
  readonly prevalence: Prevalence | null;
}

export interface DependencyChange {
  readonly name: string;
  readonly kind: string;
  readonly status: 'added' | 'removed' | 're-pointed';
  /** Range, URL or git source as written. */
  readonly oldSpec?: string;
  readonly newSpec?: string;
}

/** A named declaration that changed: an install script, an entry point, a bin, a maintainer, the publisher. */
export interface DeclarationChange {
  readonly name: string;
  readonly status: 'added' | 'removed' | 'changed';
  readonly oldValue?: string;
  readonly newValue?: string;
}

/** A finding about the change itself, not about either version alone. */
export interface DiffFinding {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly problem: string;
  readonly nextSteps: readonly string[];
  readonly evidence: readonly DiffEvidence[];
}

export interface DiffEvidence {
  /** Path relative to the package root, or the metadata field for declarations. */
  readonly file?: string;
  readonly line?: number;
  readonly field?: string;
  readonly snippet: string;
  readonly detail?: string;
}

export interface PackageDiff {
  readonly schemaVersion: string;
  readonly tool: { readonly name: 'assay'; readonly version: string };
  readonly generatedAt: string;
  readonly old: DiffSideInfo;
  readonly new: DiffSideInfo;
  readonly files: {
    readonly added: number;
    readonly removed: number;
    readonly changed: number;
    readonly unchanged: number;
    readonly changes: readonly FileChange[];
  };
  readonly behaviors: readonly FindingChange<ReportBehavior>[];
  readonly issues: readonly FindingChange<ReportIssue>[];
  readonly dependencies: readonly DependencyChange[];
  readonly installScripts: readonly DeclarationChange[];
  readonly entryPoints: readonly DeclarationChange[];
  readonly bins: readonly DeclarationChange[];
  /** Maintainers and publisher from the registry; null when the registry was not asked for both sides. */
  readonly maintainers: readonly DeclarationChange[] | null;
  /** npm provenance of each side (Sigstore-verified); null when it was not asked for. */
  readonly provenance: { readonly old: ProvenanceResult; readonly new: ProvenanceResult } | null;
  readonly findings: readonly DiffFinding[];
  /** The verdict of what is new: issues that appeared and diff findings. --fail-on reads this. */
  readonly verdict: {
    readonly level: VerdictLevel;
    readonly reasons: readonly { readonly id: string; readonly severity: Severity }[];
  };
}
