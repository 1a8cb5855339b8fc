import { parse as parseToml } from 'smol-toml';
import { pep508Component } from './requirement.ts';
import type { Component, ParsedFile } from './types.ts';
import {
  arr,
  isDevGroupName,
  LineIndex,
  metadataError,
  pep440Exact,
  pep503,
  type Rec,
  rec,
  str,
} from './util.ts';

export function parseTomlFile(file: string, text: string): Rec {
  try {
    return parseToml(text) as Rec;
  } catch (cause) {
    const why = cause instanceof Error ? (cause.message.split('\n')[0] ?? 'syntax error') : 'syntax error';
    throw metadataError(file, `not valid TOML (${why})`, cause);
  }
}

/** Line of `needle` searched after the first occurrence of `anchor` (a section header). */
function lineAfter(index: LineIndex, anchor: string, needle: string): number | undefined {
  const from = Math.max(0, index.offsetOf(anchor));
  return index.find(needle, from) ?? index.find(needle);
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
  const doc = parseTomlFile(file, text);
  const index = new LineIndex(text);
  const components: Component[] = [];
  const notes: string[] = [];
  const addPep508 = (raw: unknown, anchor: string, dev: boolean): void => {
    if (typeof raw !== 'string') return;
    const c = pep508Component(raw, file, lineAfter(index, anchor, raw), dev);
    if (c === null) notes.push(`${file}: requirement not understood: ${raw.slice(0, 120)}`);
    else components.push(c);
  };
  const project = rec(doc['project']);
  for (const raw of arr(project['dependencies'])) addPep508(raw, '[project]', false);
  for (const [group, list] of Object.entries(rec(project['optional-dependencies']))) {
    for (const raw of arr(list)) addPep508(raw, 'optional-dependencies', isDevGroupName(group));
  }
  // PEP 735 dependency groups are development-time by design; `{include-group = …}` entries name other groups.
  for (const list of Object.values(rec(doc['dependency-groups']))) {
    for (const raw of arr(list)) addPep508(raw, '[dependency-groups]', true);
  }
  const poetry = rec(rec(doc['tool'])['poetry']);
  const poetrySections: [Rec, string, boolean][] = [
    [rec(poetry['dependencies']), '[tool.poetry.dependencies]', false],
    [rec(poetry['dev-dependencies']), '[tool.poetry.dev-dependencies]', true],
  ];
  for (const [group, body] of Object.entries(rec(poetry['group']))) {
    poetrySections.push([
      rec(rec(body)['dependencies']),
      `[tool.poetry.group.${group}.dependencies]`,
      group !== 'main',
    ]);
  }
  for (const [deps, anchor, dev] of poetrySections) {
    for (const [name, value] of Object.entries(deps)) {
      if (name.toLowerCase() === 'python') continue;
      const line = lineAfter(index, anchor, name);
      components.push(poetryComponent(name, value, file, line, dev));
    }
  }
  if (project['dynamic'] !== undefined && arr(project['dynamic']).includes('dependencies')) {
    notes.push(`${file}: dependencies are dynamic (computed at build time), not listed here`);
  }
  return { components, notes };
}
