/**
 * What a scan reads: prevalence figures for a report, and the index's own popularity facts for the
 * policies. The user's community index wins when it holds packages of the ecosystem; otherwise the
 * shipped snapshot; otherwise nothing ("no information", never zero).
 */
import { existsSync } from 'node:fs';
import type { Ecosystem } from '../../metadata/types.ts';
import { resolveDbPath } from '../../store/paths.ts';
import { toPrevalence } from './bands.ts';
import { DEFAULT_PREVALENCE_DIR, DEPENDENTS_MIN, loadShippedSnapshot, snapshotCounts } from './snapshot.ts';
import { openCommunityStore } from './sqlite.ts';
import type {
  CommunityStore,
  FindingKind,
  Prevalence,
  PrevalenceIndexInfo,
  RankInfo,
  TierCounts,
} from './types.ts';

export type { PrevalenceIndexInfo };

/**
 * How many packages of the index depend on a name. A snapshot keeps only names with at least DEPENDENTS_MIN
 * dependents, so for any other name it can only say "fewer than" that (`below`).
 */
export interface DependentsCount {
  readonly count: number;
  readonly below?: number;
}

export interface PrevalenceLookup {
  /** The index the figures come from, for the report's data section; null when there is none. */
  readonly index: PrevalenceIndexInfo | null;
  prevalenceOf(kind: FindingKind, id: string): Prevalence | null;
  /** Dependents of a name among the index's packages; null when the index records no dependency edges. */
  readonly dependentsOf: ((name: string) => DependentsCount) | null;
}

export interface LookupOptions {
  /** `--db`; else ASSAY_DB, else the cache directory (see resolveDbPath). */
  readonly db?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where the shipped snapshots are; else ASSAY_PREVALENCE_DIR, else data/prevalence/ (tests use their own). */
  readonly snapshotDir?: string;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** No index for the ecosystem: every figure reads "no information", never zero. */
export const NO_PREVALENCE: PrevalenceLookup = {
  index: null,
  prevalenceOf: () => null,
  dependentsOf: null,
};

function fromCounts(
  index: PrevalenceIndexInfo,
  counts: (kind: FindingKind, id: string) => TierCounts | null,
  dependentsOf: ((name: string) => DependentsCount) | null,
): PrevalenceLookup {
  return {
    index,
    prevalenceOf: (kind, id) => {
      const found = counts(kind, id);
      return found === null ? null : toPrevalence(found, index.packages);
    },
    dependentsOf,
  };
}

/** The user's community index for this ecosystem, read whole (a few hundred rows) and closed again. */
function fromDatabase(ecosystem: Ecosystem, path: string): PrevalenceLookup | null {
  if (!existsSync(path)) return null;
  const store = openCommunityStore(path);
  try {
    const state = store.state(ecosystem);
    if (state === null || state.packages.community === 0 || state.analyzerVersion === null) return null;
    const all = store.allPrevalence(ecosystem);
    // Dependents are asked per component, only when a scan has components: one indexed query each on the
    // store communityFacts keeps open, rather than every count of the index read up front.
    const facts = communityFacts({ db: path, env: {} });
    return fromCounts(
      {
        name: `local community index (${path})`,
        ecosystem,
        packages: state.packages,
        built: state.refreshedAt ?? '',
        analyzerVersion: state.analyzerVersion,
      },
      (kind, id) => all[kind].get(id) ?? null,
      (name) => ({ count: facts.dependentsCount(ecosystem, name) ?? 0 }),
    );
  } finally {
    store.close();
  }
}

function snapshotDependents(dependents: Readonly<Record<string, number>>): (name: string) => DependentsCount {
  return (name) => {
    const count = Object.hasOwn(dependents, name) ? dependents[name] : undefined;
    return count === undefined ? { count: 0, below: DEPENDENTS_MIN } : { count };
  };
}

function fromSnapshot(ecosystem: Ecosystem, dir: string): PrevalenceLookup | null {
  const snapshot = loadShippedSnapshot(ecosystem, dir);
  if (snapshot === null) return null;
  return fromCounts(
    {
      name: `${snapshot.name} (${snapshot.corpus})`,
      ecosystem,
      packages: snapshot.packages,
      built: snapshot.built,
      analyzerVersion: snapshot.analyzerVersion,
    },
    (kind, id) => snapshotCounts(snapshot, kind, id),
    snapshot.dependents === undefined ? null : snapshotDependents(snapshot.dependents),
  );
}

/** The prevalence source for a report on a package of this ecosystem. */
export function prevalenceLookup(ecosystem: Ecosystem, options: LookupOptions): PrevalenceLookup {
  return (
    fromDatabase(ecosystem, resolveDbPath(options.db, options.env)) ??
    fromSnapshot(
      ecosystem,
      options.snapshotDir ?? nonEmpty(options.env['ASSAY_PREVALENCE_DIR']) ?? DEFAULT_PREVALENCE_DIR,
    ) ??
    NO_PREVALENCE
  );
}

/**
 * The index's own popularity facts, for the "rarely included" and "low popularity" policies. Both
 * answer null when the index holds nothing for the ecosystem: no data is not the same as "rare".
 */
export interface CommunityFacts {
  /** Packages of the index whose latest version depends on `name` (dev dependencies left out). */
  dependentsCount(ecosystem: Ecosystem, name: string): number | null;
  /** The best rank the index holds for `name`, with its source and date. */
  rankOf(ecosystem: Ecosystem, name: string): RankInfo | null;
}

export function communityFactsFrom(store: CommunityStore): CommunityFacts {
  const has = new Map<Ecosystem, boolean>();
  const hasData = (ecosystem: Ecosystem): boolean => {
    let known = has.get(ecosystem);
    if (known === undefined) {
      const state = store.state(ecosystem);
      known = state !== null && (state.packages.community > 0 || state.stale);
      has.set(ecosystem, known);
    }
    return known;
  };
  return {
    dependentsCount: (ecosystem, name) =>
      hasData(ecosystem) ? store.dependentsCount(ecosystem, name) : null,
    rankOf: (ecosystem, name) => (hasData(ecosystem) ? store.rankOf(ecosystem, name) : null),
  };
}

const opened = new Map<string, CommunityFacts>();

/**
 * The facts of the user's index (`--db`, ASSAY_DB or the default path), opened once per process and
 * kept open; a missing database answers null everywhere and creates nothing.
 */
export function communityFacts(
  options: { readonly db?: string; readonly env?: Readonly<Record<string, string | undefined>> } = {},
): CommunityFacts {
  const path = resolveDbPath(options.db, options.env ?? process.env);
  let facts = opened.get(path);
  if (facts === undefined) {
    facts = existsSync(path)
      ? communityFactsFrom(openCommunityStore(path))
      : { dependentsCount: () => null, rankOf: () => null };
    opened.set(path, facts);
  }
  return facts;
}

export function dependentsCount(ecosystem: Ecosystem, name: string): number | null {
  return communityFacts().dependentsCount(ecosystem, name);
}

export function rankOf(ecosystem: Ecosystem, name: string): RankInfo | null {
  return communityFacts().rankOf(ecosystem, name);
}
