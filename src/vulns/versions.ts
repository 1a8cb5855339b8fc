import * as pep440 from '@renovatebot/pep440';
import semver from 'semver';

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

function cached<T>(cache: Map<string, T>, key: string, compute: (key: string) => T): T {
  const hit = cache.get(key);
  if (hit !== undefined || cache.has(key)) return hit as T;
  if (cache.size >= CACHE_CAP) cache.clear();
  const value = compute(key);
  cache.set(key, value);
  return value;
}

export interface VersionKey {
  readonly full: string;
  readonly publicPart: string;
  readonly hasLocal: boolean;
}

interface Pep440Parts extends VersionKey {
  readonly prerelease: boolean;
}

const pepCache = new Map<string, Pep440Parts | null>();
// Two levels, so a lookup allocates no combined key string.
const pepCompareCache = new Map<string, Map<string, number>>();
let pepCompareEntries = 0;

function pepCompare(a: string, b: string): number {
  if (a === b) return 0;
  let row = pepCompareCache.get(a);
  if (row === undefined) {
    if (pepCompareEntries >= CACHE_CAP) {
      pepCompareCache.clear();
      pepCompareEntries = 0;
    }
    row = new Map();
    pepCompareCache.set(a, row);
  }
  let order = row.get(b);
  if (order === undefined) {
    order = Math.sign(pep440.compare(a, b));
    row.set(b, order);
    pepCompareEntries++;
  }
  return order;
}

function pepParts(version: string): Pep440Parts | null {
  return cached(pepCache, version, (v) => {
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
    return {
      full: hasLocal ? `${publicPart}+${parsed.local}` : publicPart,
      publicPart,
      hasLocal,
      prerelease: parsed.is_prerelease,
    };
  });
}

export const pep440Scheme: VersionScheme = {
  name: 'pep440',
  valid: (version) => pepParts(version) !== null,
  compare: pepCompare,
  key: pepParts,
  isPrerelease: (version) => pepParts(version)?.prerelease ?? false,
};

const semverCache = new Map<string, string | null>();

function semverClean(version: string): string | null {
  return cached(semverCache, version, (v) => semver.valid(v, { loose: true }));
}

export const semverScheme: VersionScheme = {
  name: 'semver',
  valid: (version) => semverClean(version) !== null,
  compare: (a, b) => semver.compare(semverClean(a) ?? a, semverClean(b) ?? b),
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
