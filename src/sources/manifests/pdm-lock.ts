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

/** PDM's package tables: an index release, or `git` + `revision`, `url`, or `path` for the ones that bypass it. */
function pdmSource(pkg: Rec): { source: ComponentSource; url?: string } {
  const git = str(pkg['git']);
  if (git !== undefined) {
    const revision = str(pkg['revision']);
    return { source: 'vcs', url: revision === undefined ? git : `${git}@${revision}` };
  }
  const url = str(pkg['url']);
  if (url !== undefined) return { source: 'url', url };
  const path = str(pkg['path']);
  if (path !== undefined) return { source: 'path', url: path };
  return { source: 'registry' };
}

/**
 * pdm.lock (lock_version 4.x): `[[package]]` tables with the dependency groups that need them (`default` is the
 * production group), their PEP 508 `dependencies`, and file hashes. Direct names come from pyproject.toml beside it.
 */
export function parsePdmLock(file: string, text: string): ParsedFile {
  const doc = parseTomlFile(file, text);
  if (!Array.isArray(doc['package']) || str(rec(doc['metadata'])['lock_version']) === undefined)
    throw metadataError(file, 'no [metadata] lock_version or [[package]] tables: not a pdm.lock');
  const cursor = new LineIndex(text).cursor();
  const components: Component[] = [];
  for (const entry of arr(doc['package']).slice(0, MAX_COMPONENTS)) {
    const pkg = rec(entry);
    const name = str(pkg['name']);
    if (name === undefined) throw metadataError(file, 'a [[package]] has no name');
    const line = cursor.findTableName('[[package]]');
    const version = str(pkg['version']);
    const { source, url } = pdmSource(pkg);
    const hashes = capHashes(arr(pkg['files']).map((f) => str(rec(f)['hash']) ?? ''));
    const groups = arr(pkg['groups']).map((g) => str(g));
    const marker = str(pkg['marker']);
    components.push({
      ecosystem: 'pypi',
      name,
      normalizedName: pep503(name),
      ...(version === undefined ? {} : { version }),
      pinned: version !== undefined,
      source,
      ...(url === undefined ? {} : { url }),
      ...(hashes === undefined ? {} : { hashes }),
      ...(marker === undefined ? {} : { marker }),
      dev: groups.length > 0 && !groups.includes('default'),
      direct: false,
      declaredIn: line === undefined ? { file } : { file, line },
    });
  }
  return { components };
}
