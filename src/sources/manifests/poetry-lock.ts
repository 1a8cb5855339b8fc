import { parseTomlFile } from './pyproject.ts';
import type { Component, ComponentSource, ParsedFile } from './types.ts';
import { arr, capHashes, LineIndex, MAX_COMPONENTS, metadataError, pep503, rec, str } from './util.ts';

/** Poetry's `[package.source] type`: `legacy` and `pypi` are indexes; the rest bypass them. */
function poetrySource(type: string | undefined): ComponentSource {
  if (type === 'git') return 'vcs';
  if (type === 'url') return 'url';
  if (type === 'file' || type === 'directory') return 'path';
  return 'registry';
}

export function parsePoetryLock(file: string, text: string): ParsedFile {
  const doc = parseTomlFile(file, text);
  if (!Array.isArray(doc['package'])) throw metadataError(file, 'no [[package]] tables: not a poetry.lock');
  const index = new LineIndex(text);
  // poetry.lock 1.x kept hashes in [metadata.files]; 2.x keeps them per package.
  const legacyFiles = rec(rec(doc['metadata'])['files']);
  const components: Component[] = [];
  let cursor = 0;
  for (const entry of arr(doc['package']).slice(0, MAX_COMPONENTS)) {
    const pkg = rec(entry);
    const name = str(pkg['name']);
    const version = str(pkg['version']);
    if (name === undefined || version === undefined)
      throw metadataError(file, 'a [[package]] has no name or version');
    const at = index.offsetOf(`name = "${name}"`, cursor);
    if (at !== -1) cursor = at + 1;
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
      // `category` disappeared in poetry 1.5; later locks do not say which group needs a package.
      dev: str(pkg['category']) === 'dev',
      direct: false,
      declaredIn: at === -1 ? { file } : { file, line: index.lineAt(at) },
    });
  }
  return { components };
}
