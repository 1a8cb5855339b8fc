import type { Component, ComponentSource, ParsedFile } from './types.ts';
import {
  arr,
  capHashes,
  isRecord,
  LineIndex,
  MAX_COMPONENTS,
  metadataError,
  parseJsonFile,
  pep440Exact,
  pep503,
  rec,
  str,
} from './util.ts';

export function parsePipfileLock(file: string, text: string): ParsedFile {
  const doc = parseJsonFile(file, text);
  if (!isRecord(doc) || (!isRecord(doc['default']) && !isRecord(doc['develop'])))
    throw metadataError(file, 'no "default" or "develop" section: not a Pipfile.lock');
  const index = new LineIndex(text);
  const components: Component[] = [];
  for (const [section, dev] of [
    ['default', false],
    ['develop', true],
  ] as const) {
    const cursor = index.cursor(index.offsetOf(`"${section}"`));
    for (const [name, value] of Object.entries(rec(doc[section])).slice(0, MAX_COMPONENTS)) {
      const entry = rec(value);
      const spec = str(entry['version']);
      const version = pep440Exact(spec);
      const git = str(entry['git']);
      const path = str(entry['path']);
      const fileUrl = str(entry['file']);
      let source: ComponentSource = 'registry';
      let url: string | undefined;
      if (git !== undefined) {
        source = 'vcs';
        const ref = str(entry['ref']);
        url = ref === undefined ? git : `${git}@${ref}`;
      } else if (path !== undefined) {
        source = 'path';
        url = path;
      } else if (fileUrl !== undefined) {
        source = /^https?:/i.test(fileUrl) ? 'url' : 'path';
        url = fileUrl;
      }
      const hashes = capHashes(arr(entry['hashes']).map((h) => str(h) ?? ''));
      const marker = str(entry['markers']);
      const line = cursor.find(`"${name}"`);
      components.push({
        ecosystem: 'pypi',
        name,
        normalizedName: pep503(name),
        ...(version === undefined ? {} : { version }),
        ...(spec === undefined || version !== undefined ? {} : { specifier: spec }),
        pinned: version !== undefined,
        source,
        ...(url === undefined ? {} : { url }),
        ...(hashes === undefined ? {} : { hashes }),
        ...(marker === undefined ? {} : { marker }),
        dev,
        direct: false,
        declaredIn: line === undefined ? { file } : { file, line },
      });
    }
  }
  return { components };
}
