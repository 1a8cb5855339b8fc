/**
 * npm install-time facts: which lifecycle scripts run on `npm install`, and which of the package's
 * own files they run. npm runs preinstall, install and postinstall of every dependency installed
 * from the registry (unless --ignore-scripts); `prepare` runs only for git and local installs.
 */
import type { PackageFacts } from '../../analysis/types.ts';
import { NODE_RESOLVE_SUFFIXES } from '../../metadata/npm/module-resolution.ts';
import type { PackageSnapshot } from '../../metadata/snapshot.ts';
import type { DeclaredScript } from '../../metadata/types.ts';

export const INSTALL_SCRIPTS: readonly string[] = ['preinstall', 'install', 'postinstall'];

export function installScripts(snapshot: PackageSnapshot): readonly DeclaredScript[] {
  if (snapshot.ecosystem !== 'npm') return [];
  return snapshot.metadata.scripts.filter((script) => INSTALL_SCRIPTS.includes(script.name));
}

/** The folder of package.json inside the artifact ('package/' for a tarball, '' for a folder). */
export function packageRoot(snapshot: PackageSnapshot): string {
  const source = snapshot.metadata.sources.find((entry) => entry.kind === 'package.json');
  if (source === undefined) return '';
  const slash = source.file.lastIndexOf('/');
  return slash < 0 ? '' : source.file.slice(0, slash + 1);
}

