import { NPM_DEPENDENCY_KINDS } from './package-json.ts';
import type { Component, DirectNames, ParsedFile } from './types.ts';
import {
  classifyNpmSpec,
  isRecord,
  LineIndex,
  MAX_COMPONENTS,
  metadataError,
  npmResolvedSource,
  parseJsonFile,
  type Rec,
  rec,
  str,
} from './util.ts';

/** Nesting of v1 `dependencies` is bounded by node_modules depth; cap it against hostile files. */
const MAX_DEPTH = 64;

/** package-lock.json and npm-shrinkwrap.json, lockfileVersion 1, 2 and 3. */
export function parsePackageLock(file: string, text: string, direct?: DirectNames): ParsedFile {
  const doc = parseJsonFile(file, text);
  if (!isRecord(doc)) throw metadataError(file, 'top level is not a JSON object');
  const version = doc['lockfileVersion'];
  if (typeof version !== 'number') throw metadataError(file, 'no lockfileVersion: not an npm lockfile');
  const index = new LineIndex(text);
  if (isRecord(doc['packages'])) return { components: fromPackages(file, rec(doc['packages']), index) };
  if (version === 1 || isRecord(doc['dependencies']))
    return { components: fromV1(file, rec(doc['dependencies']), index, direct) };
  throw metadataError(file, `lockfileVersion ${version} has neither "packages" nor "dependencies"`);
}

/** v2/v3: flat `packages` keyed by install path (`node_modules/a/node_modules/b`). */
function fromPackages(file: string, packages: Rec, index: LineIndex): Component[] {
  const root = rec(packages['']);
  const directProd = new Set<string>();
  const directDev = new Set<string>();
  // Workspace packages (keys without node_modules/) declare direct dependencies too.
  for (const [key, value] of Object.entries(packages)) {
    if (key !== '' && key.includes('node_modules/')) continue;
    const pkg = key === '' ? root : rec(value);
    for (const [kind, dev] of NPM_DEPENDENCY_KINDS)
      for (const name of Object.keys(rec(pkg[kind]))) (dev ? directDev : directProd).add(name);
  }
  const out: Component[] = [];
  // JSON.parse keeps the file's key order (install paths never look like array indexes): one forward pass.
  const cursor = index.cursor();
  for (const [key, value] of Object.entries(packages)) {
    if (out.length >= MAX_COMPONENTS) break;
    const line = key === '' ? undefined : cursor.find(`"${key}"`);
    const at = key.lastIndexOf('node_modules/');
    if (at === -1) continue;
    const entry = rec(value);
    const installedAs = key.slice(at + 'node_modules/'.length);
    const resolved = str(entry['resolved']);
    const link = entry['link'] === true;
    // A link (`file:` directory dependency) has its name and version on the entry of the folder it points to.
    const target = link && resolved !== undefined ? rec(packages[resolved.replace(/^file:/, '')]) : entry;
    const name = str(entry['name']) ?? str(target['name']) ?? installedAs;
    const version = str(entry['version']) ?? str(target['version']);
    const integrity = str(entry['integrity']);
    const license = declaredLicense(entry['license']) ?? declaredLicense(target['license']);
    const topLevel = at === 0;
    out.push({
      ecosystem: 'npm',
      name,
      normalizedName: name,
      ...(version === undefined ? {} : { version }),
      pinned: version !== undefined && !link,
      source: link ? 'path' : npmResolvedSource(resolved),
      ...(resolved === undefined
        ? {}
        : { url: link && !resolved.startsWith('file:') ? `file:${resolved}` : resolved }),
      ...(integrity === undefined ? {} : { integrity }),
      ...(license === undefined ? {} : { license }),
      ...(name === installedAs ? {} : { alias: installedAs }),
      // npm computed this from the graph: `dev` is set only when every path goes through a dev edge.
      // `devOptional` (dev, and also optional under production) is installed in production when it can be.
      dev: entry['dev'] === true,
      direct: topLevel && (directProd.has(installedAs) || directDev.has(installedAs)),
      declaredIn: line === undefined ? { file } : { file, line },
    });
  }
  return out;
}

/** The `license` npm copies from each package.json: a string, or the old `{ "type": "MIT" }` form. */
function declaredLicense(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (isRecord(value)) return declaredLicense(value['type']);
  return undefined;
}

/** v1: nested `dependencies`; `version` holds a URL or spec for non-registry installs. */
function fromV1(file: string, deps: Rec, index: LineIndex, direct: DirectNames | undefined): Component[] {
  const out: Component[] = [];
  // JSON.parse keeps key order, so a depth-first walk meets entries in file order: one forward cursor finds each line.
  let cursor = Math.max(0, index.offsetOf('"dependencies"'));
  const walk = (level: Rec, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    for (const [key, value] of Object.entries(level)) {
      if (out.length >= MAX_COMPONENTS) return;
      const entry = rec(value);
      const raw = str(entry['version']) ?? '';
      const spec = classifyNpmSpec(raw);
      const resolved = str(entry['resolved']);
      const nonRegistry = spec.source !== 'registry';
      const name = spec.aliasOf ?? key;
      const version = nonRegistry ? undefined : (spec.exact ?? spec.specifier);
      const integrity = str(entry['integrity']);
      const at = index.offsetOf(`"${key}"`, cursor);
      if (at !== -1) cursor = at + 1;
      out.push({
        ecosystem: 'npm',
        name,
        normalizedName: name,
        ...(version === undefined || version === '' ? {} : { version }),
        pinned: !nonRegistry && version !== undefined && version !== '',
        source: nonRegistry ? spec.source : npmResolvedSource(resolved),
        ...(nonRegistry ? { url: raw } : resolved === undefined ? {} : { url: resolved }),
        ...(integrity === undefined ? {} : { integrity }),
        ...(spec.aliasOf === undefined ? {} : { alias: key }),
        dev: entry['dev'] === true,
        direct: depth === 0 && direct !== undefined && (direct.prod.has(key) || direct.dev.has(key)),
        declaredIn: at === -1 ? { file } : { file, line: index.lineAt(at) },
      });
      if (isRecord(entry['dependencies'])) walk(entry['dependencies'], depth + 1);
    }
  };
  walk(deps, 0);
  return out;
}
