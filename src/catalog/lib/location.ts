import type { PackageSnapshot } from '../../metadata/snapshot.ts';

/**
 * Where a file sits in the package, because the same call means different things in different places:
 * setup.py runs while pip builds the package, `__init__.py` runs on import, a `.pth` runs at every interpreter
 * start, while tests, docs and examples run only when someone chooses to.
 */
export type LocationClass =
  | 'setup-script'
  | 'build-backend'
  | 'package-init'
  | 'pth-file'
  | 'test'
  | 'docs'
  | 'example'
  | 'module';

const TEST_DIRS = new Set(['test', 'tests', 'testing', '__tests__', 'unittests', 'test_data', 'testdata']);
const DOC_DIRS = new Set(['doc', 'docs', 'documentation', 'sphinx']);
const EXAMPLE_DIRS = new Set([
  'example',
  'examples',
  'demo',
  'demos',
  'sample',
  'samples',
  'tutorial',
  'tutorials',
]);

/** The member path without the outer archive prefix of a nested member ('a.zip!/b/c.py' -> 'b/c.py'). */
export function innerPath(path: string): string {
  const bang = path.lastIndexOf('!/');
  return bang >= 0 ? path.slice(bang + 2) : path;
}

export function baseName(path: string): string {
  const inner = innerPath(path);
  const slash = inner.lastIndexOf('/');
  return slash >= 0 ? inner.slice(slash + 1) : inner;
}

export function classifyLocation(path: string): LocationClass {
  const inner = innerPath(path);
  const segments = inner.split('/');
  const base = segments[segments.length - 1] ?? '';
  const lower = base.toLowerCase();
  if (lower.endsWith('.pth')) return 'pth-file';
  // An sdist keeps setup.py at its root or one folder down ('pkg-1.0/setup.py'); deeper copies are vendored.
  if (lower === 'setup.py' && segments.length <= 2) return 'setup-script';
  const dirs = segments.slice(0, -1).map((segment) => segment.toLowerCase());
  if (dirs.some((dir) => TEST_DIRS.has(dir)) || /^(test_.*|.*_test|conftest)\.py$/.test(lower)) return 'test';
  if (dirs.some((dir) => DOC_DIRS.has(dir))) return 'docs';
  if (dirs.some((dir) => EXAMPLE_DIRS.has(dir))) return 'example';
  if (lower === '__init__.py') return 'package-init';
  return 'module';
}

const LABELS: Record<LocationClass, string> = {
  'setup-script': 'setup script, runs at install time',
  'build-backend': 'in-tree build backend, runs at install time',
  'package-init': 'package __init__, runs on import',
  'pth-file': '.pth file, runs at interpreter start',
  test: 'test code',
  docs: 'documentation',
  example: 'example code',
  module: 'package module',
};

export function locationLabel(location: LocationClass): string {
  return LABELS[location];
}

/** Backends that ship with build tools; any other backend module inside the package is the package's own code. */
const KNOWN_BACKEND_ROOTS = new Set([
  'setuptools',
  'flit_core',
  'flit',
  'hatchling',
  'poetry',
  'pdm',
  'maturin',
  'mesonpy',
  'scikit_build_core',
  'enscons',
  'sipbuild',
  'whey',
  'jupyter_packaging',
  'hatch_jupyter_builder',
  'pbr',
  'setuptools_scm',
]);

/** Files of an in-tree PEP 517 backend (`build-backend = "backend"` with `backend-path`): they run at build time. */
export function buildBackendFiles(snapshot: PackageSnapshot): ReadonlySet<string> {
  const backend = snapshot.metadata.buildBackend;
  const files = new Set<string>();
  if (!backend) return files;
  const module = backend.split(':')[0]?.trim() ?? '';
  const root = module.split('.')[0] ?? '';
  if (module === '' || KNOWN_BACKEND_ROOTS.has(root)) return files;
  const suffixes = [`${module.replaceAll('.', '/')}.py`, `${module.replaceAll('.', '/')}/__init__.py`];
  for (const file of snapshot.files) {
    const inner = innerPath(file.path);
    if (suffixes.some((suffix) => inner === suffix || inner.endsWith(`/${suffix}`))) files.add(file.path);
  }
  return files;
}

/** The location of a file in this snapshot, with in-tree build backends recognised. */
export function locateFile(
  snapshot: PackageSnapshot,
  path: string,
  backends?: ReadonlySet<string>,
): LocationClass {
  const set = backends ?? buildBackendFiles(snapshot);
  if (set.has(path)) return 'build-backend';
  return classifyLocation(path);
}

export function isInstallTime(location: LocationClass): boolean {
  return location === 'setup-script' || location === 'build-backend' || location === 'pth-file';
}

/** Code people run on purpose (tests, docs, examples) rather than code that runs by itself on install or import. */
export function isAuxiliary(location: LocationClass): boolean {
  return location === 'test' || location === 'docs' || location === 'example';
}
