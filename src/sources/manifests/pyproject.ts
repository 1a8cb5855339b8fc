import { parse as parseToml } from 'smol-toml';
import { readPyprojectText, type TomlLines } from '../../metadata/python/pyproject.ts';
import { pep508Component } from './requirement.ts';
import type { Component, ParsedFile } from './types.ts';
import { arr, isDevGroupName, metadataError, pep440Exact, pep503, type Rec, rec, str } from './util.ts';

function tomlError(file: string, cause: unknown): Error {
  const why = cause instanceof Error ? (cause.message.split('\n')[0] ?? 'syntax error') : 'syntax error';
  return metadataError(file, `not valid TOML (${why})`, cause);
}

export function parseTomlFile(file: string, text: string): Rec {
  try {
    return parseToml(text) as Rec;
  } catch (cause) {
    throw tomlError(file, cause);
  }
}

/** pyproject.toml through the reader the package metadata uses (metadata/python/pyproject.ts). */
function readPyproject(file: string, text: string): { doc: Rec; lines: TomlLines } {
  try {
    const { document, lines } = readPyprojectText(text);
    return { doc: document, lines };
  } catch (cause) {
    throw tomlError(file, cause);
  }
}

/** Poetry's own constraint syntax: a bare version is an exact pin; `^`, `~`, `*` are ranges. */
function poetryComponent(
  name: string,
  value: unknown,
  file: string,
  line: number | undefined,
  dev: boolean,
): Component {
  const declaredIn = line === undefined ? { file } : { file, line };
  const base = {
    ecosystem: 'pypi' as const,
    name,
    normalizedName: pep503(name),
    dev,
    direct: true,
    declaredIn,
  };
  const table = typeof value === 'string' ? { version: value } : rec(Array.isArray(value) ? value[0] : value);
  const git = str(table['git']);
  const url = str(table['url']);
  const path = str(table['path']);
  const marker = str(table['markers']);
  const withMarker = marker === undefined ? {} : { marker };
  if (git !== undefined) {
    const ref = str(table['rev']) ?? str(table['tag']) ?? str(table['branch']);
    return {
      ...base,
      ...withMarker,
      pinned: false,
      source: 'vcs',
      url: ref === undefined ? git : `${git}@${ref}`,
    };
  }
  if (url !== undefined) return { ...base, ...withMarker, pinned: false, source: 'url', url };
  if (path !== undefined) return { ...base, ...withMarker, pinned: false, source: 'path', url: path };
  const spec = str(table['version'])?.trim() ?? '*';
  const exact = /^\d+(\.\d+)*([a-z0-9.+-]*)$/i.test(spec) ? spec : pep440Exact(spec);
  return {
    ...base,
    ...withMarker,
    ...(exact === undefined ? {} : { version: exact }),
    specifier: spec,
    pinned: exact !== undefined,
    source: 'registry',
  };
}

export function parsePyproject(file: string, text: string): ParsedFile {
  const { doc, lines } = readPyproject(file, text);
  const components: Component[] = [];
  const notes: string[] = [];
  const addPep508 = (raw: unknown, table: readonly string[], key: string, dev: boolean): void => {
    if (typeof raw !== 'string') return;
    const c = pep508Component(raw, file, lines.item(table, key, raw), dev);
    if (c === null) notes.push(`${file}: requirement not understood: ${raw.slice(0, 120)}`);
    else components.push(c);
  };
  const project = rec(doc['project']);
  for (const raw of arr(project['dependencies'])) addPep508(raw, ['project'], 'dependencies', false);
  for (const [group, list] of Object.entries(rec(project['optional-dependencies']))) {
    for (const raw of arr(list))
      addPep508(raw, ['project', 'optional-dependencies'], group, isDevGroupName(group));
  }
  // PEP 735 dependency groups are development-time by design; `{include-group = …}` entries name other groups.
  for (const [group, list] of Object.entries(rec(doc['dependency-groups']))) {
    for (const raw of arr(list)) addPep508(raw, ['dependency-groups'], group, true);
  }
  const poetry = rec(rec(doc['tool'])['poetry']);
  const poetrySections: [Rec, readonly string[], boolean][] = [
    [rec(poetry['dependencies']), ['tool', 'poetry', 'dependencies'], false],
    [rec(poetry['dev-dependencies']), ['tool', 'poetry', 'dev-dependencies'], true],
  ];
  for (const [group, body] of Object.entries(rec(poetry['group']))) {
    poetrySections.push([
      rec(rec(body)['dependencies']),
      ['tool', 'poetry', 'group', group, 'dependencies'],
      group !== 'main',
    ]);
  }
  for (const [deps, table, dev] of poetrySections) {
    for (const [name, value] of Object.entries(deps)) {
      if (name.toLowerCase() === 'python') continue;
      components.push(poetryComponent(name, value, file, lines.of(table, name), dev));
    }
  }
  if (project['dynamic'] !== undefined && arr(project['dynamic']).includes('dependencies')) {
    notes.push(`${file}: dependencies are dynamic (computed at build time), not listed here`);
  }
  return { components, notes };
}
