/**
 * Lazy, read-once access to the data snapshots in data/. Every lookup records which snapshot it
 * used, so the report can name each one with its source and date (DESIGN.md, "Data and honesty").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import * as pep440 from '@renovatebot/pep440';
import semver from 'semver';
import { z } from 'zod';
import { AssayError } from '../../core/errors.ts';
import { formatCount } from '../../core/format-count.ts';
import { memoize } from '../../core/memo.ts';
import { normalizePypiName } from '../../metadata/pep508.ts';
import type { Ecosystem } from '../../metadata/types.ts';
import {
  type MaliciousRow,
  type NpmHighImpactSnapshot,
  type PypiTopSnapshot,
  SNAPSHOT_FILES,
  type SnapshotHeader,
  type TyposquatSnapshot,
} from './format.ts';
import { type MaliciousHeader, MaliciousTable } from './malicious-table.ts';

export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../data/', import.meta.url));

/** Names whose malicious rows a store keeps, both ecosystems together (emptied when full). */
const MAX_REMEMBERED_NAMES = 20_000;

export type PopularityTier = 'top100' | 'top1k' | 'top10k' | 'top15k';

export type Popularity =
  | {
      readonly status: 'known';
      readonly rank: number;
      readonly downloads30d?: number;
      readonly tier: PopularityTier;
      /** Snapshot name (see snapshotsUsed()). */
      readonly source: string;
    }
  | {
      readonly status: 'unknown';
      /** How far down the snapshot reaches: below this, popularity is not known, not "low". */
      readonly coveredDownTo: {
        readonly rank: number;
        readonly downloads30d?: number;
        readonly weeklyDownloads?: number;
        readonly description: string;
      };
      readonly source: string;
    };

export interface MaliciousRecord {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly id: string;
  /** 'all' for every version; otherwise the versions listed or the OSV range events. */
  readonly affected:
    | { readonly kind: 'all' }
    | { readonly kind: 'versions'; readonly versions: readonly string[] }
    | {
        readonly kind: 'range';
        readonly events: readonly { readonly type: string; readonly version: string }[];
      };
  readonly source: string;
}

export interface SnapshotInfo {
  readonly name: string;
  readonly source: string;
  readonly sourceUrl: string;
  readonly revision: string;
  readonly date: string;
  readonly licence: string;
}

const header = z.object({
  name: z.string(),
  source: z.string(),
  sourceUrl: z.string(),
  sourceRevision: z.string(),
  sourceDate: z.string(),
  licence: z.string(),
  generated: z.string(),
  generatedFrom: z.enum(['shared-copy', 'network']),
  rows: z.number(),
});
// The rankings hold 15k and 18k entries: checked with one typeof loop each rather than element by element
// through zod, which cost about 50 ms per scan.
const strings = z.custom<string[]>(
  (value) => Array.isArray(value) && value.every((item) => typeof item === 'string'),
  'expected an array of strings',
);
const numbers = z.custom<number[]>(
  (value) => Array.isArray(value) && value.every((item) => typeof item === 'number'),
  'expected an array of numbers',
);
const pypiSchema = header.extend({ names: strings, downloads30d: numbers });
const npmSchema = header.extend({
  topDownload: strings,
  topDependent: strings,
  minWeeklyDownloads: z.number(),
  minDependents: z.number(),
});
// The 31k malicious rows stay in the file's bytes (malicious-table.ts); a row is checked when a look-up reads it.
const maliciousSchema = header.extend({
  withdrawnExcluded: z.number(),
  recordsOrder: z.literal('ecosystem-name').optional(),
});
const typosquatSchema = header.extend({
  pairs: z.array(z.tuple([z.string(), z.string(), z.enum(['pypi', 'npm']), z.string()])),
});

function tierOf(rank: number): PopularityTier {
  return rank <= 100 ? 'top100' : rank <= 1000 ? 'top1k' : rank <= 10_000 ? 'top10k' : 'top15k';
}

