import { DependencyGraph, isDevOnly } from './graph.ts';
import type { Component, ComponentSource, DirectNames, ParsedFile } from './types.ts';
import {
  classifyNpmSpec,
  isRecord,
  LineIndex,
  MAX_COMPONENTS,
  metadataError,
  npmResolvedSource,
  parseYamlFile,
  type Rec,
  rec,
  splitNameAt,
  str,
} from './util.ts';

interface V1Entry {
  readonly specs: string[];
  readonly fields: Map<string, string>;
  /** `name range` pairs of its `dependencies:` and `optionalDependencies:` blocks. */
  readonly deps: [string, string][];
  readonly line: number;
}

/** Blocks under an entry whose pairs are edges of the graph (peer dependencies are the parent's own edges). */
const V1_DEPENDENCY_BLOCKS = new Set(['dependencies', 'optionalDependencies']);

/** Reads one key or value token: a JSON-style quoted string or a bare word. */
function readToken(text: string, start: number): { value: string; end: number } {
  if (text[start] === '"') {
    let i = start + 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    const quoted = text.slice(start, i + 1);
    try {
      return { value: JSON.parse(quoted) as string, end: i + 1 };
    } catch {
      return { value: quoted.slice(1, -1), end: i + 1 };
    }
  }
  let i = start;
  while (i < text.length && !/[\s,:]/.test(text[i] ?? '')) i++;
  // A bare word may itself contain `:` (e.g. `npm:x`); take up to whitespace or `,` then trim a final `:`.
  while (i < text.length && text[i] === ':' && i + 1 < text.length && !/\s/.test(text[i + 1] ?? '')) {
    i++;
    while (i < text.length && !/[\s,:]/.test(text[i] ?? '')) i++;
  }
  return { value: text.slice(start, i), end: i };
}

/**
 * yarn v1's own format: unindented headers listing the specs an entry satisfies, then two-space
 * indented `key value` pairs and a nested `dependencies:` block we do not need.
 */
export function readYarnV1(file: string, text: string): V1Entry[] {
  const entries: V1Entry[] = [];
  let current: V1Entry | undefined;
  let inDependencies = false;
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] ?? '';
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) {
      if (!line.trimEnd().endsWith(':'))
        throw metadataError(file, `line ${n + 1}: expected an entry header ending in ':'`);
      const header = line.trimEnd().slice(0, -1);
      const specs: string[] = [];
      let i = 0;
      while (i < header.length) {
        while (header[i] === ' ' || header[i] === ',') i++;
        if (i >= header.length) break;
        const tok = readToken(header, i);
        if (tok.end === i) break;
        specs.push(tok.value);
        i = tok.end;
      }
      current = { specs, fields: new Map(), deps: [], line: n + 1 };
      inDependencies = false;
      entries.push(current);
      if (entries.length > MAX_COMPONENTS) break;
      continue;
    }
    if (current === undefined) throw metadataError(file, `line ${n + 1}: indented line before any entry`);
    const body = line.trim();
    const key = readToken(body, 0);
    const rest = body.slice(key.end).trim();
    if (indent > 2) {
      if (inDependencies && rest !== '') current.deps.push([key.value, readValue(rest)]);
      continue;
    }
    inDependencies = rest === ':' && V1_DEPENDENCY_BLOCKS.has(key.value);
    if (rest === '' || rest === ':') continue;
    current.fields.set(key.value, readValue(rest));
  }
  return entries;
}

function readValue(rest: string): string {
  return rest.startsWith('"') ? readToken(rest, 0).value : rest;
}

/** Whether a name is a project dependency, and only a dev one (package.json beside the lockfile). */
function rootKind(name: string, direct: DirectNames): 'prod' | 'dev' | undefined {
  if (direct.prod.has(name)) return 'prod';
  return direct.dev.has(name) ? 'dev' : undefined;
}

/**
 * Roots of the graph from package.json: each declared `name@range` resolves to the entry whose header lists that
 * spec; a range that no header lists (package.json edited after locking) falls back to the first entry of that name.
 */
