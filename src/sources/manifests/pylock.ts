import { parseTomlFile } from './pyproject.ts';
import type { Component, ComponentSource, ParsedFile } from './types.ts';
import {
  arr,
  capHashes,
  LineIndex,
  MAX_COMPONENTS,
  metadataError,
  pep503,
  type Rec,
  rec,
  str,
} from './util.ts';

function hashesOf(table: Rec): string[] {
  return Object.entries(rec(table['hashes'])).map(([algo, hex]) => `${algo}:${str(hex) ?? ''}`);
}

/** PEP 751: a package comes from exactly one of vcs, directory, archive, or an index (sdist / wheels). */
export function parsePylock(file: string, text: string): ParsedFile {
  const doc = parseTomlFile(file, text);
  if (str(doc['lock-version']) === undefined || !Array.isArray(doc['packages']))
    throw metadataError(file, 'no lock-version or [[packages]]: not a pylock.toml');
  const index = new LineIndex(text);
  const components: Component[] = [];
  const cursor = index.cursor();
  for (const entry of arr(doc['packages']).slice(0, MAX_COMPONENTS)) {
    const pkg = rec(entry);
    const name = str(pkg['name']);
    if (name === undefined) throw metadataError(file, 'a [[packages]] table has no name');
    const line = cursor.findTableName('[[packages]]');
    const version = str(pkg['version']);
    const vcs = rec(pkg['vcs']);
    const directory = rec(pkg['directory']);
    const archive = rec(pkg['archive']);
    let source: ComponentSource = 'registry';
    let url: string | undefined;
    let hashes: string[] = [];
    if (str(vcs['url']) !== undefined || str(vcs['path']) !== undefined) {
      source = 'vcs';
      const commit = str(vcs['commit-id']);
      const where = str(vcs['url']) ?? str(vcs['path']) ?? '';
      url = commit === undefined ? where : `${where}@${commit}`;
    } else if (str(directory['path']) !== undefined) {
      source = 'path';
      url = str(directory['path']);
    } else if (str(archive['url']) !== undefined || str(archive['path']) !== undefined) {
      source = str(archive['url']) !== undefined ? 'url' : 'path';
      url = str(archive['url']) ?? str(archive['path']);
      hashes = hashesOf(archive);
    } else {
      hashes = [rec(pkg['sdist']), ...arr(pkg['wheels']).map(rec)].flatMap(hashesOf);
    }
    const capped = capHashes(hashes);
    const marker = str(pkg['marker']);
    components.push({
      ecosystem: 'pypi',
      name,
      normalizedName: pep503(name),
      ...(version === undefined ? {} : { version }),
      pinned: version !== undefined,
      source,
      ...(url === undefined ? {} : { url }),
      ...(capped === undefined ? {} : { hashes: capped }),
      ...(marker === undefined ? {} : { marker }),
      dev: false,
      direct: false,
      declaredIn: line === undefined ? { file } : { file, line },
    });
  }
  return { components: markRoots(arr(doc['packages']).slice(0, MAX_COMPONENTS), components) };
}

/**
 * PEP 751 packages may list their `dependencies`; without a manifest beside the lock, the packages no other
 * package depends on are the ones the project asked for. Without any `dependencies` arrays nothing is known.
 */
function markRoots(tables: readonly unknown[], components: Component[]): Component[] {
  const needed = new Set<string>();
  let graph = false;
  for (const table of tables) {
    const deps = rec(table)['dependencies'];
    if (!Array.isArray(deps)) continue;
    graph = true;
    for (const dep of deps) {
      const name = str(rec(dep)['name']);
      if (name !== undefined) needed.add(pep503(name));
    }
  }
  if (!graph) return components;
  return components.map((c) => (needed.has(c.normalizedName) ? c : { ...c, direct: true }));
}
