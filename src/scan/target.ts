import { unpackBuffer } from '../artifacts/load.ts';
import { createSources, type FetchOptions, fetchTarget } from '../sources/fetch.ts';
import { parseTarget } from '../sources/target.ts';
import type { FetchedArtifact } from '../sources/types.ts';
import { type Catalog, defaultCatalog, scanArtifact, scanPath } from './scan.ts';
import type { ScanOptions, ScanResult } from './types.ts';

export interface TargetScan {
  readonly result: ScanResult;
  /** Set when the artifact came from a registry. */
  readonly fetched?: Omit<FetchedArtifact, 'bytes'>;
}

/**
 * Scans what the user named: a local path, or a registry package (`npm:x`, `pypi:x==1`, a purl), in which case
 * the artifact is downloaded (or taken from the cache), checked against the registry's digest, and unpacked in memory.
 */
export async function scanTarget(
  input: string,
  options: ScanOptions & { readonly fetch?: FetchOptions } = {},
  catalog: Catalog = defaultCatalog,
): Promise<TargetScan[]> {
  const target = parseTarget(input);
  if (target.kind === 'path') return [{ result: await scanPath(target.path, options, catalog) }];
  const sources = createSources(options.fetch ?? {});
  const artifacts = await fetchTarget(target, sources);
  const scans: TargetScan[] = [];
  for (const { bytes, ...fetched } of artifacts) {
    const unpacked = await unpackBuffer(bytes, fetched.filename, options.limits);
    const result = await scanArtifact(unpacked, { ...options, ecosystem: fetched.ecosystem }, catalog);
    scans.push({ result, fetched });
  }
  return scans;
}
