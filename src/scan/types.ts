import type { PackageFacts } from '../analysis/types.ts';
import type { UnpackLimits } from '../artifacts/types.ts';
import type { Verdict } from '../catalog/engine.ts';
import type { BehaviorHit, DetectorOutcome, Issue } from '../catalog/types.ts';
import type { PackageSnapshot } from '../core/snapshot.ts';
import type { Ecosystem } from '../metadata/types.ts';

export interface ScanOptions {
  readonly limits?: Partial<UnpackLimits>;
  /** Forces the ecosystem instead of recognising it from the package's files. */
  readonly ecosystem?: Ecosystem;
  /** Worker threads for source analysis; 0 or 1 analyzes in-process. */
  readonly workers?: number;
  /** Per-file analysis budget in milliseconds. */
  readonly fileTimeBudgetMs?: number;
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
}
