/**
 * npm install-time facts: which lifecycle scripts run on `npm install`, and which of the package's
 * own files they run. npm runs preinstall, install and postinstall of every dependency installed
 * from the registry (unless --ignore-scripts); `prepare` runs only for git and local installs.
 */
import type { PackageFacts } from '../../analysis/types.ts';
import type { PackageSnapshot } from '../../core/snapshot.ts';
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

const SCRIPT_EXTENSIONS = ['', '.js', '.cjs', '.mjs', '.ts', '/index.js', '/index.cjs', '/index.mjs'];

function findFile(files: ReadonlySet<string>, path: string): string | undefined {
  for (const extension of SCRIPT_EXTENSIONS) {
    if (files.has(path + extension)) return path + extension;
  }
  return undefined;
}

/** `node x.js`, `node ./scripts/y`, `node -r z x`: the files a command hands to node. */
export function nodeFilesOf(command: string): string[] {
  const out: string[] = [];
  for (const part of command.split(/&&|\|\||;|\|/)) {
    const words = part.trim().split(/\s+/);
    const at = words.findIndex((word) => /^(?:node|nodejs|node\.exe|tsx|ts-node)$/.test(word));
    if (at < 0) continue;
    for (let i = at + 1; i < words.length; i++) {
      const word = (words[i] ?? '').replace(/^['"]|['"]$/g, '');
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

/**
 * Files that run at install time: those named by `node <file>` in an install script, and the
 * package's own files they require (relative requires, followed a few levels, at most 100 files).
 */
export function installTimeFiles(snapshot: PackageSnapshot, facts?: PackageFacts): ReadonlySet<string> {
  const out = new Set<string>();
  const scripts = installScripts(snapshot);
  if (scripts.length === 0) return out;
  const root = packageRoot(snapshot);
  const paths = new Set(snapshot.files.map((file) => file.path));
  const queue: string[] = [];
  for (const script of scripts) {
    for (const target of nodeFilesOf(script.command)) {
      const joined = joinPath(root, target);
      const found = joined === undefined ? undefined : findFile(paths, joined);
      if (found !== undefined && !out.has(found)) {
        out.add(found);
        queue.push(found);
      }
    }
  }
  if (facts === undefined) return out;
  const byFile = new Map(facts.sources.map((source) => [source.file, source]));
  for (let guard = 0; queue.length > 0 && guard < 100 && out.size < 100; guard++) {
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
