import * as pep440 from '@renovatebot/pep440';
import semver from 'semver';
import { memoize } from '../core/memo.ts';

/**
 * A version ordering. OSV `ECOSYSTEM` ranges are ordered by the ecosystem's own rules (PEP 440 for
 * PyPI, SemVer precedence for npm); `SEMVER` ranges always use SemVer 2.0 precedence.
 */
export interface VersionScheme {
  readonly name: 'pep440' | 'semver';
  valid(version: string): boolean;
  /** Only called on valid versions. */
  compare(a: string, b: string): number;
  /**
   * Canonical text for `versions[]` lookups (`1.0` and `1.0.0` are equal in PEP 440); null when
   * the version is not valid in this scheme.
   */
  key(version: string): VersionKey | null;
  isPrerelease(version: string): boolean;
}

// Advisory data repeats the same few thousand version strings across records, so parsing once per
// string pays off. The caches are bounded: when one grows past the cap it is simply started again.
const CACHE_CAP = 200_000;

export interface VersionKey {
  readonly full: string;
  readonly publicPart: string;
  readonly hasLocal: boolean;
}

interface Pep440Parts extends VersionKey {
  readonly prerelease: boolean;
  /** What PEP 440 orders by, computed once per string so comparing never parses again. */
  readonly order: Pep440Order;
}

/**
 * The PEP 440 sort key ("Summary of permitted suffixes and relative ordering"): epoch, release with
 * trailing zeros dropped, then pre, post, dev and local. `pre` is a rank: a bare dev release sorts
 * before every pre-release of the same release, a final release after all of them.
 */
interface Pep440Order {
  readonly epoch: number;
  readonly release: readonly number[];
  /** -1: dev-only release; 0..2: a / b / rc; 3: no pre-release. */
  readonly preRank: number;
  readonly preNumber: number;
  /** -1 when there is no post-release segment. */
  readonly post: number;
  /** Infinity when there is no dev segment. */
  readonly dev: number;
  /** null: no local label (sorts first); else segments, numbers above strings. */
  readonly local: readonly (number | string)[] | null;
}

const PRE_RANK: Readonly<Record<string, number>> = { a: 0, b: 1, rc: 2 };

function pepCompare(a: string, b: string): number {
  if (a === b) return 0;
  const x = pepParts(a)?.order;
  const y = pepParts(b)?.order;
  // Only valid versions reach compare (the scheme's contract); keep a total order regardless.
  if (x === undefined || y === undefined) return x === y ? (a < b ? -1 : 1) : x === undefined ? -1 : 1;
  return compareOrder(x, y);
}

function compareOrder(x: Pep440Order, y: Pep440Order): number {
  if (x.epoch !== y.epoch) return x.epoch < y.epoch ? -1 : 1;
  const length = Math.min(x.release.length, y.release.length);
  for (let i = 0; i < length; i++) {
    const p = x.release[i] as number;
    const q = y.release[i] as number;
    if (p !== q) return p < q ? -1 : 1;
  }
  if (x.release.length !== y.release.length) return x.release.length < y.release.length ? -1 : 1;
  if (x.preRank !== y.preRank) return x.preRank < y.preRank ? -1 : 1;
  if (x.preNumber !== y.preNumber) return x.preNumber < y.preNumber ? -1 : 1;
  if (x.post !== y.post) return x.post < y.post ? -1 : 1;
  if (x.dev !== y.dev) return x.dev < y.dev ? -1 : 1;
  return compareLocal(x.local, y.local);
}

