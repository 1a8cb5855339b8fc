/**
 * The lines around an occurrence, re-read from the scanned artifact in the download cache (by its
 * sha256, which the cache checks again). The archive is unpacked in memory with the usual limits; a
 * missing artifact or file is "not at hand", never an error.
 */
import { unpackBuffer } from '../artifacts/load.ts';
import type { UnpackedArtifact } from '../artifacts/types.ts';
import type { Report } from '../report/model.ts';
import { Cache, defaultCacheDir } from '../sources/cache.ts';
import type { ExcerptReader } from './site.ts';
import type { Excerpt } from './views/evidence.ts';

/** Lines shown before and after the marked one. */
export const EXCERPT_CONTEXT = 6;
const LIMITS = { maxTotalBytes: 256 * 1024 ** 2, maxMembers: 20_000 } as const;

/** The file's lines around `line` (1-based), or null when the line is past its end. */
export function excerptOf(text: string, line: number, context = EXCERPT_CONTEXT): Excerpt | null {
  const lines = text.split(/\r?\n/);
  if (line < 1 || line > lines.length) return null;
  const first = Math.max(1, line - context);
  return { first, lines: lines.slice(first - 1, line + context) };
}

/** The member an evidence path names: the same path, or the path under the archive's top directory. */
export function findMember(artifact: UnpackedArtifact, file: string): Buffer | null {
  const exact = artifact.files.find((f) => f.path === file);
  if (exact !== undefined) return exact.data;
  const nested = artifact.files.filter((f) => f.path.endsWith(`/${file}`));
  return nested.length === 1 ? (nested[0]?.data ?? null) : null;
}

export function cacheExcerpts(env: Readonly<Record<string, string | undefined>>): ExcerptReader {
  const cache = new Cache({ dir: defaultCacheDir(env) });
  // The last artifact unpacked: evidence of one package is usually read one item after another.
  let last: { sha256: string; artifact: UnpackedArtifact } | null = null;
  return async (report: Report, file: string, line: number) => {
    const { sha256, file: name } = report.target.artifact;
    if (last?.sha256 !== sha256) {
      const bytes = await cache.getBlob(sha256);
      if (bytes === undefined) return null;
      last = { sha256, artifact: await unpackBuffer(bytes, name, LIMITS) };
    }
    const data = findMember(last.artifact, file);
    return data === null ? null : excerptOf(data.toString('utf8'), line);
  };
}
