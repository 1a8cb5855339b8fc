/**
 * Names that imitate a popular package (hunting: TH30108). The popular names come from the
 * snapshots (PyPI top 10k, npm high-impact); every lookup is an index probe, so a project with a
 * thousand dependencies is checked in milliseconds.
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { type SnapshotStore, snapshots } from '../community/data/snapshots.ts';
import { readExactly } from '../core/block-file.ts';
import { memoize } from '../core/memo.ts';
import { normalizePypiName } from '../metadata/pep508.ts';
import type { Ecosystem } from '../metadata/types.ts';

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

/** Answers a detector keeps, both ecosystems together (see TyposquatDetector.find). */
const MAX_REMEMBERED_ANSWERS = 20_000;

/** PyPI projects beyond this rank are not "popular" enough to be worth imitating for our purpose. */
const PYPI_POPULAR_RANK = 10_000;
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
// Escaped so that the bundle stays ASCII (bin/load-bundle.js reads it as latin1).
const GLYPH_RE = /rn|vv|cl|[01|35\u0430\u0435\u043e\u0440\u0441\u0445\u0443\u0456]/g;

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
  private readonly prefix: Int32Array;

  constructor(readonly text: string) {
    this.prefix = new Int32Array(text.length + 1);
    for (let k = 0; k < text.length; k++)
      this.prefix[k + 1] = (Math.imul(this.prefix[k] ?? 0, BASE) + text.charCodeAt(k)) | 0;
  }

  private seg(l: number, r: number): number {
    return ((this.prefix[r] ?? 0) - Math.imul(this.prefix[l] ?? 0, pow(r - l))) | 0;
  }

  static key(hash: number, length: number): number {
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

/** The other kinds of key share the deletion table under their own salt (0 is the deletions' own). */
const KIND_SEPARATORS = 0x2545f491;
const KIND_GLYPHS = 0x61c88647;
const KIND_AFFIX = 0x7feb352d;
const KIND_JOINED_SCOPE = 0x3c6ef372;

function textKey(text: string, kind: number): number {
  let h = 0;
  for (let k = 0; k < text.length; k++) h = (Math.imul(h, BASE) + text.charCodeAt(k)) | 0;
  return (DeletionHasher.key(h, text.length) ^ kind) | 0;
}

/**
 * Every lookup key of the popular names (their one-character deletion neighbourhoods, separator-free
 * forms, glyph skeletons, affix-free forms, joined scopes), hashed, as one sorted multimap over two typed
 * arrays. Building it is a fill and a two-pass radix sort with no per-entry objects, since it runs on
 * every scan (measured on the npm lists, 320k keys: about 250 ms with Maps of strings and a hash table
 * with a side map, 40 ms with a comparison sort, see the report for the radix figure). A probe is a binary
 * search; collisions only cost a verification, since every candidate is checked again by name.
 */
export class NameTable {
  private constructor(
    readonly keys: Uint32Array,
    readonly ids: Int32Array | Uint16Array,
  ) {}

  static build(
    names: readonly string[],
    keysOf: (name: string, emit: (key: number) => void) => void,
  ): NameTable {
    let keys = new Uint32Array(Math.max(16, names.length * 16));
    let ids = new Int32Array(keys.length);
    let size = 0;
    let current = 0;
    const emit = (key: number): void => {
      if (size === keys.length) {
        const k = new Uint32Array(keys.length * 2);
        k.set(keys);
        keys = k;
        const i = new Int32Array(ids.length * 2);
        i.set(ids);
        ids = i;
      }
      keys[size] = key;
      ids[size] = current;
      size++;
    };
    for (current = 0; current < names.length; current++) keysOf(names[current] as string, emit);
    // LSD radix sort on 16-bit digits: two stable counting passes.
    let srcK = keys.subarray(0, size);
    let srcI = ids.subarray(0, size);
    let dstK = new Uint32Array(size);
    let dstI = new Int32Array(size);
    const count = new Int32Array(65_537);
    for (const shift of [0, 16]) {
      count.fill(0);
      for (let i = 0; i < size; i++) {
        const d = (((srcK[i] ?? 0) >>> shift) & 0xffff) + 1;
        count[d] = (count[d] ?? 0) + 1;
      }
      for (let d = 1; d < count.length; d++) count[d] = (count[d] ?? 0) + (count[d - 1] ?? 0);
      for (let i = 0; i < size; i++) {
        const k = srcK[i] ?? 0;
        const at = count[(k >>> shift) & 0xffff] ?? 0;
        count[(k >>> shift) & 0xffff] = at + 1;
        dstK[at] = k;
        dstI[at] = srcI[i] ?? 0;
      }
      [srcK, dstK] = [dstK, srcK];
      [srcI, dstI] = [dstI, srcI];
    }
    return new NameTable(srcK, srcI);
  }

  static from(keys: Uint32Array, ids: Int32Array | Uint16Array): NameTable {
    return new NameTable(keys, ids);
  }

  get size(): number {
    return this.keys.length;
  }

  /** Calls `visit` with each name id stored under `key`. */
  forEach(key: number, visit: (id: number) => void): void {
    const k = key >>> 0;
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.keys[mid] ?? 0) < k) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.keys.length && this.keys[i] === k; i++) visit(this.ids[i] ?? 0);
  }
}

