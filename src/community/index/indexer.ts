/**
 * Filling the community index: scan packages and record what each shows. Every package is recorded
 * in its own transaction, so an interrupted build keeps what it finished and the next run skips it.
 * `indexOne` is the unit of work shared by the single-machine commands (add, build) and the queue's
 * workers (src/community/queue/), so both record exactly the same thing.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Catalog } from '../../catalog/types.ts';
import { mapBounded } from '../../core/concurrency.ts';
import { AssayError, describeError } from '../../core/errors.ts';
import type { Ecosystem } from '../../metadata/types.ts';
import { defaultCatalog } from '../../scan/scan.ts';
import { scanTarget } from '../../scan/target.ts';
import type { PackageScanResult, ScanOptions } from '../../scan/types.ts';
import type { FetchOptions } from '../../sources/fetch.ts';
import { parseTarget } from '../../sources/target.ts';
import type { SnapshotStore } from '../data/snapshots.ts';
import { analyzerVersion, catalogIds } from './analyzer.ts';
import { toIndex } from './async.ts';
import type { CommunityIndex, CommunityState, CommunityStore, IndexEntry } from './types.ts';

export interface IndexerOptions {
  /** The synchronous SQLite store or any CommunityIndex (PostgreSQL). */
  readonly store: CommunityStore | CommunityIndex;
  readonly catalog?: Catalog;
  readonly scan?: ScanOptions;
  readonly fetch?: FetchOptions;
  /** Public popularity snapshots: each recorded package gets its rank from them. */
  readonly snapshots?: SnapshotStore;
  /** Packages scanned at once (default 2: one per core; each scan also uses the analysis pool). */
  readonly concurrency?: number;
  readonly onProgress?: (event: ProgressEvent) => void;
  readonly now?: () => Date;
}

export interface ProgressEvent {
  readonly done: number;
  readonly total: number;
  readonly label: string;
  readonly status: 'indexed' | 'skipped' | 'failed';
  readonly message?: string;
}

export interface BuildSummary {
  readonly total: number;
  readonly indexed: number;
  readonly skipped: number;
  readonly failed: readonly { readonly label: string; readonly message: string }[];
  readonly analyzerVersion: string;
  readonly states: readonly CommunityState[];
  readonly durationMs: number;
}

/** One unit of work: something to scan, and whether it is already in the index. */
interface Job {
  readonly label: string;
  readonly target: string;
  readonly ecosystem?: Ecosystem;
  /** Registry builds name the package they asked for, in case the artifact's metadata is odd. */
  readonly expectedName?: string;
  readonly fallbackRank?: { readonly rank: number; readonly source: string; readonly date: string };
  readonly alreadyIndexed?: (analyzer: string) => Promise<boolean>;
}

export function entryFromScan(
  result: PackageScanResult,
  meta: {
    readonly analyzerVersion: string;
    readonly origin: string;
    readonly scannedAt: string;
    readonly name?: string;
    readonly version?: string;
    readonly popularity?: IndexEntry['popularity'];
  },
): IndexEntry {
  const { snapshot } = result;
  const name = meta.name ?? snapshot.name;
  const version = meta.version ?? snapshot.version;
  if (name === 'unknown' || name.trim() === '') {
    throw new AssayError('E_METADATA', `cannot tell the package name of ${snapshot.artifact.file}`);
  }
  const issueCounts = new Map<string, number>();
  for (const issue of result.issues) issueCounts.set(issue.id, (issueCounts.get(issue.id) ?? 0) + 1);
  return {
    ecosystem: snapshot.ecosystem,
    name,
    version,
    artifact: {
      sha256: snapshot.artifact.sha256,
      filename: snapshot.artifact.file,
      size: snapshot.artifact.size,
      format: snapshot.artifact.format,
      origin: meta.origin,
    },
    analyzerVersion: meta.analyzerVersion,
    scannedAt: meta.scannedAt,
    complete: snapshot.limitHits.length === 0 && result.facts.problems.length === 0,
    durationMs: result.durationMs,
    verdict: result.verdict.level,
    findings: [
      ...result.behaviors.map((hit) => ({
        kind: 'behavior' as const,
        id: hit.id,
        count: hit.occurrences.length,
      })),
      ...[...issueCounts].map(([id, count]) => ({ kind: 'issue' as const, id, count })),
    ],
    dependencies: snapshot.metadata.dependencies.map((d) => ({
      name: d.normalizedName,
      kind: d.kind,
      specifier: d.specifier,
    })),
    popularity: meta.popularity ?? [],
  };
}

