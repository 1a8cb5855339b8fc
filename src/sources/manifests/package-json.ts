import { memberLines } from '../../metadata/npm/package-json.ts';
import type { Component, ParsedFile } from './types.ts';
import { arr, classifyNpmSpec, isRecord, metadataError, parseJsonFile, rec, str } from './util.ts';

/** The dependency maps npm installs from, and whether each is development-only. */
export const NPM_DEPENDENCY_KINDS = [
  ['dependencies', false],
  ['optionalDependencies', false],
  ['peerDependencies', false],
  ['devDependencies', true],
] as const;

export function npmComponent(
  key: string,
  spec: string,
  dev: boolean,
  declaredIn: { file: string; line?: number },
): Component {
  const parsed = classifyNpmSpec(spec);
  const name = parsed.aliasOf ?? key;
  return {
    ecosystem: 'npm',
    name,
    normalizedName: name,
    ...(parsed.exact === undefined ? {} : { version: parsed.exact }),
    specifier: spec,
    pinned: parsed.exact !== undefined,
    source: parsed.source,
    ...(parsed.url === undefined ? {} : { url: parsed.url }),
    ...(parsed.aliasOf === undefined ? {} : { alias: key }),
    dev,
    direct: true,
    declaredIn,
  };
}

export function parsePackageJson(file: string, text: string): ParsedFile {
  const doc = parseJsonFile(file, text);
  if (!isRecord(doc)) throw metadataError(file, 'top level is not a JSON object');
  const seen = new Map<string, Component>();
  for (const [kind, dev] of NPM_DEPENDENCY_KINDS) {
    const deps = Object.entries(rec(doc[kind]));
    // The same line finder as the package's own metadata (one forward pass per map).
    const lines = memberLines(
      text,
      kind,
      deps.map(([key]) => key),
    );
    for (const [key, value] of deps) {
      const spec = str(value);
      if (spec === undefined) throw metadataError(file, `${kind}.${key}: the version is not a string`);
      const line = lines.get(key);
      const c = npmComponent(key, spec, dev, line === undefined ? { file } : { file, line });
      // The same name in dependencies and devDependencies installs once, as a runtime dependency.
      if (!seen.has(key)) seen.set(key, c);
    }
  }
  const bundled = [...arr(doc['bundleDependencies']), ...arr(doc['bundledDependencies'])];
  const notes =
    bundled.length > 0 ? [`${file}: ${bundled.length} bundled dependencies ship inside the package`] : [];
  return { components: [...seen.values()], notes };
}