const SCOPED = /^@([^/]+)\/(.+)$/;

function scopeOf(name: string): string | undefined {
  if (!name.startsWith('@')) return undefined;
  const slash = name.indexOf('/');
  return slash > 1 ? name.slice(1, slash) : undefined;
}

/** Only a scope's owner can publish under it: a name cannot imitate another of its own scope. */
function sameScope(a: string, b: string): boolean {
  const scope = scopeOf(a);
  return scope !== undefined && scope === scopeOf(b);
}

/** The lookup keys of one popular name (see NameTable). */
function popularKeys(name: string, emit: (key: number) => void): void {
  emit(textKey(stripSeparators(name), KIND_SEPARATORS));
  emit(textKey(glyphSkeleton(name), KIND_GLYPHS));
  for (const s of stripAffix(name)) emit(textKey(s, KIND_AFFIX));
  const scoped = SCOPED.exec(name);
  if (scoped !== null) emit(textKey(stripSeparators(`${scoped[1]}${scoped[2]}`), KIND_JOINED_SCOPE));
  if (maxDistanceFor(name) > 0) {
    const h = new DeletionHasher(name);
    emit(h.whole());
    for (let i = 0; i < name.length; i++) emit(h.without(i));
  }
}

interface EcosystemIndex {
  /** Popular names (the ones worth imitating) with their rank; ids in `names` follow this order. */
  readonly popular: ReadonlyMap<string, number>;
  readonly names: readonly string[];
  /** Every name the snapshot ranks (PyPI: all 15k; npm: the high-impact union): established, never a squat. */
  readonly ranked: ReadonlySet<string> | ReadonlyMap<string, number>;
  /**
   * Read (or built) on first use: a name the snapshots rank, or a known pair, is answered without it, and the
   * table is 1–2 MB of the index file (about 20 ms of a scan to read on this kind of machine).
   */
  readonly table: NameTable;
  /** Built on the first scoped name checked: scope → popular names in it. */
  scopes?: Map<string, string[]>;
  readonly pairs: Map<string, { target: string; technique: string }>;
}

interface PopularNames {
  readonly popular: Map<string, number>;
  readonly ranked: ReadonlySet<string> | ReadonlyMap<string, number>;
}

/** The names worth imitating, in rank order (their ids in the index), and every ranked name. */
function popularNames(store: SnapshotStore, ecosystem: Ecosystem): PopularNames {
  const popular = new Map<string, number>();
  if (ecosystem === 'pypi') {
    const snap = store.pypiTop();
    store.markUsed(snap);
    const limit = Math.min(PYPI_POPULAR_RANK, snap.names.length);
    for (let i = 0; i < limit; i++) {
      const n = snap.names[i] as string;
      if (!popular.has(n)) popular.set(n, i + 1);
    }
    return { popular, ranked: snap.rankOf };
  }
  const snap = store.npmHighImpact();
  store.markUsed(snap);
  snap.topDownload.forEach((n, i) => {
    const k = n.toLowerCase();
    if (!popular.has(k)) popular.set(k, i + 1);
  });
  // Names that are only in the dependents list rank after every download-ranked name.
  snap.topDependent.forEach((n, i) => {
    const k = n.toLowerCase();
    if (!popular.has(k)) popular.set(k, snap.topDownload.length + i + 1);
  });
  return { popular, ranked: popular };
}

