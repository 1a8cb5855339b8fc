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
  readonly line: number;
}

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
      current = { specs, fields: new Map(), line: n + 1 };
      entries.push(current);
      if (entries.length > MAX_COMPONENTS) break;
      continue;
    }
    if (current === undefined) throw metadataError(file, `line ${n + 1}: indented line before any entry`);
    if (indent !== 2) continue;
    const body = line.trim();
    const key = readToken(body, 0);
    const rest = body.slice(key.end).trim();
    if (rest === '' || rest === ':') continue;
    current.fields.set(key.value, rest.startsWith('"') ? readToken(rest, 0).value : rest);
  }
  return entries;
}

function directFlags(name: string, direct: DirectNames | undefined): { direct: boolean; dev: boolean } {
  if (direct === undefined) return { direct: false, dev: false };
  const prod = direct.prod.has(name);
  const dev = direct.dev.has(name);
  return { direct: prod || dev, dev: dev && !prod };
}

function parseV1(file: string, text: string, direct: DirectNames | undefined): Component[] {
  return readYarnV1(file, text).map((entry) => {
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
      ...directFlags(key, direct),
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
    return berrySource(splitNameAt(inner).rest ?? 'npm:');
  }
  if (reference.startsWith('workspace:')) return { source: 'path', url: reference };
  const spec = classifyNpmSpec(reference);
  return spec.url === undefined ? { source: spec.source } : { source: spec.source, url: spec.url };
}

function parseBerry(file: string, text: string, direct: DirectNames | undefined): Component[] {
  const doc = parseYamlFile(file, text);
  if (!isRecord(doc)) throw metadataError(file, 'top level is not a mapping');
  const index = new LineIndex(text);
  const workspaceDeps = new Set<string>();
  const out: Component[] = [];
  for (const [header, value] of Object.entries(doc)) {
    if (header === '__metadata') continue;
    if (out.length >= MAX_COMPONENTS) break;
    const entry: Rec = rec(value);
    const resolution = str(entry['resolution']) ?? header.split(',')[0]?.trim() ?? '';
    const { name, rest = '' } = splitNameAt(resolution);
    if (rest.startsWith('workspace:')) {
      for (const dep of Object.keys(rec(entry['dependencies']))) workspaceDeps.add(dep);
      continue;
    }
    const { source, url } = berrySource(rest);
    const version =
      str(entry['version']) ?? (typeof entry['version'] === 'number' ? String(entry['version']) : undefined);
    const checksum = str(entry['checksum']);
    const specs = header.split(',').map((s) => splitNameAt(s.trim()));
    const alias = specs[0]?.name !== name ? specs[0]?.name : undefined;
    const line = index.find(`${header}`) ?? index.find(`${specs[0]?.name ?? name}@`);
    out.push({
      ecosystem: 'npm',
      name,
      normalizedName: name,
      ...(version === undefined ? {} : { version }),
      specifier: specs.map((s) => s.rest ?? '').join(', '),
      pinned: version !== undefined,
      source,
      ...(url === undefined ? {} : { url }),
      // Berry checksums are sha512 hex, prefixed with the cache key in v8 (`10c0/…`).
      ...(checksum === undefined ? {} : { hashes: [`sha512:${checksum.split('/').pop() ?? checksum}`] }),
      ...(alias === undefined ? {} : { alias }),
      ...directFlags(alias ?? name, direct),
      declaredIn: line === undefined ? { file } : { file, line },
    });
  }
  if (direct === undefined)
    return out.map((c) => (workspaceDeps.has(c.alias ?? c.name) ? { ...c, direct: true } : c));
  return out;
}

export function parseYarnLock(file: string, text: string, direct?: DirectNames): ParsedFile {
  if (/^__metadata:/m.test(text)) return { components: parseBerry(file, text, direct) };
  return { components: parseV1(file, text, direct) };
}
