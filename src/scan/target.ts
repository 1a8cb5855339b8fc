import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { resolveLimits } from '../artifacts/limits.ts';
import { unpackBuffer } from '../artifacts/load.ts';
import type { Catalog } from '../catalog/types.ts';
import { registryFactsSource } from '../enrich/registry.ts';
import type { RegistryFactsSource } from '../enrich/types.ts';
import { readNpmManifestFields } from '../metadata/npm/package-json.ts';
import { createSources, type FetchOptions, fetchTarget, type Sources } from '../sources/fetch.ts';
import { HttpClient } from '../sources/http.ts';
import { npmPackumentPath } from '../sources/names.ts';
import { Transport } from '../sources/transport.ts';
import type { FetchedArtifact } from '../sources/types.ts';
import { type ClassifiedTarget, classifyTarget } from './classify.ts';
import { detectEcosystem } from './ecosystem.ts';
import { scanProject } from './project.ts';
import { defaultCatalog, scanArtifact, scanPath } from './scan.ts';
import type { ScanOptions, ScanResult } from './types.ts';

export interface TargetScan {
  readonly result: ScanResult;
  /** Set when the artifact came from a registry. */
  readonly fetched?: Omit<FetchedArtifact, 'bytes'>;
}

/**
 * The registry's own manifest of an npm version, to compare with the tarball's package.json. It comes
 * from the packument the resolver has just fetched (a cache hit, not a second download); failing to read
 * it only means the comparison is skipped.
 */
async function npmRegistryManifest(
  sources: Sources,
  options: FetchOptions,
  name: string,
  version: string,
): Promise<Readonly<Record<string, unknown>> | undefined> {
  try {
    const transport = new Transport(
      new HttpClient(options.http),
      sources.cache,
      sources.config.offline,
      options.limits,
    );
    const url = `${sources.config.npmRegistry.replace(/\/+$/, '')}/${npmPackumentPath(name)}`;
    const response = await transport.getMeta(url, 'application/json', `the npm packument of ${name}`);
    const packument: unknown = JSON.parse(response.body.toString('utf8'));
    const versions =
      typeof packument === 'object' && packument !== null
        ? (packument as { versions?: unknown }).versions
        : undefined;
    const manifest =
      typeof versions === 'object' && versions !== null
        ? (versions as Record<string, unknown>)[version]
        : undefined;
    return typeof manifest === 'object' && manifest !== null && !Array.isArray(manifest)
      ? (manifest as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A local npm tarball scanned with registry checks on: its bytes are hashed and the registry's manifest of the
 * same name and version is fetched, so the scan can tell whether this file is what the registry publishes
 * (tarball-differs-from-registry) and whether its package.json says what the registry says. Undefined when the
 * path is not a file assay may read whole, or not an npm tarball: the caller scans it the ordinary way.
 */
async function scanAgainstRegistry(
  path: string,
  sources: Sources,
  options: ScanOptions & { readonly fetch?: FetchOptions },
  catalog: Catalog,
): Promise<ScanResult | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || !info.isFile() || info.size > resolveLimits(options.limits).maxTotalBytes)
    return undefined;
  const bytes = await readFile(path).catch(() => undefined);
  if (bytes === undefined) return undefined;
  const unpacked = await unpackBuffer(bytes, path, options.limits);
  const ecosystem = options.ecosystem ?? detectEcosystem(unpacked.files);
  const fields =
    unpacked.format === 'tar.gz' && ecosystem === 'npm' ? readNpmManifestFields(unpacked.files) : undefined;
  const name = fields?.json['name'];
  const version = fields?.json['version'];
  const registryManifest =
    typeof name === 'string' && typeof version === 'string'
      ? await npmRegistryManifest(sources, options.fetch ?? {}, name, version)
      : undefined;
  const artifactDigests = {
    sha512: createHash('sha512').update(bytes).digest('hex'),
    sha1: createHash('sha1').update(bytes).digest('hex'),
  };
  return scanArtifact(
    unpacked,
    { ...options, ...(registryManifest === undefined ? {} : { registryManifest, artifactDigests }) },
    catalog,
  );
}

/**
 * The registry facts source for the hunting checks: an injected one, else one over the sources when the
 * scan may use the network; none offline, so offline checks say "not checked" instead of guessing.
 */
function registryOption(options: ScanOptions, sources: Sources | undefined): RegistryFactsSource | undefined {
  if (options.registry !== undefined) return options.registry;
  if (options.network !== true || sources === undefined || sources.config.offline) return undefined;
  return registryFactsSource(sources);
}

/**
 * Scans what the user named: a local path, or a registry package (`npm:x`, `pypi:x==1`, a purl), in which case
 * the artifact is downloaded (or taken from the cache), checked against the registry's digest, and unpacked in memory.
 */
export async function scanTarget(
  input: string | ClassifiedTarget,
  options: ScanOptions & { readonly fetch?: FetchOptions; readonly deep?: boolean } = {},
  catalog: Catalog = defaultCatalog,
): Promise<TargetScan[]> {
  const target = typeof input === 'string' ? await classifyTarget(input) : input;
  if (target.kind === 'project') {
    const needsSources = options.network === true || options.deep === true;
    const sources = needsSources ? createSources(options.fetch ?? {}) : undefined;
    const registry = registryOption(options, sources);
    const result = await scanProject(
      target.path,
      {
        ...options,
        ...(registry === undefined ? {} : { registry }),
        ...(sources === undefined ? {} : { sources }),
      },
      catalog,
    );
    return [{ result }];
  }
  if (target.kind === 'package') {
    const sources = options.network === true ? createSources(options.fetch ?? {}) : undefined;
    const registry = registryOption(options, sources);
    const scanOptions = { ...options, ...(registry ? { registry } : {}) };
    const compared =
      sources === undefined || sources.config.offline
        ? undefined
        : await scanAgainstRegistry(target.path, sources, scanOptions, catalog);
    return [{ result: compared ?? (await scanPath(target.path, scanOptions, catalog)) }];
  }
  const sources = createSources(options.fetch ?? {});
  const registry = registryOption(options, sources);
  const artifacts = await fetchTarget(target.target, sources);
  const scans: TargetScan[] = [];
  for (const { bytes, ...fetched } of artifacts) {
    const unpacked = await unpackBuffer(bytes, fetched.filename, options.limits);
    const registryManifest =
      fetched.ecosystem === 'npm'
        ? await npmRegistryManifest(sources, options.fetch ?? {}, fetched.name, fetched.version)
        : undefined;
    const result = await scanArtifact(
      unpacked,
      {
        ...options,
        ...(registry === undefined ? {} : { registry }),
        ecosystem: fetched.ecosystem,
        ...(registryManifest !== undefined ? { registryManifest } : {}),
        ...(fetched.ecosystem === 'pypi'
          ? { indexFile: fetched.provenance === undefined ? {} : { provenance: fetched.provenance } }
          : {}),
      },
      catalog,
    );
    scans.push({ result, fetched });
  }
  return scans;
}