/** The rank a public snapshot gives the package, as popularity rows for the index. */
function popularityFrom(
  snapshots: SnapshotStore | undefined,
  ecosystem: Ecosystem,
  name: string,
): IndexEntry['popularity'] {
  if (snapshots === undefined) return [];
  try {
    const found = snapshots.popularity(ecosystem, name);
    if (found.status !== 'known') return [];
    const date = ecosystem === 'pypi' ? snapshots.pypiTop().sourceDate : snapshots.npmHighImpact().sourceDate;
    return [{ source: found.source, rank: found.rank, date }];
  } catch {
    // A missing snapshot file leaves the package unranked (it still counts in the community).
    return [];
  }
}

/** What indexing one target needs besides the target itself. */
export interface IndexContext {
  readonly index: CommunityIndex;
  readonly catalog: Catalog;
  readonly analyzer: string;
  readonly scan?: ScanOptions;
  readonly fetch?: FetchOptions;
  readonly snapshots?: SnapshotStore;
  readonly now: () => Date;
}

export interface IndexOneResult {
  readonly ecosystems: readonly Ecosystem[];
  /** Name and version of each recorded artifact. */
  readonly recorded: readonly { readonly name: string; readonly version: string }[];
}

/** Scans one target (path, npm:NAME[@V], pypi:NAME[==V], purl) and records every artifact it yields. */
export async function indexOne(
  context: IndexContext,
  job: Pick<Job, 'target' | 'ecosystem' | 'expectedName' | 'fallbackRank'>,
): Promise<IndexOneResult> {
  const scans = await scanTarget(
    job.target,
    {
      // Files analyzed for an earlier version (or another package) are read from the index's facts cache.
      ...(context.index.factsCache === undefined ? {} : { factsCache: context.index.factsCache }),
      ...(context.scan ?? {}),
      ...(job.ecosystem === undefined ? {} : { ecosystem: job.ecosystem }),
      ...(context.fetch === undefined ? {} : { fetch: context.fetch }),
    },
    context.catalog,
  );
  const ecosystems = new Set<Ecosystem>();
  const recorded: { name: string; version: string }[] = [];
  for (const { result, fetched } of scans) {
    // The index counts what packages contain; a project (a manifest or lockfile) has no code to count.
    if (result.subject !== 'package')
      throw new AssayError('E_USAGE', `${job.target} is a project, not a package: it cannot be indexed`);
    const ecosystem = result.snapshot.ecosystem;
    const name = fetched?.name ?? (result.snapshot.name === 'unknown' ? job.expectedName : undefined);
    const rankName = name ?? result.snapshot.name;
    let popularity = popularityFrom(context.snapshots, ecosystem, rankName);
    if (popularity.length === 0 && job.fallbackRank !== undefined) popularity = [job.fallbackRank];
    const entry = entryFromScan(result, {
      analyzerVersion: context.analyzer,
      origin: fetched?.url ?? job.target,
      scannedAt: context.now().toISOString(),
      ...(name === undefined ? {} : { name }),
      ...(fetched === undefined ? {} : { version: fetched.version }),
      popularity,
    });
    await context.index.recordScan(entry);
    ecosystems.add(ecosystem);
    recorded.push({ name: entry.name, version: entry.version });
  }
  return { ecosystems: [...ecosystems], recorded };
}

/** The context of a run: the catalog's analyzer version, recorded once in the index. */
export async function indexContext(options: IndexerOptions): Promise<IndexContext> {
  const catalog = options.catalog ?? defaultCatalog;
  const analyzer = analyzerVersion(catalog);
  const index = toIndex(options.store);
  await index.recordCatalog(analyzer, catalogIds(catalog));
  return {
    index,
    catalog,
    analyzer,
    ...(options.scan === undefined ? {} : { scan: options.scan }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.snapshots === undefined ? {} : { snapshots: options.snapshots }),
    now: options.now ?? (() => new Date()),
  };
}

async function runJobs(jobs: readonly Job[], options: IndexerOptions): Promise<BuildSummary> {
  const started = performance.now();
  const context = await indexContext(options);
  const { analyzer, index } = context;
  const touched = new Set<Ecosystem>();
  const failed: { label: string; message: string }[] = [];
  let indexed = 0;
  let skipped = 0;
  let done = 0;
  const report = (label: string, status: ProgressEvent['status'], message?: string) => {
    done++;
    options.onProgress?.({
      done,
      total: jobs.length,
      label,
      status,
      ...(message === undefined ? {} : { message }),
    });
  };

  const runOne = async (job: Job): Promise<void> => {
    try {
      if (await job.alreadyIndexed?.(analyzer)) {
        skipped++;
        report(job.label, 'skipped');
        return;
      }
      const result = await indexOne(context, job);
      for (const ecosystem of result.ecosystems) touched.add(ecosystem);
      indexed++;
      report(job.label, 'indexed');
    } catch (error) {
      const { message } = describeError(error);
      failed.push({ label: job.label, message });
      report(job.label, 'failed', message);
    }
  };

  await mapBounded(jobs, options.concurrency ?? 2, runOne);

  const states: CommunityState[] = [];
  for (const ecosystem of [...touched].sort()) states.push(await index.refresh(ecosystem));
  return {
    total: jobs.length,
    indexed,
    skipped,
    failed,
    analyzerVersion: analyzer,
    states,
    durationMs: performance.now() - started,
  };
}

