/**
 * Names that imitate a popular package (hunting: TH30108). The popular names come from the
 * snapshots (PyPI top 10k, npm high-impact); every lookup is an index probe, so a project with a
 * thousand dependencies is checked in milliseconds.
 */
import { normalizePypiName } from '../metadata/pep508.ts';
import type { Ecosystem } from '../metadata/types.ts';
import { type SnapshotStore, snapshots } from './data/snapshots.ts';

export type TyposquatTechnique =
  | 'known-pair'
  | 'separator'
  | 'homoglyph'
  | 'affix'
  | 'scope-confusion'
  | 'transposition'
  | 'repetition'
  | 'omission'
  | 'addition'
  | 'substitution'
  | 'edit-distance';

export interface Impersonation {
  /** The popular package being imitated. */
  readonly target: string;
  readonly technique: TyposquatTechnique;
  /** Damerau-Levenshtein (optimal string alignment) distance between the two names. */
  readonly distance: number;
  /** The target's rank in the snapshot it comes from. */
  readonly targetRank?: number;
  /** For known pairs, the technique the data set names. */
  readonly knownTechnique?: string;
}

/** PyPI projects beyond this rank are not "popular" enough to be worth imitating for our purpose. */
const PYPI_POPULAR_RANK = 10_000;
/** A ranked name is flagged only when its target has this many times its downloads (PyPI has counts). */
const PYPI_DOWNLOAD_RATIO = 1000;
const MAX_NAME_LENGTH = 214;

/** Optimal string alignment distance with an early exit above `max`. */
export function osaDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n] ?? max + 1;
}

function maxDistanceFor(target: string): number {
  return target.length >= 10 ? 2 : target.length >= 5 ? 1 : 0;
}

const stripSeparators = (n: string): string => n.replace(/[-_.]/g, '');

/** Characters and pairs that render alike in common fonts (and Cyrillic letters that copy Latin ones). */
const GLYPHS: Readonly<Record<string, string>> = {
  rn: 'm',
  vv: 'w',
  cl: 'd',
  '0': 'o',
  '1': 'l',
  '|': 'l',
  '3': 'e',
  '5': 's',
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  х: 'x',
  у: 'y',
  і: 'i',
};
const GLYPH_RE = /rn|vv|cl|[01|35аеорсхуі]/g;

export function glyphSkeleton(name: string): string {
  return stripSeparators(name).replace(GLYPH_RE, (m) => GLYPHS[m] ?? m);
}

const PREFIXES = ['python-', 'python', 'py-', 'py', 'node-', 'js-'];
const SUFFIXES = ['-python', '-py', 'py', '-js', '.js', 'js', '-node', '-lib'];

