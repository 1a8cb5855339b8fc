import { DependencyGraph, isDevOnly } from './graph.ts';
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

/** A key that names a host rather than a package: v5 "exotic" keys (`registry.npmjs.org/…`, `github.com/u/r/sha`). */
const HOST_KEY = /^(?:https?:\/\/)?[a-z0-9-]+(?:\.[a-z0-9-]+)+\//i;

/** `name-1.2.3.tgz` at the end of a tarball URL, the way registries name their files. */
function fromTarballName(key: string): { name: string; version: string } | null {
  const m = /(?:^|\/)((?:@[^/]+\/)?[^/]+)\/-\/[^/]+?-(\d+\.\d+\.\d+[^/]*?)\.tgz$/.exec(key);
  return m === null ? null : { name: m[1] ?? '', version: m[2] ?? '' };
}

/**
 * Splits a `packages` key into name and version. Shapes: v5 `/name/1.0.0_peer@2`, v6 `/name@1.0.0(peer@2)`,
 * v9 `name@1.0.0(peer@2)`, and non-registry `name@https://…` or `name@file:…`. Keys that do not say (v5 tarball
 * and git-host keys, `file:..`) give null: the entry's own `name` and `version` fields are used instead.
 */
export function splitPnpmKey(key: string): { name: string; version: string } | null {
  if (/^(file|link|workspace):/.test(key)) return null;
  if (HOST_KEY.test(key)) return fromTarballName(key);
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

const EDGE_KINDS = ['dependencies', 'optionalDependencies'] as const;

function nodeKey(key: string): string {
  return key.startsWith('/') ? key.slice(1) : key;
}

/**
 * The graph of `snapshots` (v9) or `packages` (v5, v6), whose dependency values are `1.0.0(peer@2)`, `1.0.0_peer@2`,
 * a full key for aliases (`/real@1.0.0`, `real@1.0.0`) and exotic sources, or `link:` (no node).
 */
function buildGraph(nodes: Rec): {
  graph: DependencyGraph<string>;
  find: (name: string, ref: string) => number | undefined;
} {
  const graph = new DependencyGraph<string>();
  for (const key of Object.keys(nodes)) graph.node(nodeKey(key));
  const find = (name: string, ref: string): number | undefined => {
    if (ref.startsWith('link:')) return undefined;
    return graph.find(`${name}@${ref}`) ?? graph.find(`${name}/${ref}`) ?? graph.find(nodeKey(ref));
  };
  for (const [key, value] of Object.entries(nodes)) {
    const from = graph.node(nodeKey(key));
    for (const kind of EDGE_KINDS)
      for (const [dep, ref] of Object.entries(rec(rec(value)[kind]))) {
        const to = find(dep, str(ref) ?? String(ref));
        if (to !== undefined) graph.edge(from, to);
      }
  }
  return { graph, find };
}

interface Importer {
  readonly name: string;
  readonly version: string;
  readonly dev: boolean;
}

function importerRoots(importer: Rec, out: Importer[]): void {
  for (const [kind, dev] of KINDS)
    for (const [name, value] of Object.entries(rec(importer[kind]))) {
      const version = isRecord(value) ? (str(value['version']) ?? '') : (str(value) ?? '');
      out.push({ name, version, dev });
    }
}

export function parsePnpmLock(file: string, text: string): ParsedFile {
  const doc = parseYamlFile(file, text);
  if (!isRecord(doc) || doc['lockfileVersion'] === undefined)
    throw metadataError(file, 'no lockfileVersion: not a pnpm-lock.yaml');
  const index = new LineIndex(text);
  const direct = new Map<string, Direct>();
  const importers: Importer[] = [];
  if (isRecord(doc['importers']))
    for (const imp of Object.values(doc['importers'])) {
      readImporter(rec(imp), direct);
      importerRoots(rec(imp), importers);
    }
  readImporter(doc, direct);
  importerRoots(doc, importers);
  const directByKey = new Map<string, Direct & { name: string }>();
  for (const [name, d] of direct) {
    // A plain version may carry v5 peer suffixes (`1.3.0_bar@2.0.0`) or v6+ ones (`1.3.0(bar@2.0.0)`).
    const plain = /^\d/.test(d.version);
    const version = plain ? (stripPeers(d.version).split('_')[0] ?? '') : stripPeers(d.version);
    // An aliased dependency resolves to `npm:` style `real@1.0.0` in v9 and `/real@1.0.0` in v6.
    const target = plain ? null : /^\/?(@?[^@/]+(?:\/[^@/]+)?)@(.+)$/.exec(version);
    const key = target === null ? `${name}@${version}` : `${target[1]}@${target[2]}`;
    directByKey.set(key, { ...d, name });
    // Exotic and local sources are referred to by their whole package key (`github.com/u/r/sha`, `file:..`).
    if (!plain) directByKey.set(`@${nodeKey(d.version)}`, { ...d, name });
  }
  const packages = rec(doc['packages']);
  const snapshots = isRecord(doc['snapshots']) ? doc['snapshots'] : undefined;
  const { graph, find } = buildGraph(snapshots ?? packages);
  for (const root of importers) {
    const node = find(root.name, root.version);
    if (node !== undefined) graph.root(node, root.dev);
  }
  const roles = graph.roles();
  // v9: a package's role is the union of its snapshots' (one per set of peers).
  const roleOfPackage = new Map<string, { prod: boolean; dev: boolean }>();
  if (snapshots !== undefined)
    for (const key of Object.keys(snapshots)) {
      const role = roles[graph.find(nodeKey(key)) ?? -1];
      if (role === undefined) continue;
      const pkg = stripPeers(nodeKey(key));
      const seen = roleOfPackage.get(pkg) ?? { prod: false, dev: false };
      roleOfPackage.set(pkg, { prod: seen.prod || role.prod, dev: seen.dev || role.dev });
    }
  const components: Component[] = [];
  const directNames = new Set<string>();
  const cursor = index.cursor(index.offsetOf('\npackages:'));
  for (const [key, value] of Object.entries(packages)) {
    if (components.length >= MAX_COMPONENTS) break;
    const entry = rec(value);
    const split = splitPnpmKey(key);
    const name = str(entry['name']) ?? split?.name;
    if (name === undefined || name === '')
      throw metadataError(file, `package key not understood and no name field: ${key.slice(0, 120)}`);
    const { source, url } = resolutionSource(rec(entry['resolution']));
    const keyVersion = split !== null && /^\d/.test(split.version) ? split.version : undefined;
    const version = str(entry['version']) ?? keyVersion;
    const integrity = str(rec(entry['resolution'])['integrity']);
    const d =
      (split === null ? undefined : directByKey.get(`${split.name}@${split.version}`)) ??
      directByKey.get(`${name}@${version ?? ''}`) ??
      directByKey.get(`@${nodeKey(key)}`);
    if (d !== undefined) directNames.add(d.name);
    const line = cursor.find(key);
    const role =
      snapshots === undefined ? roles[graph.find(nodeKey(key)) ?? -1] : roleOfPackage.get(nodeKey(key));
    components.push({
      ecosystem: 'npm',
      name,
      normalizedName: name,
      ...(version === undefined ? {} : { version }),
      ...(d?.specifier === undefined ? {} : { specifier: d.specifier }),
      pinned: version !== undefined,
      source: split === null && source === 'registry' && /^file:/.test(key) ? 'path' : source,
      ...(url === undefined ? (/^file:/.test(key) ? { url: key } : {}) : { url }),
      ...(integrity === undefined ? {} : { integrity }),
      ...(d !== undefined && d.name !== name ? { alias: d.name } : {}),
      dev: isDevOnly(role, entry['dev'] === true || (d?.dev ?? false)),
      direct: d !== undefined,
      declaredIn: line === undefined ? { file } : { file, line },
    });
  }
  // Direct dependencies that point at the disk (`link:`) have no `packages` entry.
  const linkCursor = index.cursor();
  for (const [name, d] of direct) {
    if (!d.version.startsWith('link:') && !d.version.startsWith('file:')) continue;
    if (directNames.has(name)) continue;
    const line = linkCursor.find(`${name}:`);
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
      declaredIn: line === undefined ? { file } : { file, line },
    });
  }
  return { components };
}