/**
 * The index file `npm run data:update` writes beside the snapshots, so a scan loads the name table
 * instead of building it (a typed-array read, a few milliseconds, against tens to hundreds of ms for
 * the build). Each table records which names it was built from; a table that does not match the
 * snapshot in use, or a missing or damaged file, is simply rebuilt in memory.
 */
export const TYPOSQUAT_INDEX_FILE = 'typosquat-index.bin';
/** Bumped whenever popularKeys or the hashing changes, so an index of another version is never used. */
const INDEX_ALGORITHM = 1;
const INDEX_MAGIC = 'ASSAYTQ2';
const LITTLE_ENDIAN = endianness() === 'LE';

/** FNV-1a over the algorithm version and the names in id order. */
function namesFingerprint(names: readonly string[]): string {
  let h = 0x811c9dc5 ^ INDEX_ALGORITHM;
  for (const name of names) {
    for (let k = 0; k < name.length; k++) h = Math.imul(h ^ name.charCodeAt(k), 0x01000193);
    h = Math.imul(h ^ 10, 0x01000193);
  }
  return `${INDEX_ALGORITHM}:${names.length}:${(h >>> 0).toString(16)}`;
}

const IndexHeader = z.object({
  tables: z.array(
    z.object({
      ecosystem: z.enum(['npm', 'pypi']),
      fingerprint: z.string(),
      entries: z.number().int().nonnegative(),
    }),
  ),
});

const align4 = (n: number): number => (n + 3) & ~3;

/**
 * The index file for the snapshots in `store`. After the magic, a length and a JSON header, each table is
 * its sorted keys as uint32 and its name ids as uint16, little-endian, every block starting on a 4-byte
 * boundary: a scan maps them as typed arrays over the file's bytes instead of decoding 470k entries
 * (the varint form it replaces took 20–35 ms to decode on every scan).
 */
export function encodeTyposquatIndex(store: SnapshotStore): Buffer {
  const tables: z.infer<typeof IndexHeader>['tables'] = [];
  const bodies: Buffer[] = [];
  for (const ecosystem of ['npm', 'pypi'] as const) {
    const names = [...popularNames(store, ecosystem).popular.keys()];
    if (names.length > 0xffff) throw new RangeError('too many names for a uint16 typosquat index');
    const table = NameTable.build(names, popularKeys);
    const body = Buffer.alloc(align4(table.size * 6));
    table.keys.forEach((key, i) => {
      body.writeUInt32LE(key, i * 4);
    });
    table.ids.forEach((id, i) => {
      body.writeUInt16LE(id, table.size * 4 + i * 2);
    });
    tables.push({ ecosystem, fingerprint: namesFingerprint(names), entries: table.size });
    bodies.push(body);
  }
  const header = Buffer.from(JSON.stringify({ tables }));
  const head = Buffer.alloc(align4(12 + header.length));
  head.write(INDEX_MAGIC, 0, 'latin1');
  head.writeUInt32LE(header.length, 8);
  header.copy(head, 12);
  return Buffer.concat([head, ...bodies]);
}

/** A typed array over `bytes` when the host and the offset allow it, else a copy read little-endian. */
function uint32sAt(bytes: Buffer, at: number, count: number): Uint32Array {
  if (LITTLE_ENDIAN && (bytes.byteOffset + at) % 4 === 0)
    return new Uint32Array(bytes.buffer, bytes.byteOffset + at, count);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) out[i] = bytes.readUInt32LE(at + i * 4);
  return out;
}

