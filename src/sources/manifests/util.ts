import { readFile, stat } from 'node:fs/promises';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { AssayError } from '../../core/errors.ts';
import type { ComponentSource } from './types.ts';

/** Lockfiles of large monorepos reach tens of MB; anything far beyond is not a lockfile we should hold in memory. */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
/** A hostile lockfile could list millions of entries; stop well before memory becomes the problem. */
export const MAX_COMPONENTS = 200_000;
/** Keep at most this many file hashes per component: uv and poetry list one per wheel, sometimes 60+. */
export const MAX_HASHES = 64;

/**
 * A short, escaped piece of text read from a file that is not ours, for an error message: never a whole line
 * (a requirements include could point at a secret), never a control character that would reach the terminal.
 */
export function excerpt(text: string, max = 40): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut).replace(
    /[\u0080-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function metadataError(file: string, what: string, cause?: unknown): AssayError {
  return new AssayError('E_METADATA', `${file}: ${what}`, cause === undefined ? undefined : { cause });
}

export async function readManifestText(path: string): Promise<string> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (cause) {
    throw new AssayError('E_NOT_FOUND', `${path}: no such file`, { cause });
  }
  if (size > MAX_MANIFEST_BYTES)
    throw metadataError(path, `file is ${size} bytes, above the ${MAX_MANIFEST_BYTES} limit`);
  try {
    const text = await readFile(path, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (cause) {
    throw new AssayError('E_IO', `${path}: cannot be read`, { cause });
  }
}

export function parseJsonFile(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw metadataError(
      file,
      `not valid JSON (${cause instanceof Error ? cause.message : String(cause)})`,
      cause,
    );
  }
}

export { normalizePypiName as pep503 } from '../../metadata/pep508.ts';

export type Rec = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function rec(value: unknown): Rec {
  return isRecord(value) ? value : {};
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function arr(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Maps offsets to 1-based line numbers, so components can point at the line that declares them. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** Line of the first occurrence of `needle` at or after `from`; undefined when absent. One search: O(n). */
  find(needle: string, from = 0): number | undefined {
    const at = this.text.indexOf(needle, from);
    return at === -1 ? undefined : this.lineAt(at);
  }

  offsetOf(needle: string, from = 0): number {
    return this.text.indexOf(needle, from);
  }

  /** A finder that moves forward through the text, for entries that a parser meets in file order. */
  cursor(from = 0): LineCursor {
    return new LineCursor(this, Math.max(0, from));
  }
}

/**
 * Finds entries in file order, so a whole lockfile costs one pass over its text instead of one search from the
 * top per entry (which made a 40,000-entry package-lock take minutes). A needle that is not there (a key written
 * with JSON escapes, say) costs a search to the end; after `MAX_MISSES` of those the cursor stops looking, so a
 * hostile file of unfindable keys stays linear and only loses line numbers.
 */
export class LineCursor {
  static readonly MAX_MISSES = 32;
  private misses = 0;

  constructor(
    private readonly index: LineIndex,
    private at: number,
  ) {}

  /** Offset of `needle` at or after the cursor, moving past it; -1 when absent. */
  offsetOf(needle: string): number {
    if (this.misses >= LineCursor.MAX_MISSES) return -1;
    const found = this.index.offsetOf(needle, this.at);
    if (found === -1) this.misses++;
    else this.at = found + needle.length;
    return found;
  }

  /** Line of `needle` at or after the cursor (see offsetOf); undefined when absent. */
  find(needle: string): number | undefined {
    const found = this.offsetOf(needle);
    return found === -1 ? undefined : this.index.lineAt(found);
  }

  /**
   * Line of the `name` key of the next TOML array-of-tables entry (`[[package]]`): poetry, uv and PEP 751 write
   * it first, and searching for the header keeps the search independent of how the name is quoted.
   */
  findTableName(header: string): number | undefined {
    if (this.offsetOf(header) === -1) return undefined;
    return this.find('name');
  }
}

export function capHashes(hashes: readonly string[]): string[] | undefined {
  const unique = [...new Set(hashes.filter((h) => h.length > 0))];
  return unique.length === 0 ? undefined : unique.slice(0, MAX_HASHES);
}

const VCS_URL = /^(git|hg|svn|bzr)\+|^git:\/\/|^git@|^ssh:\/\/git@|\.git(#|$)/i;

/** Classifies a PEP 508 / pip direct reference. */
export function pythonUrlSource(url: string): ComponentSource {
  if (VCS_URL.test(url)) return 'vcs';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !/^file:/i.test(url)) return 'url';
  return 'path';
}

export interface NpmSpec {
  readonly source: ComponentSource;
  /** The registry name when the spec is an alias (`npm:real@^1`). */
  readonly aliasOf?: string;
  /** The range (registry specs) or the reference (others). */
  readonly specifier: string;
  /** Set when the spec is one exact version. */
  readonly exact?: string;
  readonly url?: string;
}

const NPM_EXACT = /^[=v]?\s*(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$/;

/**
 * Classifies a package.json dependency value. Non-registry specs matter because they bypass the
 * registry's malware takedowns and version immutability (TH30109 / TH30111).
 */
export function classifyNpmSpec(raw: string): NpmSpec {
  const spec = raw.trim();
  if (spec.startsWith('npm:')) {
    const rest = spec.slice(4);
    const at = rest.lastIndexOf('@');
    const aliasOf = at > 0 ? rest.slice(0, at) : rest;
    const range = at > 0 ? rest.slice(at + 1) : '*';
    const exact = NPM_EXACT.exec(range)?.[1];
    return exact === undefined
      ? { source: 'registry', aliasOf, specifier: range }
      : { source: 'registry', aliasOf, specifier: range, exact };
  }
  // `ssh://git@host:org/repo#commit=…` is how yarn (v1 and berry) writes a git dependency fetched over ssh.
  if (/^(git\+|git:\/\/|git@|ssh:\/\/|github:|gitlab:|bitbucket:|gist:)/i.test(spec)) {
    return { source: 'vcs', specifier: spec, url: spec };
  }
  if (/^https?:\/\//i.test(spec)) {
    return VCS_URL.test(spec)
      ? { source: 'vcs', specifier: spec, url: spec }
      : { source: 'url', specifier: spec, url: spec };
  }
  if (/^(file:|link:|portal:|workspace:|\.{1,2}\/|\/|~\/)/.test(spec)) {
    return { source: 'path', specifier: spec, url: spec };
  }
  // `user/repo` and `user/repo#ref` are GitHub shorthands.
  if (/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(#.*)?$/.test(spec)) {
    return { source: 'vcs', specifier: spec, url: `github:${spec}` };
  }
  const exact = NPM_EXACT.exec(spec)?.[1];
  return exact === undefined
    ? { source: 'registry', specifier: spec }
    : { source: 'registry', specifier: spec, exact };
}

/** A registry tarball path ends in `/<name>/-/<basename>-<version>.tgz`; anything else was fetched from elsewhere. */
export function isRegistryTarball(url: string): boolean {
  return /^https?:\/\/[^/]+\/(?:.*\/)?(?:@[^/]+\/)?[^/]+\/-\/[^/]+\.tgz(?:[#?].*)?$/i.test(url);
}

/** Source of an npm lockfile entry from its resolved URL (or spec when no URL). */
export function npmResolvedSource(resolved: string | undefined): ComponentSource {
  if (resolved === undefined || resolved === '') return 'registry';
  if (isRegistryTarball(resolved)) return 'registry';
  return classifyNpmSpec(resolved).source;
}

/** Splits `name@version` where the name may start with `@scope/`. */
export function splitNameAt(spec: string): { name: string; rest?: string } {
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  return at === -1 ? { name: spec } : { name: spec.slice(0, at), rest: spec.slice(at + 1) };
}

/** Exact PEP 440 pin: `==1.2.3` or `===1.2.3`, without wildcard. */
export function pep440Exact(specifier: string | undefined): string | undefined {
  if (specifier === undefined) return undefined;
  const m = /^\s*===?\s*([^\s,;*]+)\s*$/.exec(specifier);
  return m?.[1];
}

export function isDevGroupName(group: string): boolean {
  return /^(dev|devel|develop|development|test|tests|testing|lint|docs?|typing|ci)$/i.test(group);
}

/**
 * A YAML lockfile (pnpm-lock.yaml, yarn berry's yarn.lock) parsed, or E_METADATA naming the file. Aliases are
 * bounded: a billion-laughs file expands its anchors without end.
 */
export function parseYamlFile(file: string, text: string): unknown {
  try {
    // The library's own duplicate-key check compares each key with every earlier one (a 20,000-entry
    // pnpm-lock took 49 s); the same check with a Set per mapping is linear.
    // logLevel 'error': the library's warnings about odd directives would print a hostile file's text on stderr.
    const doc = parseDocument(text, { uniqueKeys: false, logLevel: 'error' });
    const [error] = doc.errors;
    if (error !== undefined) throw error;
    const duplicate = firstDuplicateKey(doc.contents);
    if (duplicate !== undefined) throw new Error(`duplicate key ${excerpt(duplicate)}`);
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (cause) {
    throw metadataError(
      file,
      `not valid YAML (${cause instanceof Error ? cause.message.split('\n')[0] : 'error'})`,
      cause,
    );
  }
}

/**
 * A key written twice in one mapping: package managers' parsers disagree on which copy wins, so such a file is
 * refused rather than read one way. One pass over the nodes, without recursion (nesting can be deep).
 */
function firstDuplicateKey(root: unknown): string | undefined {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (seen.has(key)) return key;
        seen.add(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return undefined;
}