/** The name without one ecosystem-flavoured prefix or suffix; undefined when it has none or too little is left. */
function stripAffix(name: string): string[] {
  const out: string[] = [];
  for (const p of PREFIXES)
    if (name.startsWith(p) && name.length - p.length >= 4) out.push(name.slice(p.length));
  for (const s of SUFFIXES)
    if (name.endsWith(s) && name.length - s.length >= 4) out.push(name.slice(0, -s.length));
  return out;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

const BASE = 131;
const POW: number[] = [1];
function pow(k: number): number {
  while (POW.length <= k) POW.push(Math.imul(POW[POW.length - 1] ?? 1, BASE));
  return POW[k] ?? 1;
}

/**
 * Polynomial hashes (mod 2^32) of a string and of its one- and two-character deletions, computed from
 * prefix hashes without building the strings. Hashing deletions instead of storing them as strings
 * keeps the index build and each probe free of string allocation; collisions are harmless because
 * every candidate is verified with the real edit distance.
 */
class DeletionHasher {
  private readonly prefix: number[];

  constructor(readonly text: string) {
    this.prefix = [0];
    for (let k = 0; k < text.length; k++)
      this.prefix.push((Math.imul(this.prefix[k] ?? 0, BASE) + text.charCodeAt(k)) | 0);
  }

  private seg(l: number, r: number): number {
    return ((this.prefix[r] ?? 0) - Math.imul(this.prefix[l] ?? 0, pow(r - l))) | 0;
  }

  private static key(hash: number, length: number): number {
    return (hash + Math.imul(length, 0x01000193)) | 0;
  }

  whole(): number {
    return DeletionHasher.key(this.seg(0, this.text.length), this.text.length);
  }

  /** Hash of the text without character i. */
  without(i: number): number {
    const n = this.text.length;
    const h = (Math.imul(this.seg(0, i), pow(n - i - 1)) + this.seg(i + 1, n)) | 0;
    return DeletionHasher.key(h, n - 1);
  }

  /** Hash of the text without characters i < j. */
  without2(i: number, j: number): number {
    const n = this.text.length;
    const left = (Math.imul(this.seg(0, i), pow(j - i - 1)) + this.seg(i + 1, j)) | 0;
    const h = (Math.imul(left, pow(n - j - 1)) + this.seg(j + 1, n)) | 0;
    return DeletionHasher.key(h, n - 2);
  }
}

/**
 * Hashed deletion neighbourhoods of the popular names: key → name id. An open-addressing table over
 * typed arrays (about 300k keys per ecosystem) avoids a Map's per-entry allocation and GC cost;
 * the rare key shared by several names keeps its ids in a side map.
 */
class DeletionIndex {
  private readonly keys: Int32Array;
  /** -1 empty, -2 several ids (see `multi`), otherwise the one name id. */
  private readonly vals: Int32Array;
  private readonly shift: number;
  private readonly mask: number;
  private readonly multi = new Map<number, number[]>();
  readonly names: string[] = [];

  constructor(expectedKeys: number) {
    const bits = Math.max(10, Math.ceil(Math.log2(Math.max(1, expectedKeys) * 2)));
    this.keys = new Int32Array(1 << bits);
    this.vals = new Int32Array(1 << bits).fill(-1);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
  }

  private slot(key: number): number {
    let i = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.vals[i] !== -1 && this.keys[i] !== key) i = (i + 1) & this.mask;
    return i;
  }

  add(name: string): void {
    const id = this.names.push(name) - 1;
    const h = new DeletionHasher(name);
    this.put(h.whole(), id);
    for (let i = 0; i < name.length; i++) this.put(h.without(i), id);
  }

  private put(key: number, id: number): void {
    const i = this.slot(key);
    const cur = this.vals[i] ?? -1;
    if (cur === -1) {
      this.keys[i] = key;
      this.vals[i] = id;
    } else if (cur >= 0) {
      if (cur !== id) {
        this.multi.set(key, [cur, id]);
        this.vals[i] = -2;
      }
    } else {
      const list = this.multi.get(key);
      if (list !== undefined && list[list.length - 1] !== id) list.push(id);
    }
  }

  ids(key: number): number | readonly number[] | undefined {
    const v = this.vals[this.slot(key)] ?? -1;
    return v === -1 ? undefined : v >= 0 ? v : this.multi.get(key);
  }
}

interface EcosystemIndex {
  /** Popular names (the ones worth imitating) with their rank. */
  readonly popular: ReadonlyMap<string, number>;
  /** Every ranked name (PyPI: all 15k; npm: the high-impact union) and PyPI downloads. */
  readonly ranked: ReadonlyMap<string, number>;
  readonly downloads?: readonly number[];
  readonly bySeparators: Map<string, string[]>;
  readonly byGlyphs: Map<string, string[]>;
  readonly byAffix: Map<string, string[]>;
  readonly byDeletion: DeletionIndex;
  readonly scopes: Map<string, string[]>;
  readonly byJoinedScope: Map<string, string[]>;
  readonly pairs: Map<string, { target: string; technique: string }>;
}

export class TyposquatDetector {
  private readonly indexes = new Map<Ecosystem, EcosystemIndex>();

  constructor(private readonly store: SnapshotStore = snapshots()) {}

