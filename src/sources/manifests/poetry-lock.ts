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

/** Poetry's `[package.source] type`: `legacy` and `pypi` are indexes; the rest bypass them. */
function poetrySource(type: string | undefined): ComponentSource {
  if (type === 'git') return 'vcs';
  if (type === 'url') return 'url';
  if (type === 'file' || type === 'directory') return 'path';
  return 'registry';
}

/**
 * poetry.lock 2.x says which dependency groups need each package (`groups = ["main", "dev"]`): only packages
 * outside `main` are left out of a production install. 1.x before 1.5 said `category = "dev"`; 1.5 to 1.8 say
 * neither, and the graph from pyproject.toml decides (see index.ts).
 */
function isDevPackage(pkg: Rec): boolean {
  const groups = arr(pkg['groups']).map((g) => str(g));
  if (groups.length > 0) return !groups.includes('main');
  return str(pkg['category']) === 'dev';
}

/** `markers` is one string, or (2.x) one per group: the production group's is the one that decides an install. */
function markerOf(pkg: Rec): { marker?: string } {
  const markers = pkg['markers'];
  const marker = str(markers) ?? str(rec(markers)['main']) ?? str(Object.values(rec(markers))[0]);
  return marker === undefined ? {} : { marker };
}

export function parsePoetryLock(file: string, text: string): ParsedFile {
  const doc = parseTomlFile(file, text);
  if (!Array.isArray(doc['package'])) throw metadataError(file, 'no [[package]] tables: not a poetry.lock');
  const index = new LineIndex(text);
  // poetry.lock 1.x kept hashes in [metadata.files]; 2.x keeps them per package.
  const legacyFiles = rec(rec(doc['metadata'])['files']);
  const components: Component[] = [];
  const cursor = index.cursor();
  for (const entry of arr(doc['package']).slice(0, MAX_COMPONENTS)) {
    const pkg = rec(entry);
    const name = str(pkg['name']);
    const version = str(pkg['version']);
    if (name === undefined || version === undefined)
      throw metadataError(file, 'a [[package]] has no name or version');
    const line = cursor.findTableName('[[package]]');
    const src = rec(pkg['source']);
    const type = str(src['type']);
    const source = poetrySource(type);
    const srcUrl = str(src['url']);
    const ref = str(src['resolved_reference']) ?? str(src['reference']);
    const url =
      srcUrl === undefined ? undefined : source === 'vcs' && ref !== undefined ? `${srcUrl}@${ref}` : srcUrl;
    const fileList = Array.isArray(pkg['files']) ? arr(pkg['files']) : arr(legacyFiles[name]);
    const hashes = capHashes(fileList.map((f) => str(rec(f)['hash']) ?? ''));
    components.push({
      ecosystem: 'pypi',
      name,
      normalizedName: pep503(name),
      version,
      pinned: true,
      source,
      ...(url === undefined ? {} : { url }),
      ...(hashes === undefined ? {} : { hashes }),
      ...markerOf(pkg),
      dev: isDevPackage(pkg),
      direct: false,
      declaredIn: line === undefined ? { file } : { file, line },
    });
  }
  return { components };
}