/** Normalises a relative path ('./a/../b.js' → 'b.js'); undefined when it leaves the package. */
export function joinPath(base: string, relative: string): string | undefined {
  const parts = base === '' ? [] : base.replace(/\/$/, '').split('/');
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

function findFile(files: ReadonlySet<string>, path: string): string | undefined {
  for (const extension of NODE_RESOLVE_SUFFIXES) {
    if (files.has(path + extension)) return path + extension;
  }
  return undefined;
}

const INLINE_REQUIRE =
  /\brequire\(\s*['"`](\.{1,2}\/[^'"`]+)['"`]\s*\)|\bimport\(\s*['"`](\.{1,2}\/[^'"`]+)['"`]\s*\)/g;

/**
 * `node x.js`, `node ./scripts/y`, `node -r z x`: the files a command hands to node, also inside
 * `sh -c "…"` and after `&&`, `;` or `|`, and the package files an inline `node -e "require('./x')"` loads.
 */
export function nodeFilesOf(command: string): string[] {
  const out: string[] = [];
  for (const match of command.matchAll(INLINE_REQUIRE)) out.push(match[1] ?? match[2] ?? '');
  for (const part of command.split(/&&|\|\||;|\|/)) {
    // Quotes of `sh -c "node x.js"` wrap words; they do not change which file node runs.
    const words = part
      .trim()
      .split(/\s+/)
      .map((word) => word.replace(/^['"]+|['"]+$/g, ''));
    const at = words.findIndex((word) => /^(?:node|nodejs|node\.exe|tsx|ts-node)$/.test(word));
    if (at < 0) continue;
    for (let i = at + 1; i < words.length; i++) {
      const word = words[i] ?? '';
      if (word === '-e' || word === '--eval' || word === '-p' || word === '--print') break;
      if (word === '-r' || word === '--require') {
        i++;
        continue;
      }
      if (word.startsWith('-')) continue;
      out.push(word);
      break;
    }
  }
  return out;
}

/** Lifecycle scripts of the package's own install; `prepare` also runs when it is installed from git or a folder. */
const REACHING_SCRIPTS: readonly string[] = [...INSTALL_SCRIPTS, 'prepare'];
/** The package's own files one install or import can load: enough for any real package's graph. */
const MAX_REACHED_FILES = 200;

/**
 * Files that run at install time: those named by `node <file>` (also in `sh -c`, `&&` chains and inline
 * `node -e "require('./x')"`) in a lifecycle script, and the package's own files they require or import.
 */
export function installTimeFiles(snapshot: PackageSnapshot, facts?: PackageFacts): ReadonlySet<string> {
  if (snapshot.ecosystem !== 'npm') return new Set();
  const root = packageRoot(snapshot);
  const starts = snapshot.metadata.scripts
    .filter((script) => REACHING_SCRIPTS.includes(script.name))
    .flatMap((script) => nodeFilesOf(script.command))
    .map((target) => joinPath(root, target));
  return reachableFiles(snapshot, facts, starts);
}

/**
 * Files that run when the package is required or imported: its `main` (index.js by default), the targets
 * of `exports`, and the package's own files they load.
 */
export function importTimeFiles(snapshot: PackageSnapshot, facts?: PackageFacts): ReadonlySet<string> {
  if (snapshot.ecosystem !== 'npm') return new Set();
  const root = packageRoot(snapshot);
  const manifest = readManifest(snapshot);
  if (manifest === undefined) return new Set();
  const entries: string[] = [typeof manifest['main'] === 'string' ? manifest['main'] : 'index'];
  collectExportTargets(manifest['exports'], entries, 0);
  if (typeof manifest['module'] === 'string') entries.push(manifest['module']);
  return reachableFiles(
    snapshot,
    facts,
    entries.map((entry) => joinPath(root, entry)),
  );
}

/** When code runs: on `npm install`, on require / import, or only when the program calls it. */
export type CodeStage = 'install' | 'import' | 'runtime';

const stageMaps = new WeakMap<PackageFacts, ReadonlyMap<string, CodeStage>>();

/** The stage of every install- or import-reached file of an npm package (computed once per scan). */
export function npmStages(snapshot: PackageSnapshot, facts: PackageFacts): ReadonlyMap<string, CodeStage> {
  let stages = stageMaps.get(facts);
  if (stages === undefined) {
    const map = new Map<string, CodeStage>();
    // A payload kept without its package.json: its install script is unknown, so each of its files is judged as
    // code that may run on install (the common case for such payloads) rather than as dead code.
    if (snapshot.ecosystem === 'npm' && readManifest(snapshot) === undefined) {
      for (const source of facts.sources) if (source.language !== 'python') map.set(source.file, 'install');
    }
    for (const file of importTimeFiles(snapshot, facts)) map.set(file, 'import');
    for (const file of installTimeFiles(snapshot, facts)) map.set(file, 'install');
    stages = map;
    stageMaps.set(facts, stages);
  }
  return stages;
}

function readManifest(snapshot: PackageSnapshot): Record<string, unknown> | undefined {
  const source = snapshot.metadata.sources.find((entry) => entry.kind === 'package.json');
  const file = source === undefined ? undefined : snapshot.files.find((entry) => entry.path === source.file);
  if (file === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(file.data.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The relative file targets of an `exports` map, however deeply its conditions nest (bounded). */
function collectExportTargets(value: unknown, out: string[], depth: number): void {
  if (depth > 6 || out.length > 50) return;
  if (typeof value === 'string') {
    if (value.startsWith('./') && !value.includes('*')) out.push(value);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const entry of Object.values(value)) collectExportTargets(entry, out, depth + 1);
}

/** Breadth-first over relative require / import edges from the start files, at most MAX_REACHED_FILES. */
function reachableFiles(
  snapshot: PackageSnapshot,
  facts: PackageFacts | undefined,
  starts: readonly (string | undefined)[],
): ReadonlySet<string> {
  const out = new Set<string>();
  const paths = new Set(snapshot.files.map((file) => file.path));
  const queue: string[] = [];
  for (const start of starts) {
    const found = start === undefined ? undefined : findFile(paths, start);
    if (found !== undefined && !out.has(found)) {
      out.add(found);
      queue.push(found);
    }
  }
  if (facts === undefined) return out;
  const byFile = new Map(facts.sources.map((source) => [source.file, source]));
  while (queue.length > 0 && out.size < MAX_REACHED_FILES) {
    const file = queue.shift()!;
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    for (const fact of byFile.get(file)?.imports ?? []) {
      if (!fact.module.startsWith('.')) continue;
      const joined = joinPath(dir, fact.module);
      const found = joined === undefined ? undefined : findFile(paths, joined);
      if (found !== undefined && !out.has(found)) {
        out.add(found);
        queue.push(found);
      }
    }
  }
  return out;
}