function infoOf(h: SnapshotHeader): SnapshotInfo {
  return {
    name: h.name,
    source: h.source,
    sourceUrl: h.sourceUrl,
    revision: h.sourceRevision,
    date: h.sourceDate,
    licence: h.licence,
  };
}

function parseAffected(raw: string): MaliciousRecord['affected'] {
  if (raw === '*') return { kind: 'all' };
  if (raw.startsWith('RANGE:')) {
    const events = raw
      .slice(6)
      .split(';')
      .map((e) => {
        const eq = e.indexOf('=');
        return { type: e.slice(0, eq), version: e.slice(eq + 1) };
      })
      .filter((e) => e.type !== '');
    // `introduced=0` alone, or among other introductions with nothing ever fixed, covers every version.
    if (
      events.some((e) => e.type === 'introduced' && e.version === '0') &&
      events.every((e) => e.type === 'introduced')
    )
      return { kind: 'all' };
    return { kind: 'range', events };
  }
  return { kind: 'versions', versions: raw.split(',').filter((v) => v !== '') };
}

function compareVersions(ecosystem: Ecosystem, a: string, b: string): number | undefined {
  if (a === b) return 0;
  if (ecosystem === 'pypi') {
    try {
      if (pep440.valid(a) === null || pep440.valid(b) === null) return undefined;
      return pep440.compare(a, b);
    } catch {
      return undefined;
    }
  }
  const va = semver.valid(a, { loose: true });
  const vb = semver.valid(b, { loose: true });
  return va === null || vb === null ? undefined : semver.compare(va, vb);
}

function sameVersion(ecosystem: Ecosystem, a: string, b: string): boolean {
  return a === b || compareVersions(ecosystem, a, b) === 0;
}

/**
 * OSV range semantics: each `introduced` opens an affected interval that the next `fixed` closes
 * (exclusive) or `last_affected` closes (inclusive); an interval left open runs to the newest version.
 */
function inRange(
  ecosystem: Ecosystem,
  version: string,
  events: readonly { type: string; version: string }[],
): boolean {
  let open: string | undefined;
  const hit = (lo: string, hi: string | undefined, inclusive: boolean): boolean => {
    const low = lo === '0' ? 1 : compareVersions(ecosystem, version, lo);
    if (low === undefined || low < 0) return false;
    if (hi === undefined) return true;
    const high = compareVersions(ecosystem, version, hi);
    return high !== undefined && (inclusive ? high <= 0 : high < 0);
  };
  for (const e of events) {
    if (e.type === 'introduced') {
      if (open !== undefined && hit(open, undefined, false)) return true;
      open = e.version;
    } else if ((e.type === 'fixed' || e.type === 'last_affected') && open !== undefined) {
      if (hit(open, e.version, e.type === 'last_affected')) return true;
      open = undefined;
    } else if (e.type === 'limit') {
      open = undefined;
    }
  }
  return open !== undefined && hit(open, undefined, false);
}

export function recordAffects(record: MaliciousRecord, version: string): boolean {
  const a = record.affected;
  if (a.kind === 'all') return true;
  if (a.kind === 'versions') return a.versions.some((v) => sameVersion(record.ecosystem, v, version));
  return inRange(record.ecosystem, version, a.events);
}

/** One set of snapshots read from one directory; each file is read on first use and kept. */
export class SnapshotStore {
  private pypi?: PypiTopSnapshot & { readonly rankOf: Map<string, number> };
  private npm?: NpmHighImpactSnapshot & {
    readonly rankOf: Map<string, number>;
    readonly dependents: Set<string>;
  };
  private malicious?: { readonly header: MaliciousHeader; readonly table: MaliciousTable };
  /** Rows already looked up, by name: an indexer meets the same dependency names again and again (core/memo.ts). */
  private readonly maliciousRowsOf: Readonly<Record<Ecosystem, (name: string) => readonly MaliciousRow[]>> = {
    npm: memoize((name) => this.maliciousSnapshot().table.rows('npm', name), MAX_REMEMBERED_NAMES / 2),
    pypi: memoize((name) => this.maliciousSnapshot().table.rows('pypi', name), MAX_REMEMBERED_NAMES / 2),
  };
  private typosquats?: TyposquatSnapshot;
  private readonly used = new Map<string, SnapshotInfo>();

