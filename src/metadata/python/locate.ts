/**
 * Finds the package's own metadata files among all its files. Vendored packages carry their own
 * PKG-INFO, setup.py and dist-info deeper in the tree (`pkg/_vendor/six-1.16.0.dist-info/`); those
 * describe someone else, so only the top-most ones count.
 */
import type { PackageFile } from '../../artifacts/types.ts';

export type MetadataRole =
  | 'METADATA'
  | 'PKG-INFO'
  | 'egg-info/PKG-INFO'
  | 'requires.txt'
  | 'dist-info/entry_points.txt'
  | 'egg-info/entry_points.txt'
  | 'dist-info/top_level.txt'
  | 'egg-info/top_level.txt'
  | 'pyproject.toml'
  | 'setup.cfg'
  | 'setup.py';

export interface MetadataFile {
  readonly file: PackageFile;
  readonly role: MetadataRole;
}

const ROOT_FILES = new Set(['PKG-INFO', 'setup.py', 'setup.cfg', 'pyproject.toml']);
const INFO_FILES = new Set(['METADATA', 'PKG-INFO', 'requires.txt', 'entry_points.txt', 'top_level.txt']);

type InfoKind = 'dist-info' | 'egg-info';

function infoKind(dirName: string): InfoKind | undefined {
  if (dirName.endsWith('.dist-info')) return 'dist-info';
  if (dirName.endsWith('.egg-info') || dirName === 'EGG-INFO') return 'egg-info';
  return undefined;
}

function infoRole(kind: InfoKind, base: string): MetadataRole | undefined {
  if (kind === 'dist-info') {
    if (base === 'METADATA') return 'METADATA';
    if (base === 'entry_points.txt') return 'dist-info/entry_points.txt';
    if (base === 'top_level.txt') return 'dist-info/top_level.txt';
    return undefined;
  }
  if (base === 'PKG-INFO') return 'egg-info/PKG-INFO';
  if (base === 'requires.txt') return 'requires.txt';
  if (base === 'entry_points.txt') return 'egg-info/entry_points.txt';
  if (base === 'top_level.txt') return 'egg-info/top_level.txt';
  return undefined;
}

/** Keeps the entries whose depth is the smallest one present. */
function shallowest<T extends { depth: number }>(items: readonly T[]): T[] {
  const min = Math.min(...items.map((i) => i.depth));
  return items.filter((i) => i.depth === min);
}

/**
 * Root files (setup.py, PKG-INFO …) are taken only at depth 0 (a directory or a wheel) or 1 (an sdist's
 * single top folder): a module that happens to be named setup.py deeper down is not the build script.
 */
const MAX_ROOT_DEPTH = 1;

export function locateMetadataFiles(files: readonly PackageFile[]): MetadataFile[] {
  const infoDirs = new Map<string, { kind: InfoKind; depth: number; members: MetadataFile[] }>();
  const rootFiles: { depth: number; dir: string; entry: MetadataFile }[] = [];
  for (const file of files) {
    // A member of a nested archive belongs to that archive, not to this package.
    if (file.path.includes('!/')) continue;
    const segments = file.path.split('/').filter((s) => s !== '');
    const base = segments[segments.length - 1] ?? '';
    const dirSegments = segments.slice(0, -1);
    const parent = dirSegments[dirSegments.length - 1];
    const kind = parent === undefined ? undefined : infoKind(parent);
    if (kind && INFO_FILES.has(base)) {
      const role = infoRole(kind, base);
      if (!role) continue;
      const dir = dirSegments.join('/');
      const info = infoDirs.get(dir) ?? { kind, depth: dirSegments.length, members: [] };
      info.members.push({ file, role });
      infoDirs.set(dir, info);
    } else if (!kind && ROOT_FILES.has(base) && dirSegments.length <= MAX_ROOT_DEPTH) {
      rootFiles.push({
        depth: dirSegments.length,
        dir: dirSegments.join('/'),
        entry: { file, role: base as MetadataRole },
      });
    }
  }

  const found: MetadataFile[] = [];
  let rootDepthLimit = MAX_ROOT_DEPTH;
  for (const kind of ['dist-info', 'egg-info'] as const) {
    // A dist-info counts only with its METADATA; an egg-info may lack PKG-INFO in old sdists.
    const main: MetadataRole = 'METADATA';
    const candidates = [...infoDirs.values()].filter(
      (d) => d.kind === kind && (kind === 'egg-info' || d.members.some((m) => m.role === main)),
    );
    if (candidates.length === 0) continue;
    const chosen = shallowest(candidates);
    for (const dir of chosen) found.push(...dir.members);
    // A wheel's dist-info sits beside the installed modules: the package root is its parent, and a
    // setup.py further down is a module of the package (`pkg/setup.py`), not the build script.
    if (kind === 'dist-info') rootDepthLimit = Math.min(rootDepthLimit, (chosen[0]?.depth ?? 1) - 1);
  }
  const roots = rootFiles.filter((r) => r.depth <= rootDepthLimit);
  if (roots.length > 0) found.push(...shallowest(roots).map((r) => r.entry));
  return found.sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0));
}
