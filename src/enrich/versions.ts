import * as pep440 from '@renovatebot/pep440';
import semver from 'semver';
import type { Ecosystem } from '../metadata/types.ts';

export type UnusualVersionKind = 'invalid' | 'huge' | 'all-nines' | 'zero';

export interface UnusualVersion {
  readonly kind: UnusualVersionKind;
  readonly reason: string;
}

/** Versions longer than this are not versions; also keeps the regexes below cheap on hostile input. */
const MAX_VERSION_LENGTH = 128;

/** Calendar versions (2024.1.0, 20240115) are a legitimate scheme, not an inflated number. */
function isDateLike(major: number, text: string): boolean {
  if (major >= 1990 && major <= 2100) return true;
  if (/^\d{8}$/.test(text)) {
    const y = Number(text.slice(0, 4));
    const m = Number(text.slice(4, 6));
    const d = Number(text.slice(6, 8));
    return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
  }
  return false;
}

function releaseParts(ecosystem: Ecosystem, version: string): string[] | null {
  if (ecosystem === 'npm') {
    const v = semver.parse(version);
    return v === null ? null : [String(v.major), String(v.minor), String(v.patch)];
  }
  // PEP 440 release segment: after an optional epoch, before any pre/post/dev/local part.
  const m = /^\s*v?(?:\d+!)?(\d+(?:\.\d+)*)/i.exec(version);
  return m?.[1]?.split('.') ?? null;
}

/**
 * Why a version is unusual, or null. Dependency-confusion and squatting packages publish huge
 * versions (99.9.9, 1000.0.0, 100.101.1337) so that a resolver prefers them over the real internal
 * package; placeholders (0.0.0) and invalid strings are signs of a package that was never meant for use.
 */
export function unusualVersion(ecosystem: Ecosystem, version: string): UnusualVersion | null {
  const v = version.trim();
  if (v === '' || v.length > MAX_VERSION_LENGTH)
    return {
      kind: 'invalid',
      reason: v === '' ? 'the version is empty' : 'the version string is implausibly long',
    };
  if (ecosystem === 'pypi') {
    if (pep440.valid(v) === null) return { kind: 'invalid', reason: `"${v}" is not a valid PEP 440 version` };
  } else if (semver.valid(v) === null) {
    return { kind: 'invalid', reason: `"${v}" is not valid semver` };
  }
  const parts = releaseParts(ecosystem, v);
  if (parts === null) return { kind: 'invalid', reason: `"${v}" has no numeric release part` };
  const nums = parts.map((p) => Number(p));
  if (nums.every((n) => n === 0)) return { kind: 'zero', reason: `${v} is an all-zero placeholder version` };
  const [major = 0] = nums;
  const majorText = parts[0] ?? '';
  if (major >= 1000 && !isDateLike(major, majorText))
    return {
      kind: 'huge',
      reason: `major version ${major} is absurdly large (a typical dependency-confusion trick)`,
    };
  // Patch numbers grow large legitimately (caniuse-lite 1.0.30001600), so only an all-nines pattern counts there.
  const nines = parts.findIndex((p, i) => (i === 0 ? /^9{2,}$/.test(p) : /^9{4,}$/.test(p)));
  if (nines !== -1)
    return {
      kind: 'all-nines',
      reason: `version ${v} is made of nines, a pattern used to outrank every real release`,
    };
  const minor = nums[1] ?? 0;
  if (minor >= 100_000) return { kind: 'huge', reason: `minor version ${minor} is absurdly large` };
  return null;
}

/**
 * The version an installer would pick for `specifier` among the registry's versions, or undefined when the
 * specifier is not a range this reader understands (a dist-tag, a URL) or admits none of them. npm installs
 * the `latest` dist-tag when the range admits it and otherwise the highest admitted release (prereleases only
 * when the range names one); pip takes the highest admitted version, prereleases only when nothing else fits
 * or the specifier names one.
 */
export function resolveSpecifier(
  ecosystem: Ecosystem,
  specifier: string,
  versions: readonly string[],
  latest?: string,
): string | undefined {
  const range = specifier.trim();
  if (ecosystem === 'npm') {
    const valid = semver.validRange(range === '' ? '*' : range);
    if (valid === null) return undefined;
    if (latest !== undefined && semver.valid(latest) !== null && semver.satisfies(latest, valid))
      return latest;
    return semver.maxSatisfying([...versions], valid) ?? undefined;
  }
  // Older METADATA wraps the specifier in parentheses: `requests (>=2.0)`.
  const pep = range.replace(/^\((.*)\)$/, '$1').trim();
  if (pep === '') return latest;
  if (pep440.validRange(pep) === false) return undefined;
  const valid = versions.filter((version) => pep440.valid(version) !== null);
  return (
    pep440.maxSatisfying(valid, pep) ?? pep440.maxSatisfying(valid, pep, { prereleases: true }) ?? undefined
  );
}
