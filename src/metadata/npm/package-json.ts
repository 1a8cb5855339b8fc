import { z } from 'zod';
import type { PackageFile } from '../../artifacts/types.ts';
import type {
  DeclaredScript,
  DeclaredUrl,
  Dependency,
  DependencyKind,
  FieldSource,
  PackageMetadata,
  Person,
} from '../types.ts';
import { emptyMetadata } from '../types.ts';
import { tolerantScripts } from './tolerant-scripts.ts';

// package.json is foreign JSON: every field is checked for its shape before use, and a field of the
// wrong shape is skipped rather than trusted.
const personSchema = z.union([
  z.string(),
  z.object({ name: z.string().optional(), email: z.string().optional(), url: z.string().optional() }),
]);
const repositorySchema = z.union([
  z.string(),
  z.object({ type: z.string().optional(), url: z.string().optional(), directory: z.string().optional() }),
]);
const stringMap = z.record(z.string(), z.string());

const packageJsonSchema = z.looseObject({
  name: z.string().optional().catch(undefined),
  version: z.string().optional().catch(undefined),
  description: z.string().optional().catch(undefined),
  license: z
    .union([z.string(), z.object({ type: z.string() })])
    .optional()
    .catch(undefined),
  homepage: z.string().optional().catch(undefined),
  repository: repositorySchema.optional().catch(undefined),
  bugs: z
    .union([z.string(), z.object({ url: z.string().optional(), email: z.string().optional() })])
    .optional()
    .catch(undefined),
  author: personSchema.optional().catch(undefined),
  maintainers: z.array(personSchema).optional().catch(undefined),
  contributors: z.array(personSchema).optional().catch(undefined),
  scripts: stringMap.optional().catch(undefined),
  bin: z.union([z.string(), stringMap]).optional().catch(undefined),
  dependencies: stringMap.optional().catch(undefined),
  devDependencies: stringMap.optional().catch(undefined),
  optionalDependencies: stringMap.optional().catch(undefined),
  peerDependencies: stringMap.optional().catch(undefined),
  bundleDependencies: z
    .union([z.array(z.string()), z.boolean()])
    .optional()
    .catch(undefined),
  bundledDependencies: z
    .union([z.array(z.string()), z.boolean()])
    .optional()
    .catch(undefined),
  gypfile: z.boolean().optional().catch(undefined),
  main: z.string().optional().catch(undefined),
  engines: stringMap.optional().catch(undefined),
});

export type PackageJson = z.infer<typeof packageJsonSchema>;

/** The package's own package.json: at the root, or under the single top folder npm pack uses (`package/`). */
export function findPackageJson(files: readonly PackageFile[]): PackageFile | undefined {
  const candidates = files.filter((file) => /^(?:[^/]+\/)?package\.json$/.test(file.path));
  return (
    candidates.find((file) => file.path === 'package.json') ??
    candidates.sort((a, b) => a.path.localeCompare(b.path))[0]
  );
}

/** A `git+https://…`, `github:user/repo` or bare `user/repo` repository spec as a URL. */
export function repositoryUrl(spec: string): string {
  const shorthand = /^(github|gitlab|bitbucket):(.+)$/.exec(spec);
  if (shorthand) {
    const host = { github: 'github.com', gitlab: 'gitlab.com', bitbucket: 'bitbucket.org' }[
      shorthand[1] as 'github' | 'gitlab' | 'bitbucket'
    ];
    return `https://${host}/${shorthand[2]}`;
  }
  if (/^[\w.-]+\/[\w.-]+$/.test(spec)) return `https://github.com/${spec}`;
  return spec.replace(/^git\+/, '');
}

function person(value: z.infer<typeof personSchema>, source: FieldSource): Person {
  if (typeof value !== 'string') {
    return {
      ...(value.name ? { name: value.name } : {}),
      ...(value.email ? { email: value.email } : {}),
      source,
    };
  }
  // "Name <mail> (url)" is npm's string form of a person.
  const match = /^([^<(]*?)\s*(?:<([^>]*)>)?\s*(?:\(([^)]*)\))?$/.exec(value.trim());
  const name = match?.[1]?.trim();
  const email = match?.[2]?.trim();
  return { ...(name ? { name } : {}), ...(email ? { email } : {}), source };
}

