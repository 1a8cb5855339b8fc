import type { AnalysisPool } from '../analysis/pool/index.ts';
import type { PackageFacts } from '../analysis/types.ts';
import type { UnpackLimits } from '../artifacts/types.ts';
import type { Verdict } from '../catalog/engine.ts';
import type { BehaviorHit, DetectorOutcome, Issue } from '../catalog/types.ts';
import type { WorkLimits } from '../core/budget.ts';
import type { Enrichment, RegistryFactsSource } from '../hunting/types.ts';
import type { PackageSnapshot } from '../metadata/snapshot.ts';
import type { Ecosystem } from '../metadata/types.ts';
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
  /** npm registry scans: the registry's manifest of the version, copied into the snapshot. */
  readonly registryManifest?: Readonly<Record<string, unknown>>;
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
   * Looks the scan's components up in a vulnerability database before the policies run (the CLI builds one
   * over --db / ASSAY_DB). Without one, no look-up happens and the vulnerability policies stay silent.
   */
  readonly vulnerabilities?: VulnerabilitySource;
}

/** The outcome of collecting and judging one package, before any report is rendered. */
export interface ScanResult {
  readonly snapshot: PackageSnapshot;
  readonly facts: PackageFacts;
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
}
