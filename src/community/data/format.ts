/**
 * The on-disk shape of the data snapshots in data/. Each file carries its own provenance so that a
 * report can name the source and date of every figure it shows.
 */

export interface SnapshotHeader {
  /** Stable short name, used in reports (`pypi-top`, `npm-high-impact`, `ossf-malicious`, `typosquat-pairs`). */
  readonly name: string;
  readonly source: string;
  readonly sourceUrl: string;
  /** The commit or package version the data was taken from. */
  readonly sourceRevision: string;
  /** When the source data was current (ISO date), or 'undated' when the source does not say. */
  readonly sourceDate: string;
  readonly licence: string;
  /** When this snapshot file was generated, and from where (`shared copy` or `network`). */
  readonly generated: string;
  readonly generatedFrom: 'shared-copy' | 'network';
  readonly rows: number;
}

/** Top PyPI projects by 30-day downloads; rank is the array index + 1. */
export interface PypiTopSnapshot extends SnapshotHeader {
  /** PEP 503 normalized names, most downloaded first. */
  readonly names: readonly string[];
  readonly downloads30d: readonly number[];
}

/** npm high-impact lists: ordered names, no counts. */
export interface NpmHighImpactSnapshot extends SnapshotHeader {
  /** Names with at least 1M weekly downloads, most downloaded first. */
  readonly topDownload: readonly string[];
  /** Names with at least 500 dependents. */
  readonly topDependent: readonly string[];
  readonly minWeeklyDownloads: number;
  readonly minDependents: number;
}

/**
 * One malicious-package record, compact: [ecosystem, name, osv id, affected].
 * `affected` is '*' for every version, `v1,v2,…` for an explicit list, or `RANGE:introduced=…;fixed=…` events.
 */
export type MaliciousRow = readonly [ecosystem: 'pypi' | 'npm', name: string, id: string, affected: string];

/**
 * The malicious-package snapshot as the data build makes it. On disk it is a sorted table searched in place
 * (data/ossf-malicious.tsv, see malicious-table.ts): the header line holds every field but `records`.
 */
export interface MaliciousSnapshot extends SnapshotHeader {
  /** One record per line, fields separated by tabs, in MaliciousRow order; names never hold tabs or newlines. */
  readonly records: string;
  /** Records the source withdrew (false reports); excluded from `records`, counted here. */
  readonly withdrawnExcluded: number;
  /**
   * Set by the data build, which writes the lines sorted by `ecosystem<TAB>name<TAB>`: look-ups then trust the
   * order. A snapshot without it (made by hand) is put in order when it is loaded.
   */
  readonly recordsOrder?: 'ecosystem-name';
}

/** [squat, target, ecosystem, technique]. */
export type TyposquatPair = readonly [
  squat: string,
  target: string,
  ecosystem: 'pypi' | 'npm',
  technique: string,
];

export interface TyposquatSnapshot extends SnapshotHeader {
  readonly pairs: readonly TyposquatPair[];
}

export const SNAPSHOT_FILES = {
  pypiTop: 'pypi-top.json',
  npmHighImpact: 'npm-high-impact.json',
  malicious: 'ossf-malicious.tsv',
  typosquats: 'typosquat-pairs.json',
} as const;
