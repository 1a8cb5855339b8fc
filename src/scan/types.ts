import type { AnalysisPool, FactsCache } from '../analysis/pool/index.ts';
import type { AnalysisProblem, PackageFacts } from '../analysis/types.ts';
import type { UnpackLimits } from '../artifacts/types.ts';
import type { Verdict } from '../catalog/engine.ts';
import type { BehaviorHit, DetectorOutcome, Issue } from '../catalog/types.ts';
import type { PrevalenceLookup } from '../community/index/lookup.ts';
import type { WorkLimits } from '../core/budget.ts';
import type { LocalData } from '../enrich/enrich.ts';
import type { DocumentFetcher } from '../enrich/provenance.ts';
import type { Enrichment, RegistryFactsSource } from '../enrich/types.ts';
import type { PackageSnapshot } from '../metadata/snapshot.ts';
import type { Ecosystem } from '../metadata/types.ts';
import type { ProjectFile } from '../sources/manifests/types.ts';
import type { VulnerabilityContext, VulnerabilitySource } from '../vulns/types.ts';

export interface ScanOptions {
  readonly limits?: Partial<UnpackLimits>;
  /** Forces the ecosystem instead of recognising it from the package's files. */
  readonly ecosystem?: Ecosystem;
  /** Worker threads for source analysis; 0 or 1 analyzes in-process. */
  readonly workers?: number;
  /** Per-file analysis budgets, counted in work (see src/core/budget.ts). */
  readonly work?: Partial<WorkLimits>;
  /** A worker pool shared across scans; the caller closes it. */
  readonly pool?: AnalysisPool;
  /** Per-file facts cached by content, in the store (src/store/facts-*.ts); the caller closes it. */
  readonly factsCache?: FactsCache;
  /** npm registry scans: the registry's manifest of the version, copied into the snapshot. */
  readonly registryManifest?: Readonly<Record<string, unknown>>;
  /** sha512 and sha1 (hex) of the artifact's bytes, to compare with the registry's `dist.integrity` / `dist.shasum`. */
  readonly artifactDigests?: { readonly sha512: string; readonly sha1: string };
  /**
   * PyPI registry scans: the index's entry for the scanned file, with its PEP 740 provenance link when the index
   * serves one. Present only for a file that came from an index, so its provenance can be asked for.
   */
  readonly indexFile?: { readonly provenance?: string };
  /**
   * Provenance without registry checks (the proxy): where linked attestations are fetched, and the previous
   * version's provenance state when the caller holds the packument. With registry checks neither is needed.
   */
  readonly provenance?: {
    readonly documents: DocumentFetcher;
    readonly previous?: { readonly version: string; readonly attested: boolean };
  };
  /**
   * May the pipeline ask registries for the hunting checks' facts? False by default (tests, library use):
   * the scan then touches no network. The CLI sets it unless --offline or --no-registry-checks.
   */
  readonly network?: boolean;
  /** Set with --offline, so the report says the registry checks were skipped for that reason. */
  readonly offline?: boolean;
  /** Registry facts for the hunting checks; scanTarget builds one when `network` is true, tests inject one. */
  readonly registry?: RegistryFactsSource;
  /** False skips component enrichment altogether (the per-component scans of `--deep`). */
  readonly enrich?: boolean;
  /** The clock the recency checks use. */
  readonly now?: Date;
  /**
   * The local data the enrich stage reads: the vulnerability database and the community index (--db / ASSAY_DB)
   * and the shipped prevalence snapshots. Without it no vulnerability or prevalence look-up happens and the
   * vulnerability policies stay silent (library use, tests).
   */
  readonly localData?: LocalData;
  /** A vulnerability look-up to use instead of the local database (tests inject one). */
  readonly vulnerabilities?: VulnerabilitySource;
  /** A prevalence look-up to use instead of the local index and snapshots (tests inject one). */
  readonly prevalence?: PrevalenceLookup;
}

/** What every scan result holds: the judgement and the enrichment it read. */
interface JudgedScan {
  readonly behaviors: readonly BehaviorHit[];
  readonly detectorOutcomes: readonly DetectorOutcome[];
  readonly issues: readonly Issue[];
  readonly policyErrors: readonly { readonly id: string; readonly message: string }[];
  readonly verdict: Verdict;
  readonly durationMs: number;
  /** Component facts the hunting policies judged (absent when enrichment was skipped). */
  readonly enrichment?: Enrichment;
  /** The vulnerability look-up the policies judged (absent when the scan was given no source). */
  readonly vulnerabilities?: VulnerabilityContext;
  /** Community prevalence of the scan's behaviors and issues, for the report. */
  readonly prevalence: PrevalenceLookup;
}

/** The outcome of collecting and judging one package, before any report is rendered. */
export interface PackageScanResult extends JudgedScan {
  readonly subject: 'package';
  readonly snapshot: PackageSnapshot;
  readonly facts: PackageFacts;
}

/** A project: the manifests and lockfiles read, and what was judged of its components. */
export interface ScannedProject {
  readonly ecosystem: Ecosystem;
  /** The project's directory name. */
  readonly name: string;
  /** The path scanned, and a digest over the manifests and lockfiles used. */
  readonly artifact: {
    readonly file: string;
    readonly sha256: string;
    readonly size: number;
    readonly format: 'directory' | 'file';
  };
  readonly files: readonly string[];
  readonly used: readonly ProjectFile[];
  readonly notes: readonly string[];
  /** What the manifests and lockfiles could not give; any of them makes the scan incomplete. */
  readonly problems: readonly AnalysisProblem[];
  /** With --deep: how many components were fetched and scanned, and those that could not be. */
  readonly deep?: {
    readonly scanned: number;
    readonly failed: readonly { readonly component: string; readonly message: string }[];
  };
}

export interface ProjectScanResult extends JudgedScan {
  readonly subject: 'project';
  readonly project: ScannedProject;
}

/** A scan's outcome: a package (its files and facts) or a project (its manifests), never one posing as the other. */
export type ScanResult = PackageScanResult | ProjectScanResult;