/** The line of the first `"key":` in the text. */
export function lineOf(text: string, key: string): number | undefined {
  const index = text.search(new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`));
  if (index < 0) return undefined;
  return text.slice(0, index).split('\n').length;
}

/** The line of `"member":` inside the object of the top-level key `parent`, when it can be found. */
export function lineOfMember(text: string, parent: string, member: string): number | undefined {
  return memberLines(text, parent, [member]).get(member);
}

/** Members not found forward before memberLines stops looking (the rest point at their section's line). */
const MAX_MEMBER_MISSES = 64;

/**
 * The line finder of package.json, for the package's own metadata and for project manifests alike.
 * The line of each member of the top-level object `parent`, found in one forward pass: keys come in file order,
 * so each search starts where the previous one ended, and a package.json with 100,000 dependencies costs one
 * read of the text, not one per dependency. A member not found forward (a duplicate key, integer-like keys that
 * JSON.parse moves to the front) is left out, and its caller points at the parent's line instead.
 */
export function memberLines(text: string, parent: string, members: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  const quote = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const start = text.search(new RegExp(`"${quote(parent)}"\\s*:\\s*\\{`));
  if (start < 0) return out;
  let position = start;
  let line = countLines(text, 0, start) + 1;
  let misses = 0;
  for (const member of members) {
    const found = keyAt(text, JSON.stringify(member), position);
    if (found === -1) {
      // Each miss reads the rest of the text: a few are fine, a hostile order of thousands is not.
      if (++misses > MAX_MEMBER_MISSES) break;
      continue;
    }
    line += countLines(text, position, found);
    position = found;
    out.set(member, line);
  }
  return out;
}

/** The offset of `quoted` used as a key (followed by optional spaces and a colon) at or after `from`, or -1. */
function keyAt(text: string, quoted: string, from: number): number {
  for (let index = text.indexOf(quoted, from); index !== -1; index = text.indexOf(quoted, index + 1)) {
    let after = index + quoted.length;
    while (after < text.length && /\s/.test(text[after] ?? '')) after++;
    if (text[after] === ':') return index;
  }
  return -1;
}

function countLines(text: string, from: number, to: number): number {
  let count = 0;
  for (
    let index = text.indexOf('\n', from);
    index !== -1 && index < to;
    index = text.indexOf('\n', index + 1)
  )
    count++;
  return count;
}

const DEPENDENCY_FIELDS: readonly [keyof PackageJson & string, DependencyKind][] = [
  ['dependencies', 'runtime'],
  ['devDependencies', 'dev'],
  ['optionalDependencies', 'optional'],
  ['peerDependencies', 'peer'],
];

/** Reads package.json into the normalized metadata; a broken file is a parse error, not a crash. */
export function readNpmMetadata(files: readonly PackageFile[]): PackageMetadata {
  const base = emptyMetadata('npm');
  const file = findPackageJson(files);
  if (!file) return base;
  const text = file.data.toString('utf8').replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // npm refuses the file; its lifecycle scripts are still read, tolerantly, so that a payload behind a
    // trailing comma is judged like any other.
    return {
      ...base,
      sources: [{ file: file.path, kind: 'package.json' }],
      scripts: tolerantScripts(text, file.path),
      parseErrors: [
        {
          file: file.path,
          message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    };
  }
  const parsed = packageJsonSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ...base,
      sources: [{ file: file.path, kind: 'package.json' }],
      parseErrors: [{ file: file.path, message: 'package.json is not a JSON object' }],
    };
  }
  const pkg = parsed.data;
  const at = (field: string): FieldSource => {
    const line = lineOf(text, field.split('.')[0] ?? field);
    return line === undefined ? { file: file.path, field } : { file: file.path, field, line };
  };

  const urls: DeclaredUrl[] = [];
  if (pkg.homepage) urls.push({ label: 'homepage', url: pkg.homepage, source: at('homepage') });
  if (pkg.repository) {
    const spec = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository.url;
    if (spec) urls.push({ label: 'repository', url: repositoryUrl(spec), source: at('repository') });
  }
  if (pkg.bugs) {
    const url = typeof pkg.bugs === 'string' ? pkg.bugs : pkg.bugs.url;
    if (url) urls.push({ label: 'bugs', url, source: at('bugs') });
  }

  const dependencies: Dependency[] = [];
  for (const [field, kind] of DEPENDENCY_FIELDS) {
    const map = pkg[field] as Record<string, string> | undefined;
    // Each dependency points at its own line, so evidence shows the entry itself, not the section header.
    const lines = memberLines(text, field, Object.keys(map ?? {}));
    for (const [name, spec] of Object.entries(map ?? {})) {
      const line = lines.get(name);
      const isUrl =
        /^(?:https?:|git(?:\+[a-z]+)?:|github:|gitlab:|bitbucket:|file:|link:)|^[\w.-]+\/[\w.-]+(?:#.*)?$/.test(
          spec,
        );
      dependencies.push({
        name,
        normalizedName: name,
        extras: [],
        specifier: isUrl ? '' : spec,
        ...(isUrl ? { url: spec } : {}),
        kind,
        raw: `${name}@${spec}`,
        source: line === undefined ? at(field) : { file: file.path, field: `${field}.${name}`, line },
      });
    }
  }
  const bundled = pkg.bundleDependencies ?? pkg.bundledDependencies;
  if (Array.isArray(bundled)) {
    for (const name of bundled) {
      dependencies.push({
        name,
        normalizedName: name,
        extras: [],
        specifier: '',
        kind: 'bundled',
        raw: name,
        source: at('bundleDependencies'),
      });
    }
  }

  // Each script points at its own line, so evidence shows the command itself, not the "scripts" key.
  const scriptLines = memberLines(text, 'scripts', Object.keys(pkg.scripts ?? {}));
  const scripts: DeclaredScript[] = Object.entries(pkg.scripts ?? {}).map(([name, command]) => {
    const line = scriptLines.get(name);
    return {
      name,
      command,
      source: line === undefined ? at('scripts') : { file: file.path, field: `scripts.${name}`, line },
    };
  });
  const bins = typeof pkg.bin === 'string' ? { [pkg.name ?? 'bin']: pkg.bin } : (pkg.bin ?? {});
  for (const [name, path] of Object.entries(bins))
    scripts.push({ name: `bin:${name}`, command: path, source: at('bin') });

  const license = typeof pkg.license === 'string' ? pkg.license : pkg.license?.type;
  return {
    ...base,
    ...(pkg.name === undefined ? {} : { name: pkg.name }),
    ...(pkg.version === undefined ? {} : { version: pkg.version }),
    ...(pkg.description === undefined ? {} : { summary: pkg.description }),
    ...(license === undefined ? {} : { license }),
    authors: pkg.author ? [person(pkg.author, at('author'))] : [],
    maintainers: (pkg.maintainers ?? []).map((value) => person(value, at('maintainers'))),
    urls,
    dependencies,
    scripts,
    sources: [{ file: file.path, kind: 'package.json' }],
  };
}

/** Fields of the package's own package.json that the normalized metadata does not carry. */
export interface NpmManifestFields {
  readonly file: string;
  readonly text: string;
  /** The parsed object (foreign JSON: read fields through a schema or with typeof checks). */
  readonly json: Readonly<Record<string, unknown>>;
  readonly gypfile?: boolean;
  readonly main?: string;
  readonly hasExports: boolean;
}

/** Reads package.json again for npm-only fields (gypfile, main, exports); undefined when it is missing or broken. */
export function readNpmManifestFields(files: readonly PackageFile[]): NpmManifestFields | undefined {
  const file = findPackageJson(files);
  if (!file) return undefined;
  const text = file.data.toString('utf8').replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const parsed = packageJsonSchema.safeParse(json);
  const pkg = parsed.success ? parsed.data : {};
  return {
    file: file.path,
    text,
    json: json as Record<string, unknown>,
    ...(pkg.gypfile !== undefined ? { gypfile: pkg.gypfile } : {}),
    ...(pkg.main !== undefined ? { main: pkg.main } : {}),
    hasExports: 'exports' in json,
  };
}