function compareLocal(x: Pep440Order['local'], y: Pep440Order['local']): number {
  if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1;
  const length = Math.min(x.length, y.length);
  for (let i = 0; i < length; i++) {
    const p = x[i] as number | string;
    const q = y[i] as number | string;
    if (p === q) continue;
    // A numeric segment sorts after an alphanumeric one; like kinds compare by value.
    if (typeof p !== typeof q) return typeof p === 'number' ? 1 : -1;
    return p < q ? -1 : 1;
  }
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

/** Plain release numbers (`2.31.0`), most of what advisories list, are read without the full grammar. */
const PLAIN_RELEASE = /^[0-9]+(?:\.[0-9]+)*$/;

function plainParts(version: string): Pep440Parts {
  const release = version.split('.').map(Number);
  while (release.length > 1 && release[release.length - 1] === 0) release.pop();
  const publicPart = `0!${release.join('.')}`;
  return {
    full: publicPart,
    publicPart,
    hasLocal: false,
    prerelease: false,
    order: {
      epoch: 0,
      release: release.length === 1 && release[0] === 0 ? [] : release,
      preRank: 3,
      preNumber: 0,
      post: -1,
      dev: Number.POSITIVE_INFINITY,
      local: null,
    },
  };
}

const pepParts: (version: string) => Pep440Parts | null = memoize((v) => {
  if (PLAIN_RELEASE.test(v)) return plainParts(v);
  const parsed = pep440.explain(v);
  if (parsed === null) return null;
  const release = [...parsed.release];
  while (release.length > 1 && release[release.length - 1] === 0) release.pop();
  const pre = parsed.pre === null || parsed.pre.length === 0 ? '' : parsed.pre.join('');
  const post =
    parsed.post === null || (Array.isArray(parsed.post) && parsed.post.length === 0)
      ? ''
      : `.post${String(parsed.post)}`;
  const dev =
    parsed.dev === null || (Array.isArray(parsed.dev) && parsed.dev.length === 0)
      ? ''
      : `.dev${String(parsed.dev)}`;
  const publicPart = `${parsed.epoch}!${release.join('.')}${pre}${post}${dev}`;
  const hasLocal = parsed.local !== null && parsed.local !== '';
  const hasPre = pre !== '';
  const postNumber = post === '' ? -1 : Number(parsed.post);
  const devNumber = dev === '' ? Number.POSITIVE_INFINITY : Number(parsed.dev);
  const order: Pep440Order = {
    epoch: parsed.epoch,
    // Trailing zeros do not count: 1.0 == 1.0.0 (a lone 0 is dropped too, so 0 == 0.0).
    release: release.length === 1 && release[0] === 0 ? [] : release,
    preRank: hasPre ? (PRE_RANK[String(parsed.pre?.[0])] ?? 2) : postNumber < 0 && dev !== '' ? -1 : 3,
    preNumber: hasPre ? Number(parsed.pre?.[1] ?? 0) : 0,
    post: postNumber,
    dev: devNumber,
    local: hasLocal
      ? String(parsed.local)
          .split(/[._-]/)
          .map((part) => (Number.isNaN(Number(part)) ? part.toLowerCase() : Number(part)))
      : null,
  };
  return {
    full: hasLocal ? `${publicPart}+${parsed.local}` : publicPart,
    publicPart,
    hasLocal,
    prerelease: parsed.is_prerelease,
    order,
  };
}, CACHE_CAP);

export const pep440Scheme: VersionScheme = {
  name: 'pep440',
  valid: (version) => pepParts(version) !== null,
  compare: pepCompare,
  key: pepParts,
  isPrerelease: (version) => pepParts(version)?.prerelease ?? false,
};

const semverClean: (version: string) => string | null = memoize(
  (v) => semver.valid(v, { loose: true }),
  CACHE_CAP,
);

// Parsed once per string: semver.compare would build two SemVer objects on every call.
const semverObject: (version: string) => semver.SemVer | null = memoize((v) => {
  const clean = semverClean(v);
  return clean === null ? null : new semver.SemVer(clean);
}, CACHE_CAP);

export const semverScheme: VersionScheme = {
  name: 'semver',
  valid: (version) => semverClean(version) !== null,
  compare: (a, b) => {
    const x = semverObject(a);
    const y = semverObject(b);
    if (x !== null && y !== null) return x.compare(y);
    return semver.compare(semverClean(a) ?? a, semverClean(b) ?? b);
  },
  key: (version) => {
    const clean = semverClean(version);
    return clean === null ? null : { full: clean, publicPart: clean, hasLocal: false };
  },
  isPrerelease: (version) => {
    const v = semverClean(version);
    return v !== null && semver.prerelease(v) !== null;
  },
};

/**
 * `versions[]` entries in canonical form (`1.0.0` and `1.0` both become `0!1`), unreadable ones
 * kept as written so they can still match literally.
 */
export function canonicalVersions(ecosystem: string, versions: readonly string[]): string[] {
  const scheme = listSchemeFor(ecosystem);
  if (scheme === null) return [...versions];
  return versions.map((v) => scheme.key(v)?.full ?? v);
}

/** The ordering for a range, or null when we cannot order versions of this ecosystem. */
export function schemeFor(ecosystem: string, rangeType: string): VersionScheme | null {
  if (rangeType === 'SEMVER') return semverScheme;
  if (rangeType !== 'ECOSYSTEM') return null;
  if (ecosystem === 'PyPI') return pep440Scheme;
  if (ecosystem === 'npm') return semverScheme;
  return null;
}

/** How `affected[].versions` entries are compared for this ecosystem (string equality otherwise). */
export function listSchemeFor(ecosystem: string): VersionScheme | null {
  if (ecosystem === 'PyPI') return pep440Scheme;
  if (ecosystem === 'npm') return semverScheme;
  return null;
}