  private index(ecosystem: Ecosystem): EcosystemIndex {
    const ready = this.indexes.get(ecosystem);
    if (ready !== undefined) return ready;
    const popular = new Map<string, number>();
    const ranked = new Map<string, number>();
    let downloads: readonly number[] | undefined;
    if (ecosystem === 'pypi') {
      const snap = this.store.pypiTop();
      this.store.markUsed(snap);
      snap.names.forEach((n, i) => {
        ranked.set(n, i + 1);
        if (i < PYPI_POPULAR_RANK) popular.set(n, i + 1);
      });
      downloads = snap.downloads30d;
    } else {
      const snap = this.store.npmHighImpact();
      this.store.markUsed(snap);
      snap.topDownload.forEach((n, i) => {
        popular.set(n.toLowerCase(), i + 1);
      });
      // Names that are only in the dependents list rank after every download-ranked name.
      snap.topDependent.forEach((n, i) => {
        const k = n.toLowerCase();
        if (!popular.has(k)) popular.set(k, snap.topDownload.length + i + 1);
      });
      for (const [k, v] of popular) ranked.set(k, v);
    }
    const idx: EcosystemIndex = {
      popular,
      ranked,
      ...(downloads === undefined ? {} : { downloads }),
      bySeparators: new Map(),
      byGlyphs: new Map(),
      byAffix: new Map(),
      byDeletion: new DeletionIndex([...popular.keys()].reduce((sum, n) => sum + n.length + 1, 0)),
      scopes: new Map(),
      byJoinedScope: new Map(),
      pairs: new Map(),
    };
    for (const name of popular.keys()) {
      push(idx.bySeparators, stripSeparators(name), name);
      push(idx.byGlyphs, glyphSkeleton(name), name);
      for (const s of stripAffix(name)) push(idx.byAffix, s, name);
      if (maxDistanceFor(name) > 0) idx.byDeletion.add(name);
      const scoped = /^@([^/]+)\/(.+)$/.exec(name);
      if (scoped !== null) {
        push(idx.scopes, scoped[1] ?? '', name);
        push(idx.byJoinedScope, stripSeparators(`${scoped[1]}${scoped[2]}`), name);
      }
    }
    const pairsSnap = this.store.typosquatPairs();
    this.store.markUsed(pairsSnap);
    for (const [squat, target, eco, technique] of pairsSnap.pairs)
      if (eco === ecosystem) idx.pairs.set(squat, { target, technique });
    this.indexes.set(ecosystem, idx);
    return idx;
  }

  /** The best (most popular) target among candidates, excluding the name itself. */
  private best(idx: EcosystemIndex, name: string, candidates: Iterable<string>): string | undefined {
    let best: string | undefined;
    let bestRank = Number.POSITIVE_INFINITY;
    for (const c of candidates) {
      if (c === name) continue;
      const r = idx.popular.get(c) ?? Number.POSITIVE_INFINITY;
      if (r < bestRank) {
        best = c;
        bestRank = r;
      }
    }
    return best;
  }

  /** A ranked name is itself popular; it imitates nothing unless its target dwarfs it. */
  private outranked(idx: EcosystemIndex, name: string, target: string): boolean {
    const own = idx.ranked.get(name);
    if (own === undefined) return true;
    if (idx.downloads === undefined) return false;
    const mine = idx.downloads[own - 1] ?? 0;
    const theirs = idx.downloads[(idx.popular.get(target) ?? 0) - 1] ?? 0;
    return theirs >= mine * PYPI_DOWNLOAD_RATIO;
  }

  private result(
    idx: EcosystemIndex,
    name: string,
    target: string,
    technique: TyposquatTechnique,
  ): Impersonation {
    const rank = idx.popular.get(target);
    return {
      target,
      technique,
      distance: osaDistance(name, target),
      ...(rank === undefined ? {} : { targetRank: rank }),
    };
  }

  find(ecosystem: Ecosystem, rawName: string): Impersonation | null {
    if (rawName.length === 0 || rawName.length > MAX_NAME_LENGTH) return null;
    const name = ecosystem === 'pypi' ? normalizePypiName(rawName) : rawName.trim().toLowerCase();
    const idx = this.index(ecosystem);
    const pair = idx.pairs.get(name);
    if (pair !== undefined) {
      return { ...this.result(idx, name, pair.target, 'known-pair'), knownTechnique: pair.technique };
    }
    if (idx.popular.has(name)) return null;
    const accept = (target: string | undefined, technique: TyposquatTechnique): Impersonation | null =>
      target !== undefined && this.outranked(idx, name, target)
        ? this.result(idx, name, target, technique)
        : null;

    const bySep = accept(
      this.best(idx, name, idx.bySeparators.get(stripSeparators(name)) ?? []),
      'separator',
    );
    if (bySep !== null) return bySep;
    const byGlyph = accept(this.best(idx, name, idx.byGlyphs.get(glyphSkeleton(name)) ?? []), 'homoglyph');
    if (byGlyph !== null) return byGlyph;
    if (ecosystem === 'npm') {
      const scope = this.scopeConfusion(idx, name);
      if (scope !== undefined) {
        const r = accept(scope, 'scope-confusion');
        if (r !== null) return r;
      }
    }
    const affixTargets = [
      ...stripAffix(name).filter((s) => idx.popular.has(s)),
      ...(idx.byAffix.get(name) ?? []),
    ];
    const byAffix = accept(this.best(idx, name, affixTargets), 'affix');
    if (byAffix !== null) return byAffix;
    return this.byEditDistance(idx, name);
  }

