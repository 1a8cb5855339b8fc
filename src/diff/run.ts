import { AssayError } from '../core/errors.ts';
import type { ProvenanceResult } from '../provenance/types.ts';
import { buildReport } from '../report/build.ts';
import type { Report } from '../report/model.ts';
import { type ClassifiedTarget, classifyTarget } from '../scan/classify.ts';
import { defaultCatalog } from '../scan/scan.ts';
import { scanTarget } from '../scan/target.ts';
import type { PackageScanResult, ScanOptions } from '../scan/types.ts';
import { createSources, type FetchOptions } from '../sources/fetch.ts';
import { diffPackages } from './compare.ts';
import type { DiffSide } from './context.ts';
import type { PackageDiff } from './model.ts';
import { previousVersion } from './previous.ts';

export interface DiffRunOptions {
  readonly scan: ScanOptions & { readonly fetch?: FetchOptions };
  readonly toolVersion: string;
  /** Applied to each side's report before the diff (assay.toml levels and suppressions). */
  readonly judge?: (report: Report) => Report;
  readonly now?: Date;
  /** Looks up the provenance of a scanned registry version (the CLI asks the registry; tests inject). */
  readonly provenance?: (result: PackageScanResult) => Promise<ProvenanceResult | undefined>;
}

/**
 * `--previous`: the same registry package at the release before the given one (or before the latest when no
 * version is given).
 */
export async function previousTarget(
  target: ClassifiedTarget,
  fetch: FetchOptions = {},
): Promise<{ readonly old: ClassifiedTarget; readonly new: ClassifiedTarget }> {
  if (target.kind !== 'registry') {
    throw new AssayError(
      'E_USAGE',
      '--previous needs a registry target (npm:NAME@VERSION, pypi:NAME==VERSION or a purl)',
    );
  }
  const sources = createSources(fetch);
  const release = await sources
    .client(target.target.ecosystem)
    .resolve(target.target.name, target.target.version);
  const previous = previousVersion(release.ecosystem, release.version, release.versions);
  const pinned = (version: string): ClassifiedTarget => ({
    kind: 'registry',
    target: { ...target.target, version, input: `${target.target.ecosystem}:${release.name}@${version}` },
  });
  return { old: pinned(previous), new: pinned(release.version) };
}

/** Scans one side through the whole pipeline; a diff compares packages, so a project target is refused. */
async function scanSide(target: ClassifiedTarget, options: DiffRunOptions, label: string): Promise<DiffSide> {
  if (target.kind === 'project') {
    throw new AssayError(
      'E_USAGE',
      `assay diff compares two packages; the ${label} target is a project (a manifest or lockfile)`,
    );
  }
  const scans = await scanTarget(target, options.scan);
  const first = scans[0];
  if (first === undefined || first.result.subject !== 'package') {
    throw new AssayError('E_NOT_FOUND', `the ${label} target gave no package to compare`);
  }
  const report = buildReport(first.result, {
    toolVersion: options.toolVersion,
    behaviors: defaultCatalog.behaviors,
    policies: defaultCatalog.policies,
  });
  const provenance = await options.provenance?.(first.result);
  return {
    result: first.result,
    report: options.judge === undefined ? report : options.judge(report),
    ...(provenance === undefined ? {} : { provenance }),
  };
}

export async function diffTargets(
  oldInput: string | ClassifiedTarget,
  newInput: string | ClassifiedTarget,
  options: DiffRunOptions,
): Promise<PackageDiff> {
  const oldTarget = typeof oldInput === 'string' ? await classifyTarget(oldInput) : oldInput;
  const newTarget = typeof newInput === 'string' ? await classifyTarget(newInput) : newInput;
  // One after the other: the pipeline's analyzer pool and the cache are shared, and two cores are the norm.
  const old = await scanSide(oldTarget, options, 'old');
  const next = await scanSide(newTarget, options, 'new');
  return diffPackages(old, next, {
    toolVersion: options.toolVersion,
    ...(options.now ? { now: options.now } : {}),
  });
}