function uint16sAt(bytes: Buffer, at: number, count: number): Uint16Array {
  if (LITTLE_ENDIAN && (bytes.byteOffset + at) % 2 === 0)
    return new Uint16Array(bytes.buffer, bytes.byteOffset + at, count);
  const out = new Uint16Array(count);
  for (let i = 0; i < count; i++) out[i] = bytes.readUInt16LE(at + i * 2);
  return out;
}

/** Where an index is read from: the bytes of a whole file, or ranges of a file read as they are needed. */
interface IndexBytes {
  readonly length: number;
  /** `length` bytes from `at` (the caller has checked the range). */
  read(at: number, length: number): Buffer;
}

function wholeIndex(bytes: Buffer): IndexBytes {
  return { length: bytes.length, read: (at, length) => bytes.subarray(at, at + length) };
}

/**
 * Ranges of an index file: a scan needs the header and one ecosystem's table, not the whole file. On this kind of
 * machine every megabyte of fresh memory a read fills costs a few ms of page faults: reading the 2.8 MB file whole
 * cost about 12 ms per scan, an npm table alone two thirds of that and a PyPI table a third.
 */
function indexFile(fd: number): IndexBytes {
  return { length: fstatSync(fd).size, read: (at, length) => readExactly(fd, at, length) };
}

/** The table for `ecosystem` from an index file's bytes, or undefined when they do not hold a matching one. */
export function decodeTyposquatIndex(
  bytes: Buffer,
  ecosystem: Ecosystem,
  names: readonly string[],
): NameTable | undefined {
  return decodeIndex(wholeIndex(bytes), ecosystem, names);
}

function decodeIndex(
  source: IndexBytes,
  ecosystem: Ecosystem,
  names: readonly string[],
): NameTable | undefined {
  if (source.length < 12) return undefined;
  const start = source.read(0, 12);
  if (start.toString('latin1', 0, 8) !== INDEX_MAGIC) return undefined;
  const headerLength = start.readUInt32LE(8);
  if (12 + headerLength > source.length) return undefined;
  let header: z.infer<typeof IndexHeader>;
  try {
    header = IndexHeader.parse(JSON.parse(source.read(12, headerLength).toString('utf8')));
  } catch {
    return undefined;
  }
  let at = align4(12 + headerLength);
  for (const t of header.tables) {
    const end = at + align4(t.entries * 6);
    if (end > source.length) return undefined;
    if (t.ecosystem !== ecosystem) {
      at = end;
      continue;
    }
    if (t.fingerprint !== namesFingerprint(names)) return undefined;
    const bytes = source.read(at, end - at);
    const keys = uint32sAt(bytes, 0, t.entries);
    const ids = uint16sAt(bytes, t.entries * 4, t.entries);
    // The magic, the lengths and the fingerprint above catch another version, a truncated file and other
    // snapshots. A file damaged inside would only cost look-ups (every candidate is verified by name, an id
    // past the names is skipped), so order and range are checked on a sample: walking all 470k entries cold
    // cost about 20 ms per scan.
    const stride = Math.max(1, Math.floor(t.entries / 2048));
    for (let i = 0; i < t.entries; i += stride) {
      const next = Math.min(i + stride, t.entries - 1);
      if ((ids[i] ?? 0) >= names.length || (keys[i] ?? 0) > (keys[next] ?? 0)) return undefined;
    }
    return NameTable.from(keys, ids);
  }
  return undefined;
}

/** The table for `ecosystem` from the index file at `path`; undefined when it is missing, unreadable or another one. */
function readIndexTable(path: string, ecosystem: Ecosystem, names: readonly string[]): NameTable | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    return decodeIndex(indexFile(fd), ecosystem, names);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

export interface DetectorOptions {
  /** The prebuilt index file; null to always build in memory. Default: TYPOSQUAT_INDEX_FILE beside the snapshots. */
  readonly indexFile?: string | null;
}

export class TyposquatDetector {
  private readonly indexes = new Map<Ecosystem, EcosystemIndex>();
  private readonly indexFile: string | null;

  constructor(
    private readonly store: SnapshotStore = snapshots(),
    options: DetectorOptions = {},
  ) {
    this.indexFile =
      options.indexFile === undefined ? join(store.dir, TYPOSQUAT_INDEX_FILE) : options.indexFile;
  }

