import type { PackageFile } from '../artifacts/types.ts';
import type { Ecosystem } from '../metadata/types.ts';

const PYTHON_MARKERS =
  /(^|\/)(PKG-INFO|METADATA|setup\.py|setup\.cfg|pyproject\.toml)$|\.(dist-info|egg-info)\//;

/**
 * Which registry a package belongs to, from its files: an npm package has a package.json at its root
 * (npm pack puts it under `package/`); a Python one has core metadata or a build file at depth ≤ 1.
 */
export function detectEcosystem(files: readonly PackageFile[]): Ecosystem {
  let npm = false;
  let python = false;
  for (const file of files) {
    const depth = file.path.split('/').length - 1;
    if (depth > 1) continue;
    if (/(^|\/)package\.json$/.test(file.path)) npm = true;
    if (PYTHON_MARKERS.test(file.path)) python = true;
  }
  if (python) return 'pypi';
  if (npm) return 'npm';
  return 'pypi';
}