function addRoots(
  graph: DependencyGraph<string>,
  direct: DirectNames | undefined,
  firstOfName: ReadonlyMap<string, number>,
  keyOf: (name: string, range: string) => string[],
): Set<number> {
  const roots = new Set<number>();
  if (direct === undefined) return roots;
  for (const name of [...direct.prod, ...direct.dev]) {
    const kind = rootKind(name, direct);
    const range = direct.specs?.get(name);
    let node: number | undefined;
    for (const key of range === undefined ? [] : keyOf(name, range)) node ??= graph.find(key);
    node ??= firstOfName.get(name);
    if (node === undefined || kind === undefined) continue;
    graph.root(node, kind === 'dev');
    roots.add(node);
  }
  return roots;
}

function parseV1(file: string, text: string, direct: DirectNames | undefined): Component[] {
  const entries = readYarnV1(file, text);
  const graph = new DependencyGraph<string>();
  const firstOfName = new Map<string, number>();
  for (const entry of entries) {
    const node = graph.node(entry.specs[0] ?? '');
    for (const spec of entry.specs) {
      graph.alias(spec, node);
      const { name } = splitNameAt(spec);
      if (!firstOfName.has(name)) firstOfName.set(name, node);
    }
  }
  entries.forEach((entry, node) => {
    for (const [dep, range] of entry.deps) {
      const to = graph.find(`${dep}@${range}`);
      if (to !== undefined) graph.edge(node, to);
    }
  });
  const roots = addRoots(graph, direct, firstOfName, (name, range) => [`${name}@${range}`]);
  const roles = graph.roles();
  return entries.slice(0, MAX_COMPONENTS).map((entry, node) => {
    const first = entry.specs[0] ?? '';
    const { name: key, rest = '' } = splitNameAt(first);
    const spec = classifyNpmSpec(rest);
    const name = spec.aliasOf ?? key;
    const version = entry.fields.get('version');
    const resolved = entry.fields.get('resolved');
    const integrity = entry.fields.get('integrity');
    const source: ComponentSource = spec.source !== 'registry' ? spec.source : npmResolvedSource(resolved);
    return {
      ecosystem: 'npm' as const,
      name,
      normalizedName: name,
      ...(version === undefined ? {} : { version }),
      specifier: entry.specs.map((s) => splitNameAt(s).rest ?? '').join(', '),
      pinned: version !== undefined,
      source,
      ...(resolved === undefined ? (spec.url === undefined ? {} : { url: spec.url }) : { url: resolved }),
      ...(integrity === undefined ? {} : { integrity }),
      ...(spec.aliasOf === undefined ? {} : { alias: key }),
      direct: roots.has(node),
      dev: isDevOnly(roles[node], false),
      declaredIn: { file, line: entry.line },
    };
  });
}

/** Berry resolutions are `name@protocol:reference`; the protocol says where the package came from. */
function berrySource(reference: string): { source: ComponentSource; url?: string } {
  if (reference.startsWith('npm:')) return { source: 'registry' };
  // `patch:` wraps another locator (URL-encoded) with a local patch; judge the wrapped one.
  if (reference.startsWith('patch:')) {
    const inner = decodeURIComponent(reference.slice(6).split('#')[0] ?? '');
    const wrapped = berrySource(splitNameAt(inner).rest ?? 'npm:');
    // The locator stays as the URL: a patched copy is not the registry's bytes, so it is a package of its own.
    return { source: wrapped.source, url: wrapped.url ?? reference };
  }
  if (reference.startsWith('workspace:')) return { source: 'path', url: reference };
  const spec = classifyNpmSpec(reference);
  return spec.url === undefined ? { source: spec.source } : { source: spec.source, url: spec.url };
}

/** Keys a berry dependency descriptor may be listed under: `name@npm:^1` (v4+) or `name@^1` (older locks). */
function berryKeys(name: string, range: string): string[] {
  return /^[a-z]+:/.test(range) ? [`${name}@${range}`] : [`${name}@npm:${range}`, `${name}@${range}`];
}