/**
 * Whether a target of `community add` is already in the index at this analyzer version, so an interrupted
 * add resumes instead of scanning everything again: a file by its sha256, `npm:x@1.0` / `pypi:x==1.0` by
 * version, a bare name by its latest indexed version (as `build` does).
 */
function alreadyIndexedTarget(target: string, index: CommunityIndex): (analyzer: string) => Promise<boolean> {
  return async (analyzer) => {
    if (existsSync(target) && statSync(target).isFile()) {
      const sha256 = createHash('sha256').update(readFileSync(target)).digest('hex');
      return index.isArtifactIndexed(sha256, analyzer);
    }
    let parsed: ReturnType<typeof parseTarget>;
    try {
      parsed = parseTarget(target);
    } catch {
      return false;
    }
    if (parsed.kind !== 'registry') return false;
    const version = parsed.version;
    if (version === undefined) return index.isPackageIndexed(parsed.ecosystem, parsed.name, analyzer);
    if (/^[<>=!~]/.test(version)) return false;
    return index.isVersionIndexed(parsed.ecosystem, parsed.name, version, analyzer);
  };
}

/** `assay community add`: scans each target (a path, npm:x, pypi:x, a purl) and records it. */
export function indexTargets(targets: readonly string[], options: IndexerOptions): Promise<BuildSummary> {
  const index = toIndex(options.store);
  return runJobs(
    targets.map((target) => ({ label: target, target, alreadyIndexed: alreadyIndexedTarget(target, index) })),
    { ...options, store: index },
  );
}

/**
 * `assay community build --ecosystem npm --top N`: the N most downloaded packages of the public
 * ranking (or the `names` given), fetched from the registry. A package whose latest indexed version
 * was scanned by this analyzer version is skipped without a network request.
 */
export function buildFromRegistry(
  ecosystem: Ecosystem,
  names: readonly string[],
  options: IndexerOptions,
): Promise<BuildSummary> {
  const prefix = ecosystem === 'npm' ? 'npm:' : 'pypi:';
  const index = toIndex(options.store);
  return runJobs(
    names.map((name) => ({
      label: name,
      target: `${prefix}${name}`,
      ecosystem,
      expectedName: name,
      alreadyIndexed: (analyzer: string) => index.isPackageIndexed(ecosystem, name, analyzer),
    })),
    { ...options, store: index },
  );
}

const ARCHIVE_NAME = /\.(whl|zip|egg|tar\.gz|tgz|tar\.bz2|tar\.xz|tar)$/i;

/** Ranks written beside a corpus (MANIFEST.tsv: rank, project, …, path), used when no snapshot ranks a package. */
function manifestRanks(dir: string): Map<string, number> {
  const ranks = new Map<string, number>();
  const path = join(dir, 'MANIFEST.tsv');
  if (!existsSync(path)) return ranks;
  for (const line of readFileSync(path, 'utf8').split('\n').slice(1)) {
    const cells = line.split('\t');
    const rank = Number(cells[0]);
    const file = cells[cells.length - 1];
    if (Number.isInteger(rank) && rank > 0 && file) ranks.set(resolve(dir, file), rank);
  }
  return ranks;
}

/**
 * `assay community build --from DIR`: every package archive directly inside DIR (a mirror, or the
 * Debian-derived PyPI corpus). Artifacts already scanned by this analyzer version are skipped by sha256.
 */
export function buildFromDirectory(
  dir: string,
  ecosystem: Ecosystem,
  options: IndexerOptions,
): Promise<BuildSummary> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => ARCHIVE_NAME.test(name));
  } catch (cause) {
    throw new AssayError('E_NOT_FOUND', `cannot read the directory ${dir}`, { cause });
  }
  const index = toIndex(options.store);
  const ranks = manifestRanks(dir);
  const date = existsSync(join(dir, 'MANIFEST.tsv'))
    ? statSync(join(dir, 'MANIFEST.tsv')).mtime.toISOString().slice(0, 10)
    : '';
  const jobs: Job[] = names.sort().map((name) => {
    const path = resolve(dir, name);
    const rank = ranks.get(path);
    return {
      label: name,
      target: path,
      ecosystem,
      ...(rank === undefined ? {} : { fallbackRank: { rank, source: 'corpus-manifest', date } }),
      alreadyIndexed: (analyzer: string) => {
        const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
        return index.isArtifactIndexed(sha256, analyzer);
      },
    };
  });
  return runJobs(jobs, { ...options, store: index });
}