  /** How the last index was obtained, for tests and measurements. */
  lastIndexSource: 'file' | 'built' | undefined;

  private table(ecosystem: Ecosystem, names: readonly string[]): NameTable {
    const loaded = this.indexFile === null ? undefined : readIndexTable(this.indexFile, ecosystem, names);
    this.lastIndexSource = loaded === undefined ? 'built' : 'file';
    return loaded ?? NameTable.build(names, popularKeys);
  }

  private index(ecosystem: Ecosystem): EcosystemIndex {
    const ready = this.indexes.get(ecosystem);
    if (ready !== undefined) return ready;
    const { popular, ranked } = popularNames(this.store, ecosystem);
    const names = [...popular.keys()];
    const pairs = new Map<string, { target: string; technique: string }>();
    const pairsSnap = this.store.typosquatPairs();
    this.store.markUsed(pairsSnap);
    for (const [squat, target, eco, technique] of pairsSnap.pairs)
      if (eco === ecosystem) pairs.set(squat, { target, technique });
    let table: NameTable | undefined;
    const load = (): NameTable => {
      table ??= this.table(ecosystem, names);
      return table;
    };
    const idx: EcosystemIndex = {
      popular,
      names,
      ranked,
      get table() {
        return load();
      },
      pairs,
    };
    this.indexes.set(ecosystem, idx);
    return idx;
  }

  /** Popular names stored under `key` that pass `verify`. */
  private candidates(idx: EcosystemIndex, key: number, verify: (target: string) => boolean): string[] {
    const out: string[] = [];
    idx.table.forEach(key, (id) => {
      const target = idx.names[id];
      if (target !== undefined && !out.includes(target) && verify(target)) out.push(target);
    });
    return out;
  }