function parseBerry(file: string, text: string, direct: DirectNames | undefined): Component[] {
  const doc = parseYamlFile(file, text);
  if (!isRecord(doc)) throw metadataError(file, 'top level is not a mapping');
  const index = new LineIndex(text);
  const cursor = index.cursor();
  const graph = new DependencyGraph<string>();
  const firstOfName = new Map<string, number>();
  const edges: [number, Rec][] = [];
  const workspaces: Rec[] = [];
  const out: { component: Component; node: number }[] = [];
  for (const [header, value] of Object.entries(doc)) {
    if (header === '__metadata') continue;
    if (out.length >= MAX_COMPONENTS) break;
    const entry: Rec = rec(value);
    const specs = header.split(',').map((s) => s.trim());
    const line = cursor.find(`${specs[0] ?? header}`);
    const resolution = str(entry['resolution']) ?? specs[0] ?? '';
    const { name, rest = '' } = splitNameAt(resolution);
    if (rest.startsWith('workspace:')) {
      workspaces.push(rec(entry['dependencies']));
      continue;
    }
    const node = graph.node(header);
    for (const spec of specs) {
      graph.alias(spec, node);
      const specName = splitNameAt(spec).name;
      if (!firstOfName.has(specName)) firstOfName.set(specName, node);
    }
    edges.push([node, rec(entry['dependencies'])]);
    const { source, url } = berrySource(rest);
    const version =
      str(entry['version']) ?? (typeof entry['version'] === 'number' ? String(entry['version']) : undefined);
    const checksum = str(entry['checksum']);
    const first = splitNameAt(specs[0] ?? '');
    const alias = first.name !== name ? first.name : undefined;
    out.push({
      node,
      component: {
        ecosystem: 'npm',
        name,
        normalizedName: name,
        ...(version === undefined ? {} : { version }),
        specifier: specs.map((s) => splitNameAt(s).rest ?? '').join(', '),
        pinned: version !== undefined,
        source,
        ...(url === undefined ? {} : { url }),
        // Berry checksums are sha512 hex, prefixed with the cache key in v8 (`10c0/…`).
        ...(checksum === undefined ? {} : { hashes: [`sha512:${checksum.split('/').pop() ?? checksum}`] }),
        ...(alias === undefined ? {} : { alias }),
        direct: false,
        dev: false,
        declaredIn: line === undefined ? { file } : { file, line },
      },
    });
  }
  const resolve = (dep: string, value: unknown): number | undefined => {
    let to: number | undefined;
    for (const key of berryKeys(dep, str(value) ?? '')) to ??= graph.find(key);
    return to;
  };
  for (const [node, deps] of edges)
    for (const [dep, value] of Object.entries(deps)) {
      const to = resolve(dep, value);
      if (to !== undefined) graph.edge(node, to);
    }
  // The workspaces' own dependencies are the roots; package.json says which of them are dev-only (the lockfile
  // lists a workspace's dependencies and devDependencies together).
  const roots = new Set<number>();
  for (const deps of workspaces) {
    for (const [dep, value] of Object.entries(deps)) {
      const to = resolve(dep, value) ?? firstOfName.get(dep);
      if (to === undefined) continue;
      const kind = direct === undefined ? 'prod' : (rootKind(dep, direct) ?? 'prod');
      graph.root(to, kind === 'dev');
      roots.add(to);
    }
  }
  if (workspaces.length === 0) for (const r of addRoots(graph, direct, firstOfName, berryKeys)) roots.add(r);
  const roles = graph.roles();
  return out.map(({ component, node }) => ({
    ...component,
    direct: roots.has(node),
    dev: isDevOnly(roles[node], false),
  }));
}

export function parseYarnLock(file: string, text: string, direct?: DirectNames): ParsedFile {
  if (/^__metadata:/m.test(text)) return { components: parseBerry(file, text, direct) };
  return { components: parseV1(file, text, direct) };
}
