import type { Component, ComponentSource, ParsedFile } from './types.ts';
import {
  classifyNpmSpec,
  isRecord,
  LineIndex,
  MAX_COMPONENTS,
  metadataError,
  parseYamlFile,
  type Rec,
  rec,
  str,
} from './util.ts';

const KINDS = [
  ['dependencies', false],
  ['optionalDependencies', false],
  ['devDependencies', true],
] as const;

/**
 * Splits a `packages` key into name and version. Shapes: v5 `/name/1.0.0_peer@2`, v6 `/name@1.0.0(peer@2)`,
 * v9 `name@1.0.0(peer@2)`, and non-registry `name@https://…` or `name@file:…`.
 */
export function splitPnpmKey(key: string): { name: string; version: string } | null {
  const k = key.startsWith('/') ? key.slice(1) : key;
  const scoped = k.startsWith('@');
  const at = k.indexOf('@', scoped ? 1 : 0);
  const slash = k.indexOf('/', scoped ? k.indexOf('/') + 1 : 0);
  if (at !== -1 && (slash === -1 || at < slash || !key.startsWith('/'))) {
    return { name: k.slice(0, at), version: stripPeers(k.slice(at + 1)) };
  }
  if (slash !== -1)
    return { name: k.slice(0, slash), version: stripPeers(k.slice(slash + 1)).split('_')[0] ?? '' };
  return null;
}

function stripPeers(version: string): string {
  const paren = version.indexOf('(');
  return paren === -1 ? version : version.slice(0, paren);
}

/** An importer's resolved version may be `1.2.3(peer@1)`, `link:../x`, `file:…`, or an alias `npm:x@1` style key. */
interface Direct {
  readonly specifier?: string;
  readonly version: string;
  readonly dev: boolean;
}

function readImporter(importer: Rec, out: Map<string, Direct>): void {
  for (const [kind, dev] of KINDS) {
    for (const [name, value] of Object.entries(rec(importer[kind]))) {
      // v6+/v9: `{ specifier, version }`; v5: the bare version string with `specifiers` alongside.
      const version = isRecord(value) ? (str(value['version']) ?? '') : (str(value) ?? '');
      const specifier = isRecord(value) ? str(value['specifier']) : str(rec(importer['specifiers'])[name]);
      const prev = out.get(name);
      if (prev !== undefined && !prev.dev) continue;
      out.set(name, specifier === undefined ? { version, dev } : { specifier, version, dev });
    }
  }
}

function resolutionSource(resolution: Rec): { source: ComponentSource; url?: string } {
  const tarball = str(resolution['tarball']);
  const type = str(resolution['type']);
  if (type === 'git' || str(resolution['repo']) !== undefined) {
    const repo = str(resolution['repo']) ?? '';
    const commit = str(resolution['commit']);
    return { source: 'vcs', url: commit === undefined ? repo : `${repo}#${commit}` };
  }
  if (type === 'directory' || str(resolution['directory']) !== undefined)
    return { source: 'path', url: str(resolution['directory']) ?? '' };
  if (tarball !== undefined) {
    if (tarball.startsWith('file:')) return { source: 'path', url: tarball };
    // Git-hosted dependencies (`github:user/repo`) are locked as codeload / archive tarballs.
    if (
      /^https:\/\/(codeload\.github\.com|gitlab\.com\/.*\/-\/archive|bitbucket\.org\/.*\/get)\//.test(tarball)
    )
      return { source: 'vcs', url: tarball };
    const spec = classifyNpmSpec(tarball);
    return { source: spec.source === 'registry' ? 'url' : spec.source, url: tarball };
  }
  return { source: 'registry' };
}

export function parsePnpmLock(file: string, text: string): ParsedFile {
  const doc = parseYamlFile(file, text);
  if (!isRecord(doc) || doc['lockfileVersion'] === undefined)
    throw metadataError(file, 'no lockfileVersion: not a pnpm-lock.yaml');
  const index = new LineIndex(text);
  const direct = new Map<string, Direct>();
  if (isRecord(doc['importers']))
    for (const imp of Object.values(doc['importers'])) readImporter(rec(imp), direct);
  readImporter(doc, direct);
  const directByKey = new Map<string, Direct & { name: string }>();
  for (const [name, d] of direct) {
    const version = stripPeers(d.version);
    // An aliased dependency resolves to `npm:` style `real@1.0.0` in v9 and `/real@1.0.0` in v6.
    const target = /^\/?(@?[^@/]+(?:\/[^@/]+)?)@(.+)$/.exec(version);
    const key = target === null ? `${name}@${version}` : `${target[1]}@${target[2]}`;
    directByKey.set(key, { ...d, name });
  }
  const components: Component[] = [];
  const packagesFrom = Math.max(0, index.offsetOf('\npackages:'));
  for (const [key, value] of Object.entries(rec(doc['packages']))) {
    if (components.length >= MAX_COMPONENTS) break;
    const split = splitPnpmKey(key);
    if (split === null) throw metadataError(file, `package key not understood: ${key.slice(0, 120)}`);
    const entry = rec(value);
    const name = str(entry['name']) ?? split.name;
    const { source, url } = resolutionSource(rec(entry['resolution']));
    const keyVersion = /^\d/.test(split.version) ? split.version : undefined;
    const version = str(entry['version']) ?? keyVersion;
    const integrity = str(rec(entry['resolution'])['integrity']);
    const d =
      directByKey.get(`${split.name}@${split.version}`) ?? directByKey.get(`${name}@${version ?? ''}`);
    const line =
      index.find(key.includes(':') || key.startsWith('@') ? `'${key}':` : `${key}:`, packagesFrom) ??
      index.find(key, packagesFrom);
    components.push({
      ecosystem: 'npm',
      name,
      normalizedName: name,
      ...(version === undefined ? {} : { version }),
      ...(d?.specifier === undefined ? {} : { specifier: d.specifier }),
      pinned: version !== undefined,
      source,
      ...(url === undefined ? {} : { url }),
      ...(integrity === undefined ? {} : { integrity }),
      ...(d !== undefined && d.name !== name ? { alias: d.name } : {}),
      dev: entry['dev'] === true || (d?.dev ?? false),
      direct: d !== undefined,
      declaredIn: line === undefined ? { file } : { file, line },
    });
  }
  // Direct dependencies that point at the disk (`link:`) have no `packages` entry.
  for (const [name, d] of direct) {
    if (!d.version.startsWith('link:') && !d.version.startsWith('file:')) continue;
    if (components.some((c) => c.direct && (c.alias ?? c.name) === name)) continue;
    components.push({
      ecosystem: 'npm',
      name,
      normalizedName: name,
      ...(d.specifier === undefined ? {} : { specifier: d.specifier }),
      pinned: false,
      source: 'path',
      url: d.version,
      dev: d.dev,
      direct: true,
      declaredIn: { file, ...(index.find(`${name}:`) === undefined ? {} : { line: index.find(`${name}:`) }) },
    });
  }
  return { components };
}
