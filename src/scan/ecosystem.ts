import type { PackageFile } from '../artifacts/types.ts';
import type { Ecosystem } from '../metadata/types.ts';

const PYTHON_MARKERS =
  /(^|\/)(PKG-INFO|METADATA|setup\.py|setup\.cfg|pyproject\.toml)$|\.(dist-info|egg-info)\//;
const JAVASCRIPT_FILE = /\.(?:[cm]?js|[cm]?ts|jsx|tsx)$/i;
const PYTHON_FILE = /\.pyw?$/i;

/**
 * Which registry a package belongs to, from its files: an npm package has a package.json at its root
 * (npm pack puts it under `package/`); a Python one has core metadata or a build file at depth ≤ 1.
 * Without either (a payload kept without its manifest), the language most of its source files are
 * written in decides, so a lone JavaScript stealer is judged by the npm rules rather than the Python ones.
 */
export function detectEcosystem(files: readonly PackageFile[]): Ecosystem {
  let npm = false;
  let python = false;
  let javascriptFiles = 0;
  let pythonFiles = 0;
  for (const file of files) {
    if (JAVASCRIPT_FILE.test(file.path)) javascriptFiles++;
    else if (PYTHON_FILE.test(file.path)) pythonFiles++;
    const depth = file.path.split('/').length - 1;
    if (depth > 1) continue;
    if (/(^|\/)package\.json$/.test(file.path)) npm = true;
    if (PYTHON_MARKERS.test(file.path)) python = true;
  }
  if (python) return 'pypi';
  if (npm) return 'npm';
  return javascriptFiles > pythonFiles ? 'npm' : 'pypi';
}
