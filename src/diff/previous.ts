import { AssayError } from '../core/errors.ts';
import type { Ecosystem } from '../metadata/types.ts';
import type { VersionInfo } from '../sources/types.ts';
import { pep440Scheme, semverScheme } from '../vulns/versions.ts';

/**
 * The release just before `version` in the ecosystem's own order (SemVer precedence, PEP 440), not by publish
 * date: a backport published yesterday (4.17.21 after 5.0.0) is not the "previous" version of 5.0.0. Pre-releases
 * count only when the given version is one; yanked releases are skipped.
 */
export function previousVersion(
  ecosystem: Ecosystem,
  version: string,
  versions: readonly VersionInfo[],
): string {
  const scheme = ecosystem === 'pypi' ? pep440Scheme : semverScheme;
  if (!scheme.valid(version)) {
    throw new AssayError('E_USAGE', `--previous: cannot order the version "${version}"`);
  }
  const prerelease = scheme.isPrerelease(version);
  let best: string | undefined;
  for (const info of versions) {
    if (info.yanked === true || !scheme.valid(info.version)) continue;
    if (!prerelease && scheme.isPrerelease(info.version)) continue;
    if (scheme.compare(info.version, version) >= 0) continue;
    if (best === undefined || scheme.compare(info.version, best) > 0) best = info.version;
  }
  if (best === undefined) {
    throw new AssayError('E_NOT_FOUND', `--previous: no release before ${version} in the registry`);
  }
  return best;
}
