import { AssayError } from '../core/errors.ts';
import type { Ecosystem } from '../metadata/types.ts';
import { Cache, defaultCacheDir } from './cache.ts';
import { HttpClient, type HttpOptions } from './http.ts';
import { DEFAULT_NPM_REGISTRY, NpmClient } from './npm.ts';
import { DEFAULT_PYPI_INDEX, PypiClient } from './pypi.ts';
import { selectArtifacts } from './select.ts';
import { Transport, type TransportLimits } from './transport.ts';
import type { ArtifactChoice, FetchedArtifact, PackageFacts, RegistryClient, ScanTarget } from './types.ts';

/** Everything a command can set about fetching; unset values come from the environment, then defaults. */
export interface FetchOptions {
  /** Default 'auto': the sdist, else a pure-Python wheel, else the first wheel. */
  readonly artifact?: ArtifactChoice;
  /** Only the cache: `--offline` or ASSAY_OFFLINE=1. */
  readonly offline?: boolean;
  /** `--index-url`, else ASSAY_PYPI_INDEX_URL, PIP_INDEX_URL, https://pypi.org/simple. */
  readonly pypiIndexUrl?: string;
  /** PyPI JSON API base; null for an index without one. Derived from the index URL by default. */
  readonly pypiJsonApiUrl?: string | null;
  /** Where PyPI file lists come from (default the Simple API). */
  readonly pypiApi?: 'simple' | 'json';
  /** `--registry`, else ASSAY_NPM_REGISTRY, https://registry.npmjs.org. */
  readonly npmRegistry?: string;
  /** ASSAY_NPM_TOKEN: bearer token for a private npm registry. */
  readonly npmToken?: string;
  /** ASSAY_CACHE_DIR, else ${XDG_CACHE_HOME:-~/.cache}/assay. */
  readonly cacheDir?: string;
  /** ASSAY_CACHE_MAX_BYTES, default 2 GiB. */
  readonly cacheMaxBytes?: number;
  readonly metadataTtlMs?: number;
  /** No on-disk cache at all. */
  readonly noCache?: boolean;
  /** The environment to read (the CLI passes io.env); process.env when absent. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly http?: Partial<HttpOptions>;
  readonly limits?: Partial<TransportLimits>;
}

export interface SourceConfig {
  readonly artifact: ArtifactChoice;
  readonly offline: boolean;
  readonly pypiIndexUrl: string;
  readonly pypiJsonApiUrl?: string | null;
  readonly pypiApi: 'simple' | 'json';
  readonly npmRegistry: string;
  readonly npmToken?: string;
  readonly cacheDir?: string;
  readonly cacheMaxBytes?: number;
  readonly metadataTtlMs?: number;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}

function checkUrl(url: string, what: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AssayError('E_CONFIG', `The ${what} "${url}" is not a URL.`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw new AssayError('E_CONFIG', `The ${what} must be an http(s) URL, not ${u.protocol}.`);
  }
  return url;
}

/** Whether `--offline` or ASSAY_OFFLINE (1, true or yes) asks for the cache only: the one place that reads it. */
export function offlineRequested(
  flag: boolean | undefined,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (flag !== undefined) return flag;
  const value = nonEmpty(env['ASSAY_OFFLINE']);
  return value !== undefined && /^(1|true|yes)$/i.test(value);
}

/** Flags win over the environment, the environment over defaults. */
export function resolveSourceConfig(options: FetchOptions = {}): SourceConfig {
  const env = options.env ?? process.env;
  const offline = offlineRequested(options.offline, env);
  const pypiIndexUrl = checkUrl(
    nonEmpty(options.pypiIndexUrl) ??
      nonEmpty(env['ASSAY_PYPI_INDEX_URL']) ??
      nonEmpty(env['PIP_INDEX_URL']) ??
      DEFAULT_PYPI_INDEX,
    'PyPI index URL',
  );
  const npmRegistry = checkUrl(
    nonEmpty(options.npmRegistry) ?? nonEmpty(env['ASSAY_NPM_REGISTRY']) ?? DEFAULT_NPM_REGISTRY,
    'npm registry URL',
  );
  const npmToken = nonEmpty(options.npmToken) ?? nonEmpty(env['ASSAY_NPM_TOKEN']);
  let cacheMaxBytes = options.cacheMaxBytes;
  const maxEnv = nonEmpty(env['ASSAY_CACHE_MAX_BYTES']);
  if (cacheMaxBytes === undefined && maxEnv !== undefined) {
    if (!/^\d+$/.test(maxEnv))
      throw new AssayError('E_CONFIG', `ASSAY_CACHE_MAX_BYTES must be a number of bytes.`);
    cacheMaxBytes = Number(maxEnv);
  }
  const jsonEnv = nonEmpty(env['ASSAY_PYPI_JSON_URL']);
  const pypiJsonApiUrl = options.pypiJsonApiUrl !== undefined ? options.pypiJsonApiUrl : jsonEnv;
  return {
    artifact: options.artifact ?? 'auto',
    offline,
    pypiIndexUrl,
    pypiApi: options.pypiApi ?? 'simple',
    npmRegistry,
    ...(pypiJsonApiUrl !== undefined ? { pypiJsonApiUrl } : {}),
    ...(npmToken !== undefined ? { npmToken } : {}),
    ...(options.noCache === true ? {} : { cacheDir: options.cacheDir ?? defaultCacheDir(env) }),
    ...(cacheMaxBytes !== undefined ? { cacheMaxBytes } : {}),
    ...(options.metadataTtlMs !== undefined ? { metadataTtlMs: options.metadataTtlMs } : {}),
  };
}

export interface Sources {
  readonly config: SourceConfig;
  readonly cache: Cache | undefined;
  readonly pypi: PypiClient;
  readonly npm: NpmClient;
  client(ecosystem: Ecosystem): RegistryClient;
}

/** Builds the registry clients once; reuse the result for many targets. */
export function createSources(options: FetchOptions = {}): Sources {
  const config = resolveSourceConfig(options);
  const cache =
    config.cacheDir !== undefined
      ? new Cache({
          dir: config.cacheDir,
          ...(config.cacheMaxBytes !== undefined ? { maxBytes: config.cacheMaxBytes } : {}),
          ...(config.metadataTtlMs !== undefined ? { metadataTtlMs: config.metadataTtlMs } : {}),
        })
      : undefined;
  const transport = new Transport(new HttpClient(options.http), cache, config.offline, options.limits);
  const pypi = new PypiClient(transport, {
    indexUrl: config.pypiIndexUrl,
    api: config.pypiApi,
    ...(config.pypiJsonApiUrl !== undefined ? { jsonApiUrl: config.pypiJsonApiUrl } : {}),
  });
  const npm = new NpmClient(transport, {
    registry: config.npmRegistry,
    ...(config.npmToken !== undefined ? { token: config.npmToken } : {}),
  });
  return { config, cache, pypi, npm, client: (ecosystem) => (ecosystem === 'pypi' ? pypi : npm) };
}

function sourcesOf(options: FetchOptions | Sources): Sources {
  return 'client' in options ? options : createSources(options);
}

/**
 * Resolves a registry target and downloads the selected artifacts, each verified against the registry's
 * digest: one, or every sdist and wheel with `artifact: 'all'`.
 */
export async function fetchTarget(
  target: ScanTarget,
  options: FetchOptions | Sources = {},
): Promise<FetchedArtifact[]> {
  if (target.kind !== 'registry') {
    throw new AssayError(
      'E_USAGE',
      `fetchTarget needs a registry target; "${target.input}" is a local path.`,
    );
  }
  const sources = sourcesOf(options);
  const client = sources.client(target.ecosystem);
  const release = await client.resolve(target.name, target.version);
  const files = selectArtifacts(release, sources.config.artifact, target.qualifiers['file_name']);
  const out: FetchedArtifact[] = [];
  for (const file of files) {
    const fetched = await client.fetchArtifact(file);
    out.push({
      ecosystem: file.ecosystem,
      name: release.name,
      version: release.version,
      filename: file.filename,
      kind: file.kind,
      bytes: fetched.bytes,
      sha256: fetched.sha256,
      url: file.url,
      fromCache: fetched.fromCache,
      verifiedWith: fetched.verifiedWith,
      ...(file.yanked ? { yanked: true } : {}),
      ...(file.yankedReason !== undefined ? { yankedReason: file.yankedReason } : {}),
      ...(file.provenance !== undefined ? { provenance: file.provenance } : {}),
    });
  }
  return out;
}

/** Registry facts for the hunting checks: exists / not-found / removed, publish dates, maintainers, repository. */
export function packageFacts(
  ecosystem: Ecosystem,
  name: string,
  options: FetchOptions | Sources = {},
  version?: string,
): Promise<PackageFacts> {
  return sourcesOf(options).client(ecosystem).packageInfo(name, version);
}
