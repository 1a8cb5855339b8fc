import * as pep440 from '@renovatebot/pep440';
import semver from 'semver';
import type { Ecosystem } from '../../metadata/types.ts';

/**
 * Orders two versions of one package by the ecosystem's rules; undefined when either does not parse
 * (then the caller keeps the most recently indexed one, which is what a registry's "latest" usually is).
 */
export function compareVersions(ecosystem: Ecosystem, a: string, b: string): number | undefined {
  if (a === b) return 0;
  try {
    if (ecosystem === 'pypi') {
      if (pep440.valid(a) === null || pep440.valid(b) === null) return undefined;
      return Math.sign(pep440.compare(a, b));
    }
    const va = semver.valid(a, { loose: true });
    const vb = semver.valid(b, { loose: true });
    return va === null || vb === null ? undefined : semver.compare(va, vb, { loose: true });
  } catch {
    return undefined;
  }
}

/** Whether `candidate` should replace `current` as the package's latest indexed version. */
export function isNewer(ecosystem: Ecosystem, candidate: string, current: string): boolean {
  const order = compareVersions(ecosystem, candidate, current);
  return order === undefined ? true : order >= 0;
}