  /** `types-react` for `@types/react`; `@typescript_eslinter/x` for the `@typescript-eslint` scope. */
  private scopeConfusion(idx: EcosystemIndex, name: string): string | undefined {
    const scoped = /^@([^/]+)\/(.+)$/.exec(name);
    if (scoped === null) return this.best(idx, name, idx.byJoinedScope.get(stripSeparators(name)) ?? []);
    const [, scope = '', base = ''] = scoped;
    if (idx.scopes.has(scope)) return undefined;
    let closest: string | undefined;
    let closestDistance = 3;
    for (const known of idx.scopes.keys()) {
      const d = osaDistance(stripSeparators(scope), stripSeparators(known), 2);
      if (d < closestDistance || (d === closestDistance && closest !== undefined && known < closest)) {
        closest = known;
        closestDistance = d;
      }
    }
    if (closest === undefined || Math.min(scope.length, closest.length) < 4) return undefined;
    const members = idx.scopes.get(closest) ?? [];
    const same = members.find((m) => m === `@${closest}/${base}`);
    if (same !== undefined) return same;
    const related = members.filter((m) => m.slice(closest.length + 2).includes(base));
    return this.best(idx, name, related.length > 0 ? related : members);
  }

  private byEditDistance(idx: EcosystemIndex, name: string): Impersonation | null {
    if (name.length < 4) return null;
    // Symmetric delete: the name's deletions (up to 2) probed against the popular names' deletions (up to 1).
    const seen = new Set<number>();
    let best: { target: string; distance: number; rank: number } | undefined;
    const probe = (key: number): void => {
      const hit = idx.byDeletion.ids(key);
      if (hit === undefined) return;
      for (const id of typeof hit === 'number' ? [hit] : hit) {
        if (seen.has(id)) continue;
        seen.add(id);
        const target = idx.byDeletion.names[id] ?? '';
        if (target === name) continue;
        const max = maxDistanceFor(target);
        const distance = osaDistance(name, target, max);
        if (distance > max) continue;
        const rank = idx.popular.get(target) ?? Number.POSITIVE_INFINITY;
        if (
          best === undefined ||
          distance < best.distance ||
          (distance === best.distance && rank < best.rank)
        )
          best = { target, distance, rank };
      }
    };
    // Symmetric delete: the name and its deletions (two deep for long names) probed against the
    // popular names and their single deletions, all as hashes.
    const n = name.length;
    const h = new DeletionHasher(name);
    probe(h.whole());
    for (let i = 0; i < n; i++) {
      if (i > 0 && name[i] === name[i - 1]) continue;
      probe(h.without(i));
      if (n < 9) continue;
      for (let j = i + 1; j < n; j++) if (j === i + 1 || name[j] !== name[j - 1]) probe(h.without2(i, j));
    }
    if (best === undefined || !this.outranked(idx, name, best.target)) return null;
    return this.result(idx, name, best.target, classifyEdit(name, best.target, best.distance));
  }
}

function classifyEdit(name: string, target: string, distance: number): TyposquatTechnique {
  if (distance !== 1) return 'edit-distance';
  if (name.length === target.length) {
    for (let i = 0; i < name.length - 1; i++) {
      if (name[i] !== target[i])
        return name[i] === target[i + 1] && name[i + 1] === target[i] ? 'transposition' : 'substitution';
    }
    return 'substitution';
  }
  if (name.length < target.length) return 'omission';
  let i = 0;
  while (i < target.length && name[i] === target[i]) i++;
  const added = name[i];
  return added === name[i - 1] || added === name[i + 1] ? 'repetition' : 'addition';
}

let defaultDetector: TyposquatDetector | undefined;

/** Whether `name` imitates a popular package of the ecosystem, and which one; null when it does not. */
export function findImpersonation(ecosystem: Ecosystem, name: string): Impersonation | null {
  defaultDetector ??= new TyposquatDetector();
  return defaultDetector.find(ecosystem, name);
}
