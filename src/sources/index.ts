export { Cache, type CacheOptions, defaultCacheDir } from './cache.ts';
export {
  createSources,
  type FetchOptions,
  fetchTarget,
  packageFacts,
  resolveSourceConfig,
  type SourceConfig,
  type Sources,
} from './fetch.ts';
export { HttpClient, type HttpOptions } from './http.ts';
export { DEFAULT_NPM_REGISTRY, NpmClient } from './npm.ts';
export { type PackageUrl, parsePurl } from './purl.ts';
export { DEFAULT_PYPI_INDEX, PypiClient } from './pypi.ts';
export { selectArtifacts } from './select.ts';
export { parseTarget } from './target.ts';
export type * from './types.ts';
