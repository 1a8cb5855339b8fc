import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readNpmMetadata } from '../../metadata/npm/package-json.ts';
import type { PackageSnapshot } from '../../metadata/snapshot.ts';
import { manifestDiffersFromRegistry } from './manifest-differs-from-registry.ts';

/**
 * The registry's manifest only exists on registry scans, so these cases are snapshots built in memory
 * (a folder fixture cannot carry one); they are the positive and negative cases of this behavior.
 */
function snapshot(
  packageJson: object,
  registryManifest?: object,
  extra: Record<string, string> = {},
): PackageSnapshot {
  const files = [
    { path: 'package/package.json', data: Buffer.from(JSON.stringify(packageJson, null, 2)) },
    ...Object.entries(extra).map(([path, text]) => ({ path, data: Buffer.from(text) })),
  ];
  return {
    ecosystem: 'npm',
    name: 'demo',
    version: '1.0.0',
    artifact: { file: 'demo-1.0.0.tgz', sha256: '0'.repeat(64), size: 1, format: 'tar.gz' },
    files,
    metadata: readNpmMetadata(files),
    anomalies: [],
    limitHits: [],
    ...(registryManifest !== undefined
      ? { registryManifest: registryManifest as Record<string, unknown> }
      : {}),
  };
}

const detect = (s: PackageSnapshot) =>
  manifestDiffersFromRegistry.detect({
    snapshot: s,
    facts: { sources: [], urls: [], embedded: [], problems: [] },
  });

describe('manifest-differs-from-registry', () => {
  test('an install script hidden from the registry is reported at its package.json line', () => {
    const tarball = { name: 'demo', version: '1.0.0', scripts: { test: 'x', postinstall: 'node steal.js' } };
    const registry = { name: 'demo', version: '1.0.0', scripts: { test: 'x' } };
    const hits = detect(snapshot(tarball, registry));
    assert.equal(hits.length, 1);
    assert.equal(hits[0]?.field, 'scripts.postinstall');
    assert.equal(hits[0]?.line, 6);
    assert.match(hits[0]?.detail ?? '', /tarball only/);
  });

  test('a dependency and a version that differ are reported', () => {
    const tarball = { name: 'demo', version: '1.0.0', dependencies: { a: '^1.0.0', evil: '1.0.0' } };
    const registry = { name: 'demo', version: '1.0.1', dependencies: { a: '^1.0.0' } };
    const fields = detect(snapshot(tarball, registry))
      .map((hit) => hit.field)
      .sort();
    assert.deepEqual(fields, ['dependencies.evil', 'version']);
  });

  test("npm publish's own normalisations are not differences", () => {
    const tarball = {
      name: 'demo',
      version: '1.0.0',
      bin: './cli.js',
      dependencies: { a: '1' },
      optionalDependencies: { b: '2' },
    };
    const registry = {
      name: 'demo',
      version: '1.0.0',
      bin: { demo: 'cli.js' },
      dependencies: { a: '1', b: '2' },
      optionalDependencies: { b: '2' },
      scripts: { install: 'node-gyp rebuild' },
      gypfile: true,
    };
    assert.deepEqual(detect(snapshot(tarball, registry, { 'package/binding.gyp': '{}' })), []);
  });

  test('no registry manifest (a local file) means no finding', () => {
    assert.deepEqual(detect(snapshot({ name: 'demo', version: '1.0.0', scripts: { postinstall: 'x' } })), []);
  });
});
