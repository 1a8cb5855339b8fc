/**
 * Files with the same bytes (and the same extension, which picks the analyzer) are analyzed once: an
 * archive of 250 members over one compressed stream, or a package that vendors one file many times,
 * costs one analysis, and every copy still gets its facts under its own path.
 */
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import type { PackageFile } from '../artifacts/types.ts';
import type { PackageFacts } from './types.ts';

export interface DuplicateGroups {
  /** The first file of each distinct content, in input order. */
  readonly unique: readonly PackageFile[];
  /** For each file of the input, in order: the path of the unique file that was analyzed for it. */
  readonly representative: readonly string[];
}

export function groupDuplicates(files: readonly PackageFile[]): DuplicateGroups {
  // Only files whose size occurs more than once are hashed.
  const sizes = new Map<number, number>();
  for (const file of files) sizes.set(file.data.length, (sizes.get(file.data.length) ?? 0) + 1);
  const firstByKey = new Map<string, string>();
  const unique: PackageFile[] = [];
  const representative: string[] = [];
  for (const file of files) {
    if ((sizes.get(file.data.length) ?? 0) < 2 || file.data.length === 0) {
      unique.push(file);
      representative.push(file.path);
      continue;
    }
    const key = `${extname(file.path).toLowerCase()}\u0000${createHash('sha256').update(file.data).digest('hex')}`;
    const first = firstByKey.get(key);
    if (first === undefined) {
      firstByKey.set(key, file.path);
      unique.push(file);
      representative.push(file.path);
    } else representative.push(first);
  }
  return { unique, representative };
}

function byFile<T extends { readonly file: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.file);
    if (list === undefined) out.set(item.file, [item]);
    else list.push(item);
  }
  return out;
}

function renamed<T extends { readonly file: string }>(items: readonly T[] | undefined, file: string): T[] {
  if (items === undefined) return [];
  return items.map((item) => (item.file === file ? item : { ...item, file }));
}

/** The facts of the unique files, given back to every copy under the copy's own path, in input order. */
export function expandDuplicates(
  files: readonly PackageFile[],
  groups: DuplicateGroups,
  facts: PackageFacts,
): PackageFacts {
  if (groups.unique.length === files.length) return facts;
  const sources = new Map(facts.sources.map((source) => [source.file, source]));
  const urls = byFile(facts.urls);
  const embedded = byFile(facts.embedded);
  const problems = byFile(facts.problems);
  const out: { sources: PackageFacts['sources'][number][]; urls: PackageFacts['urls'][number][] } & {
    embedded: PackageFacts['embedded'][number][];
    problems: PackageFacts['problems'][number][];
  } = { sources: [], urls: [], embedded: [], problems: [] };
  for (const [index, file] of files.entries()) {
    const from = groups.representative[index] ?? file.path;
    const source = sources.get(from);
    if (source !== undefined) {
      out.sources.push(
        from === file.path
          ? source
          : {
              ...source,
              file: file.path,
              imports: renamed(source.imports, file.path),
              calls: renamed(source.calls, file.path),
              strings: renamed(source.strings, file.path),
              constructs: renamed(source.constructs, file.path),
            },
      );
    }
    out.urls.push(...renamed(urls.get(from), file.path));
    out.embedded.push(...renamed(embedded.get(from), file.path));
    out.problems.push(...renamed(problems.get(from), file.path));
  }
  return out;
}
