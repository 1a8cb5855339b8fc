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

function uvSource(src: Rec): { source: ComponentSource; url?: string; root: boolean } {
  const registry = str(src['registry']);
  if (registry !== undefined) return { source: 'registry', url: registry, root: false };
  const git = str(src['git']);
  if (git !== undefined) return { source: 'vcs', url: git, root: false };
  const url = str(src['url']);
  if (url !== undefined) return { source: 'url', url, root: false };
  // `editable` / `virtual` at `.` is the project itself; other local sources are path dependencies.
  const local = str(src['editable']) ?? str(src['virtual']) ?? str(src['path']) ?? str(src['directory']);
  const root = (src['editable'] !== undefined || src['virtual'] !== undefined) && local === '.';
  return local === undefined ? { source: 'registry', root } : { source: 'path', url: local, root };
}

export function parseUvLock(file: string, text: string): ParsedFile {
  const doc = parseTomlFile(file, text);
  if (!Array.isArray(doc['package'])) throw metadataError(file, 'no [[package]] tables: not a uv.lock');
  const index = new LineIndex(text);
  const components: Component[] = [];
  const directProd = new Set<string>();
  const directDev = new Set<string>();
  const cursor = index.cursor();
  for (const entry of arr(doc['package']).slice(0, MAX_COMPONENTS)) {
    const pkg = rec(entry);
    const name = str(pkg['name']);
    if (name === undefined) throw metadataError(file, 'a [[package]] has no name');
    const line = cursor.findTableName('[[package]]');
    const { source, url, root } = uvSource(rec(pkg['source']));
    if (root) {
      for (const d of arr(pkg['dependencies'])) directProd.add(pep503(str(rec(d)['name']) ?? ''));
      for (const list of Object.values(rec(pkg['optional-dependencies'])))
        for (const d of arr(list)) directProd.add(pep503(str(rec(d)['name']) ?? ''));
      for (const list of Object.values(rec(pkg['dev-dependencies'])))
        for (const d of arr(list)) directDev.add(pep503(str(rec(d)['name']) ?? ''));
      continue;
    }
    const version = str(pkg['version']);
    const hashes = capHashes(
      [rec(pkg['sdist']), ...arr(pkg['wheels']).map(rec)].map((f) => str(f['hash']) ?? ''),
    );
    components.push({
      ecosystem: 'pypi',
      name,
      normalizedName: pep503(name),
      ...(version === undefined ? {} : { version }),
      pinned: version !== undefined,
      source,
      ...(url === undefined || source === 'registry' ? {} : { url }),
      ...(hashes === undefined ? {} : { hashes }),
      dev: false,
      direct: false,
      declaredIn: line === undefined ? { file } : { file, line },
    });
  }
  const marked = components.map((c) => {
    const prod = directProd.has(c.normalizedName);
    const dev = directDev.has(c.normalizedName);
    return prod || dev ? { ...c, direct: true, dev: dev && !prod } : c;
  });
  return { components: marked };
}
