import { AssayError } from '../core/errors.ts';
import { parseDistFilename } from './pypi-files.ts';
import type { ArtifactChoice, ArtifactFile, ReleaseInfo } from './types.ts';

function isPureWheel(file: ArtifactFile): boolean {
  return file.kind === 'wheel' && parseDistFilename(file.filename, file.name)?.pure === true;
}

// A .tar.gz sdist is the standard form (PEP 625); .zip and older compressions come after it.
function sdistRank(file: ArtifactFile): number {
  return file.filename.toLowerCase().endsWith('.tar.gz') ? 0 : 1;
}

function describe(release: ReleaseInfo): string {
  const names = release.files.map((f) => f.filename);
  return names.length === 0
    ? 'no files'
    : `files: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}`;
}

/**
 * Which files of a release to scan. `auto`: the sdist (what the source says), else a pure-Python wheel,
 * else the first wheel, else whatever else is there; `all`: every sdist and wheel, to compare them.
 * A purl's `file_name` qualifier names one file exactly.
 */
export function selectArtifacts(
  release: ReleaseInfo,
  choice: ArtifactChoice,
  fileName?: string,
): ArtifactFile[] {
  const files = release.files;
  const label = `${release.ecosystem} ${release.name} ${release.version}`;
  if (fileName !== undefined) {
    const named = files.find((f) => f.filename === fileName);
    if (named === undefined)
      throw new AssayError('E_NOT_FOUND', `${label} has no file named ${fileName} (${describe(release)}).`);
    return [named];
  }
  if (release.ecosystem === 'npm') {
    const tarballs = files.filter((f) => f.kind === 'tgz');
    if (tarballs.length === 0) throw new AssayError('E_NOT_FOUND', `${label} has no tarball.`);
    return tarballs;
  }
  const sdists = files.filter((f) => f.kind === 'sdist').sort((a, b) => sdistRank(a) - sdistRank(b));
  const wheels = files.filter((f) => f.kind === 'wheel');
  const wheel = wheels.find(isPureWheel) ?? wheels[0];
  switch (choice) {
    case 'sdist': {
      const sdist = sdists[0];
      if (sdist === undefined)
        throw new AssayError('E_NOT_FOUND', `${label} has no sdist (${describe(release)}).`);
      return [sdist];
    }
    case 'wheel': {
      if (wheel === undefined)
        throw new AssayError('E_NOT_FOUND', `${label} has no wheel (${describe(release)}).`);
      return [wheel];
    }
    case 'all': {
      const all = [...sdists, ...wheels];
      if (all.length === 0)
        throw new AssayError('E_NOT_FOUND', `${label} has no sdist or wheel (${describe(release)}).`);
      return all;
    }
    case 'auto': {
      const chosen = sdists[0] ?? wheel ?? files[0];
      if (chosen === undefined) throw new AssayError('E_NOT_FOUND', `${label} has no files to download.`);
      return [chosen];
    }
  }
}