  /** The best (most popular) target among candidates, excluding the name itself and its own scope. */
  private best(idx: EcosystemIndex, name: string, candidates: Iterable<string>): string | undefined {
    let best: string | undefined;
    let bestRank = Number.POSITIVE_INFINITY;
    for (const c of candidates) {
      if (c === name || sameScope(name, c)) continue;
      const r = idx.popular.get(c) ?? Number.POSITIVE_INFINITY;
      if (r < bestRank) {
        best = c;
        bestRank = r;
      }
    }
    return best;
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

  /**
   * Answers already given, by ecosystem and normalized name: an indexer or a lockfile meets the same dependency
   * names again and again, and an unranked name costs a few hundred probes of the table. Bounded (core/memo.ts).
   */
  private readonly answers: Readonly<Record<Ecosystem, (name: string) => Impersonation | null>> = {
    npm: memoize((name) => this.search('npm', name), MAX_REMEMBERED_ANSWERS / 2),
    pypi: memoize((name) => this.search('pypi', name), MAX_REMEMBERED_ANSWERS / 2),
  };

  find(ecosystem: Ecosystem, rawName: string): Impersonation | null {
    if (rawName.length === 0 || rawName.length > MAX_NAME_LENGTH) return null;
    return this.answers[ecosystem](
      ecosystem === 'pypi' ? normalizePypiName(rawName) : rawName.trim().toLowerCase(),
    );
  }

  private search(ecosystem: Ecosystem, name: string): Impersonation | null {
    const idx = this.index(ecosystem);
    const pair = idx.pairs.get(name);
    if (pair !== undefined) {
      return { ...this.result(idx, name, pair.target, 'known-pair'), knownTechnique: pair.technique };
    }
    // A name the snapshots rank is itself established (npm: 1M weekly downloads or 500 dependents;
    // PyPI: the top 15,000, about 57,000 downloads a month and up): two popular look-alikes are
    // neighbours, not an imitation. Measured on the snapshots, this rule alone leaves 0 of them flagged.
    if (idx.ranked.has(name) || idx.popular.has(name)) return null;
    const found = (target: string | undefined, technique: TyposquatTechnique): Impersonation | null =>
      target === undefined ? null : this.result(idx, name, target, technique);

    const stripped = stripSeparators(name);
    const bySep = found(
      this.best(
        idx,
        name,
        this.candidates(idx, textKey(stripped, KIND_SEPARATORS), (t) => stripSeparators(t) === stripped),
      ),
      'separator',
    );
    if (bySep !== null) return bySep;
    const skeleton = glyphSkeleton(name);
    const byGlyph = found(
      this.best(
        idx,
        name,
        this.candidates(idx, textKey(skeleton, KIND_GLYPHS), (t) => glyphSkeleton(t) === skeleton),
      ),
      'homoglyph',
    );
    if (byGlyph !== null) return byGlyph;
    if (ecosystem === 'npm') {
      const scope = found(this.scopeConfusion(idx, name), 'scope-confusion');
      if (scope !== null) return scope;
    }
    const affixTargets = [
      ...stripAffix(name).filter((s) => idx.popular.has(s)),
      ...this.candidates(idx, textKey(name, KIND_AFFIX), (t) => stripAffix(t).includes(name)),
    ];
    const byAffix = found(this.best(idx, name, affixTargets), 'affix');
    if (byAffix !== null) return byAffix;
    return this.byEditDistance(idx, name);
  }

  private scopesOf(idx: EcosystemIndex): Map<string, string[]> {
    if (idx.scopes === undefined) {
      const scopes = new Map<string, string[]>();
      for (const name of idx.names) {
        const scope = scopeOf(name);
        if (scope === undefined) continue;
        const list = scopes.get(scope);
        if (list === undefined) scopes.set(scope, [name]);
        else list.push(name);
      }
      idx.scopes = scopes;
    }
    return idx.scopes;
  }

  /**
   * `types-react` for `@types/react` (an unscoped name spelling out a popular scoped one), and
   * `@typescript_eslinter/x` for the `@typescript-eslint` scope (a scope one or two edits from a popular
   * scope). A scope that holds popular packages itself is an organisation of its own, never a confusion.
   */
  private scopeConfusion(idx: EcosystemIndex, name: string): string | undefined {
    const scoped = SCOPED.exec(name);
    if (scoped === null) {
      const joined = stripSeparators(name);
      return this.best(
        idx,
        name,
        this.candidates(idx, textKey(joined, KIND_JOINED_SCOPE), (t) => {
          const m = SCOPED.exec(t);
          return m !== null && stripSeparators(`${m[1]}${m[2]}`) === joined;
        }),
      );
    }
    const [, scope = '', base = ''] = scoped;
    const scopes = this.scopesOf(idx);
    if (scopes.has(scope)) return undefined;
    let closest: string | undefined;
    let closestDistance = 3;
    for (const known of scopes.keys()) {
      const d = osaDistance(stripSeparators(scope), stripSeparators(known), 2);
      if (d < closestDistance || (d === closestDistance && closest !== undefined && known < closest)) {
        closest = known;
        closestDistance = d;
      }
    }
    if (closest === undefined || Math.min(scope.length, closest.length) < 4) return undefined;
    const members = scopes.get(closest) ?? [];
    const same = members.find((m) => m === `@${closest}/${base}`);
    if (same !== undefined) return same;
    const related = members.filter((m) => m.slice(closest.length + 2).includes(base));
    return this.best(idx, name, related.length > 0 ? related : members);
  }

  private byEditDistance(idx: EcosystemIndex, name: string): Impersonation | null {
    if (name.length < 4) return null;
    const seen = new Set<number>();
    let best: { target: string; distance: number; rank: number } | undefined;
    const visit = (id: number): void => {
      if (seen.has(id)) return;
      seen.add(id);
      const target = idx.names[id] ?? '';
      if (target === name || sameScope(name, target)) return;
      const max = maxDistanceFor(target);
      if (max === 0) return;
      const distance = osaDistance(name, target, max);
      if (distance > max) return;
      const rank = idx.popular.get(target) ?? Number.POSITIVE_INFINITY;
      if (best === undefined || distance < best.distance || (distance === best.distance && rank < best.rank))
        best = { target, distance, rank };
    };
    const probe = (key: number): void => idx.table.forEach(key, visit);
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
    if (best === undefined) return null;
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