  constructor(readonly dir: string = DEFAULT_DATA_DIR) {}

  /** A data file's bytes, decompressed when its name ends in .gz. */
  private bytesOf(path: string): Buffer {
    try {
      const bytes = readFileSync(path);
      return path.endsWith('.gz') ? gunzipSync(bytes, { maxOutputLength: 256 * 1024 * 1024 }) : bytes;
    } catch (cause) {
      throw new AssayError(
        'E_CONFIG',
        `data snapshot ${path} is missing or unreadable (run npm run data:update)`,
        { cause },
      );
    }
  }

  private read<T extends SnapshotHeader>(file: string, schema: z.ZodType<T>): T {
    const path = join(this.dir, file);
    const bytes = this.bytesOf(path);
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8'));
    } catch (cause) {
      throw new AssayError('E_CONFIG', `data snapshot ${path} is not valid JSON`, { cause });
    }
    const result = schema.safeParse(parsed);
    if (!result.success)
      throw new AssayError('E_CONFIG', `data snapshot ${path} does not have the expected shape`);
    return result.data;
  }

  private note(h: SnapshotHeader): void {
    if (!this.used.has(h.name)) this.used.set(h.name, infoOf(h));
  }

  pypiTop(): PypiTopSnapshot & { readonly rankOf: ReadonlyMap<string, number> } {
    if (this.pypi === undefined) {
      const snap = this.read(SNAPSHOT_FILES.pypiTop, pypiSchema);
      const rankOf = new Map<string, number>();
      snap.names.forEach((n, i) => {
        if (!rankOf.has(n)) rankOf.set(n, i + 1);
      });
      this.pypi = { ...snap, rankOf };
    }
    return this.pypi;
  }

  npmHighImpact(): NpmHighImpactSnapshot & {
    readonly rankOf: ReadonlyMap<string, number>;
    readonly dependents: ReadonlySet<string>;
  } {
    if (this.npm === undefined) {
      const snap = this.read(SNAPSHOT_FILES.npmHighImpact, npmSchema);
      const rankOf = new Map<string, number>();
      snap.topDownload.forEach((n, i) => {
        if (!rankOf.has(n)) rankOf.set(n, i + 1);
      });
      this.npm = { ...snap, rankOf, dependents: new Set(snap.topDependent) };
    }
    return this.npm;
  }

  typosquatPairs(): TyposquatSnapshot {
    this.typosquats ??= this.read(SNAPSHOT_FILES.typosquats, typosquatSchema);
    return this.typosquats;
  }

  /** Marks a snapshot as used by the caller (typosquat checks use the rankings and the pairs). */
  markUsed(h: SnapshotHeader): void {
    this.note(h);
  }

  popularity(ecosystem: Ecosystem, name: string): Popularity {
    if (ecosystem === 'pypi') {
      const snap = this.pypiTop();
      this.note(snap);
      const rank = snap.rankOf.get(normalizePypiName(name));
      if (rank !== undefined) {
        const downloads30d = snap.downloads30d[rank - 1];
        return {
          status: 'known',
          rank,
          ...(downloads30d === undefined ? {} : { downloads30d }),
          tier: tierOf(rank),
          source: snap.name,
        };
      }
      const last = snap.names.length;
      const floor = snap.downloads30d[last - 1];
      return {
        status: 'unknown',
        coveredDownTo: {
          rank: last,
          ...(floor === undefined ? {} : { downloads30d: floor }),
          description: `the ${last} most downloaded PyPI projects (${floor ?? '?'} downloads in 30 days and above)`,
        },
        source: snap.name,
      };
    }
    const snap = this.npmHighImpact();
    this.note(snap);
    const rank = snap.rankOf.get(name);
    if (rank !== undefined) return { status: 'known', rank, tier: tierOf(rank), source: snap.name };
    return {
      status: 'unknown',
      coveredDownTo: {
        rank: snap.topDownload.length,
        weeklyDownloads: snap.minWeeklyDownloads,
        description: `the ${snap.topDownload.length} npm packages with at least ${formatCount(snap.minWeeklyDownloads)} downloads a week`,
      },
      source: snap.name,
    };
  }

  /** Whether an npm package is among those with the most dependents (≥ 500 in the snapshot). */
  isInHighDependents(name: string): boolean {
    const snap = this.npmHighImpact();
    this.note(snap);
    return snap.dependents.has(name);
  }

  /** The malicious-package table: its header checked, its records left in the file's bytes. */
  private maliciousSnapshot(): { readonly header: MaliciousHeader; readonly table: MaliciousTable } {
    if (this.malicious === undefined) {
      const path = join(this.dir, SNAPSHOT_FILES.malicious);
      let table: MaliciousTable;
      try {
        table = MaliciousTable.open(path);
      } catch (cause) {
        const unreadable = cause instanceof Error && 'code' in cause;
        throw new AssayError(
          'E_CONFIG',
          unreadable
            ? `data snapshot ${path} is missing or unreadable (run npm run data:update)`
            : `data snapshot ${path} is not valid JSON`,
          { cause },
        );
      }
      const result = maliciousSchema.safeParse(table.header);
      if (!result.success)
        throw new AssayError('E_CONFIG', `data snapshot ${path} does not have the expected shape`);
      this.malicious = { header: result.data, table };
    }
    return this.malicious;
  }

  /**
   * Malicious-package records for a name; with a version, only those whose affected versions
   * include it. Withdrawn records are not in the snapshot at all.
   */
  maliciousRecords(ecosystem: Ecosystem, name: string, version?: string): MaliciousRecord[] {
    const { header } = this.maliciousSnapshot();
    this.note(header);
    const rows = this.maliciousRowsOf[ecosystem](ecosystem === 'pypi' ? normalizePypiName(name) : name);
    const records = rows.map(
      ([eco, n, id, affected]): MaliciousRecord => ({
        ecosystem: eco,
        name: n,
        id,
        affected: parseAffected(affected),
        source: header.name,
      }),
    );
    return version === undefined ? records : records.filter((r) => recordAffects(r, version));
  }

  /** The snapshots that lookups have used so far, for the report's data section. */
  snapshotsUsed(): SnapshotInfo[] {
    return [...this.used.values()];
  }

  /** Every snapshot, loaded or not (for `assay data` style listings). */
  allSnapshots(): SnapshotInfo[] {
    this.pypiTop();
    this.npmHighImpact();
    this.maliciousSnapshot();
    this.typosquatPairs();
    return [this.pypi, this.npm, this.malicious?.header, this.typosquats]
      .filter((h): h is NonNullable<typeof h> => h !== undefined)
      .map(infoOf);
  }
}

let defaultStore: SnapshotStore | undefined;

/** The process-wide store over data/; tests build their own SnapshotStore instead. */
export function snapshots(): SnapshotStore {
  defaultStore ??= new SnapshotStore();
  return defaultStore;
}

export function popularity(ecosystem: Ecosystem, name: string): Popularity {
  return snapshots().popularity(ecosystem, name);
}

export function isInHighDependents(name: string): boolean {
  return snapshots().isInHighDependents(name);
}

export function maliciousRecords(ecosystem: Ecosystem, name: string, version?: string): MaliciousRecord[] {
  return snapshots().maliciousRecords(ecosystem, name, version);
}

export function snapshotsUsed(): SnapshotInfo[] {
  return snapshots().snapshotsUsed();
}
