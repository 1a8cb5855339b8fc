import type { Severity } from '../catalog/types.ts';
import type { PackageSnapshot } from '../metadata/snapshot.ts';
import type { ProvenanceResult } from '../provenance/types.ts';
import type { Report } from '../report/model.ts';
import type { PackageScanResult } from '../scan/types.ts';
import type { DependencyChange, DiffEvidence } from './model.ts';

/** One version as the scan pipeline saw it: the collected result and the report built from it. */
export interface DiffSide {
  readonly result: PackageScanResult;
  readonly report: Report;
  /** npm registry versions, when the registry was asked: the verified provenance of this version. */
  readonly provenance?: ProvenanceResult;
}

/** What a diff finding reads: both sides, paths made comparable, and the dependency changes already worked out. */
export interface DiffContext {
  readonly old: DiffSide;
  readonly new: DiffSide;
  /** A path of the given side relative to its package root, so `package/a.js` and `a.js` compare equal. */
  relative(side: 'old' | 'new', path: string): string;
  readonly dependencies: readonly DependencyChange[];
  /** The clock recency checks measure against. */
  readonly now: Date;
}

/** A check on the change between two versions; declared like the catalog's definitions, text fields mandatory. */
export interface DiffFindingDefinition {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly problem: string;
  readonly nextSteps: readonly string[];
  detect(context: DiffContext): readonly DiffEvidence[];
}

export function defineDiffFinding(definition: DiffFindingDefinition): DiffFindingDefinition {
  return definition;
}

/**
 * The folder every file of an archive sits in: npm's `package/`, an sdist's `name-1.0/`. It differs between
 * versions of one sdist, so it is cut before paths are compared. A directory or a wheel has none.
 */
export function packageRootOf(snapshot: PackageSnapshot): string {
  if (snapshot.artifact.format === 'directory' || snapshot.artifact.format === 'file') return '';
  let root: string | undefined;
  for (const file of snapshot.files) {
    const slash = file.path.indexOf('/');
    if (slash < 0) return '';
    const first = file.path.slice(0, slash + 1);
    if (root === undefined) root = first;
    else if (root !== first) return '';
  }
  return root ?? '';
}

export function stripRoot(root: string, path: string): string {
  return root !== '' && path.startsWith(root) ? path.slice(root.length) : path;
}
