import { createHash } from 'node:crypto';
import { isAbsolute, relative } from 'node:path';
import { originalId } from '../catalog/aliases.ts';
import type { IssueEvidence, Occurrence } from '../catalog/types.ts';

/** What a fingerprint may depend on: the target's identity, never its version, line numbers or the scan time. */
export interface FingerprintTarget {
  readonly ecosystem: string;
  readonly name: string;
  /** 'project' for a project scan, whose name is only the folder it was checked out into. */
  readonly version: string;
  readonly artifact: { readonly file: string; readonly format: string };
}

/** Version of the fingerprint recipe; a change of recipe must change this, so old baselines are not misread. */
export const FINGERPRINT_KEY = 'assayFinding/v1';

/**
 * The folder that paths in a report are relative to: the scanned directory, or the folder of the scanned
 * file (a lockfile or a manifest). Paths inside a package are already relative to the package root.
 */
export function reportRoot(target: FingerprintTarget): string {
  return target.artifact.format === 'directory'
    ? target.artifact.file
    : target.artifact.file.replace(/[\\/][^\\/]*$/, '') || '/';
}

/** A path as CI systems want it: relative to the scanned root, '/'-separated. */
export function rootRelativePath(target: FingerprintTarget, file: string): string {
  if (!isAbsolute(file)) return file.replaceAll('\\', '/');
  const rel = relative(reportRoot(target), file).replaceAll('\\', '/');
  return rel === '' ? file.replace(/^.*[\\/]/, '') : rel;
}

function sha256(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

/** Whitespace changes (re-indenting, reformatting) do not make a finding new. */
function normalizeSnippet(snippet: string | undefined): string {
  return (snippet ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * One evidence item's identity: the rule, the target, and what was seen where — file, field, component and
 * matched text — but not the line or column, so that unrelated lines moving above it keep it the same.
 */
export function evidenceFingerprint(
  ruleId: string,
  target: FingerprintTarget,
  item: IssueEvidence | Occurrence,
): string {
  // A renamed id keeps its first name in the identity, so baselines written before the rename still match.
  return sha256([
    FINGERPRINT_KEY,
    originalId(ruleId),
    target.ecosystem,
    target.version === 'project' ? 'project' : target.name,
    'behavior' in item ? originalId(item.behavior ?? '') : '',
    'component' in item ? (item.component ?? '') : '',
    item.file === undefined ? '' : rootRelativePath(target, item.file),
    item.field ?? '',
    normalizeSnippet(item.snippet),
  ]);
}

/** A finding's identity: its rule and the set of its evidence identities (order and duplicates ignored). */
export function findingFingerprint(ruleId: string, evidence: readonly string[]): string {
  return sha256([FINGERPRINT_KEY, originalId(ruleId), ...[...new Set(evidence)].sort()]);
}

/** The fingerprints of one issue or behavior, as the report model carries them. */
export function fingerprintsOf(
  ruleId: string,
  target: FingerprintTarget,
  items: readonly (IssueEvidence | Occurrence)[],
): { readonly finding: string; readonly evidence: readonly string[] } {
  const evidence = [...new Set(items.map((item) => evidenceFingerprint(ruleId, target, item)))].sort();
  return { finding: findingFingerprint(ruleId, evidence), evidence };
}
