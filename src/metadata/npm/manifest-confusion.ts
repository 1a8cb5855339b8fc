/**
 * "Manifest confusion": the npm registry stores the manifest the publishing client sent, separately from
 * the package.json inside the tarball, and never checks that they agree. npm install reads scripts and
 * dependencies from the tarball, while the website, audits and many scanners read the registry's copy,
 * so a package can hide an install script or a dependency from everything that only reads the registry.
 *
 * Publishing tools normalise the manifest, so some differences are expected and ignored here: `./` in
 * bin paths, a bin string turned into an object, optionalDependencies copied into dependencies, and
 * the `install: node-gyp rebuild` script npm adds when the package ships a binding.gyp.
 */

export interface ManifestDifference {
  /** The package.json field that differs ('scripts.postinstall', 'dependencies.evil', 'version'). */
  readonly field: string;
  readonly tarball?: string;
  readonly registry?: string;
}

const LIFECYCLE = ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare'];

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function stringMap(value: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, entry] of Object.entries(record(value)))
    if (typeof entry === 'string') out.set(key, entry);
  return out;
}

function bins(manifest: Record<string, unknown>): Map<string, string> {
  const bin = manifest['bin'];
  const name = typeof manifest['name'] === 'string' ? manifest['name'].replace(/^@[^/]+\//, '') : 'bin';
  const raw = typeof bin === 'string' ? new Map([[name, bin]]) : stringMap(bin);
  const out = new Map<string, string>();
  for (const [key, path] of raw) out.set(key, path.replace(/^(?:\.\/)+/, '').replace(/\/{2,}/g, '/'));
  return out;
}

function dependencies(manifest: Record<string, unknown>): Map<string, string> {
  const out = stringMap(manifest['dependencies']);
  for (const [key, spec] of stringMap(manifest['optionalDependencies'])) out.set(key, spec);
  return out;
}

function compareMaps(
  prefix: string,
  tarball: Map<string, string>,
  registry: Map<string, string>,
  out: ManifestDifference[],
): void {
  for (const key of new Set([...tarball.keys(), ...registry.keys()])) {
    const a = tarball.get(key);
    const b = registry.get(key);
    if (a === b) continue;
    out.push({
      field: `${prefix}.${key}`,
      ...(a !== undefined ? { tarball: a } : {}),
      ...(b !== undefined ? { registry: b } : {}),
    });
  }
}

/** Differences that matter for what npm install does: identity, install-time scripts, dependencies, bins. */
export function manifestDifferences(
  tarballJson: Readonly<Record<string, unknown>>,
  registryJson: Readonly<Record<string, unknown>>,
  shipsBindingGyp: boolean,
): ManifestDifference[] {
  const tarball = record(tarballJson);
  const registry = record(registryJson);
  const out: ManifestDifference[] = [];
  for (const field of ['name', 'version']) {
    const a = tarball[field];
    const b = registry[field];
    if (typeof a === 'string' && typeof b === 'string' && a !== b)
      out.push({ field, tarball: a, registry: b });
  }
  const pick = (manifest: Record<string, unknown>) => {
    const scripts = stringMap(manifest['scripts']);
    return new Map([...scripts].filter(([name]) => LIFECYCLE.includes(name)));
  };
  const tarballScripts = pick(tarball);
  const registryScripts = pick(registry);
  // npm publish adds this for packages with a binding.gyp and no install script of their own.
  if (
    shipsBindingGyp &&
    registryScripts.get('install') === 'node-gyp rebuild' &&
    !tarballScripts.has('install') &&
    !tarballScripts.has('preinstall')
  ) {
    registryScripts.delete('install');
  }
  compareMaps('scripts', tarballScripts, registryScripts, out);
  compareMaps('dependencies', dependencies(tarball), dependencies(registry), out);
  compareMaps('bin', bins(tarball), bins(registry), out);
  return out;
}
