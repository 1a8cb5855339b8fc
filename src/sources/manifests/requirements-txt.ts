import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { isAssayError } from '../../core/errors.ts';
import { pep508Component } from './requirement.ts';
import type { Component, ManifestProblem, ParsedFile } from './types.ts';
import { capHashes, excerpt, metadataError, pep503, pythonUrlSource, readManifestText } from './util.ts';

/** pip itself has no limit; a chain deeper than this is a mistake or an attempt to exhaust us. */
export const MAX_INCLUDE_DEPTH = 10;

/** Options that take a value and do not name a requirement; pip accepts them at the start of a line. */
const IGNORED_OPTIONS = new Set([
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '--trusted-host',
  '--no-binary',
  '--only-binary',
  '--use-feature',
  '--config-settings',
  '--global-option',
  '--pre',
  '--no-index',
  '--prefer-binary',
  '--require-hashes',
]);

interface LogicalLine {
  readonly text: string;
  readonly line: number;
}

/** Joins `\` continuations and drops comments the way pip does (a `#` at line start or after whitespace). */
function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  const physical = text.split(/\r?\n/);
  let buffer = '';
  let start = 0;
  for (let i = 0; i < physical.length; i++) {
    const raw = physical[i] ?? '';
    if (buffer === '') start = i + 1;
    if (raw.endsWith('\\')) {
      buffer += raw.slice(0, -1);
      continue;
    }
    buffer += raw;
    const stripped = buffer.replace(/(^|\s)#.*$/, '').trim();
    if (stripped !== '') out.push({ text: stripped, line: start });
    buffer = '';
  }
  const rest = buffer.replace(/(^|\s)#.*$/, '').trim();
  if (rest !== '') out.push({ text: rest, line: start });
  return out;
}

/** `-r file`, `-r=file`, `--requirement file`, `--requirement=file`. */
function optionValue(text: string, short: string, long: string): string | undefined {
  const m = new RegExp(`^(?:${short}|${long})(?:\\s*=\\s*|\\s+)(\\S.*)$`).exec(text);
  if (m !== null) return m[1]?.trim();
  const glued = new RegExp(`^${short}(\\S.*)$`).exec(text);
  return glued?.[1]?.trim();
}

/** Name and version from a wheel or sdist file name (`pkg-1.0-py3-none-any.whl`, `pkg-1.0.tar.gz`). */
function nameFromArchive(ref: string): { name?: string; version?: string } {
  const file = decodeURIComponent(ref.split(/[?#]/)[0]?.split('/').pop() ?? '');
  const wheel = /^([^-]+)-([^-]+)-.*\.whl$/i.exec(file);
  if (wheel !== null) return { name: wheel[1], version: wheel[2] };
  const sdist = /^(.+?)-(\d[^-]*?)\.(tar\.gz|tar\.bz2|tar\.xz|zip|tgz)$/i.exec(file);
  if (sdist !== null) return { name: sdist[1], version: sdist[2] };
  return {};
}

/** `#egg=name` (pip's legacy way to name a VCS or URL requirement). */
function eggName(ref: string): string | undefined {
  return /[#&]egg=([A-Za-z0-9._-]+)/.exec(ref)?.[1];
}

function looksLikeReference(text: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ||
    /^(git|hg|svn|bzr)\+/i.test(text) ||
    /^(\.{1,2}[\\/]|\/|~)/.test(text) ||
    /\.(whl|tar\.gz|zip|tar\.bz2|tgz)$/i.test(text)
  );
}

interface ReadState {
  /** The project directory (real path): includes may not leave it. */
  readonly root: string;
  readonly problems: ManifestProblem[];
  readonly visited: Set<string>;
  readonly files: string[];
  readonly notes: string[];
  readonly components: Component[];
  readonly constraints: Map<string, { version: string; file: string; line: number }>;
}

export function isDevRequirementsFile(path: string): boolean {
  return /(^|[-_./])(dev|devel|test|tests|testing|lint|docs)([-_.]|$)/i.test(basename(path));
}

/**
 * Reads one or more requirements files of a project. They share one visited set, so a
 * `requirements-dev.txt` that includes `requirements.txt` does not list its entries twice; runtime
 * files are read first so that shared entries count as runtime.
 */
export async function parseRequirementsTxt(
  files: readonly string[],
  projectRoot?: string,
): Promise<ParsedFile> {
  const state: ReadState = {
    root: await realOrSelf(resolve(projectRoot ?? dirname(resolve(files[0] ?? '.')))),
    problems: [],
    visited: new Set(),
    files: [],
    notes: [],
    components: [],
    constraints: new Map(),
  };
  const ordered = [...files].sort(
    (a, b) => Number(isDevRequirementsFile(a)) - Number(isDevRequirementsFile(b)),
  );
  for (const file of ordered) {
    const full = resolve(file);
    if (!state.visited.has(full)) await readOne(full, 0, false, state, isDevRequirementsFile(full));
  }
  // Constraints pin what the requirements name without adding anything of their own.
  const components = state.components.map((c) => {
    const pin = state.constraints.get(c.normalizedName);
    if (c.version !== undefined || pin === undefined || c.source !== 'registry') return c;
    state.notes.push(`${c.name}: version ${pin.version} taken from constraints file ${pin.file}:${pin.line}`);
    return { ...c, version: pin.version, pinned: true };
  });
  return { components, files: state.files, notes: state.notes, problems: state.problems };
}

async function realOrSelf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** pip expands `${NAME}` from the environment; assay does not (the value is the scanning user's, often a token). */
const ENV_VARIABLE = /\$\{[A-Z0-9_]+\}/;

async function readOne(
  file: string,
  depth: number,
  constraint: boolean,
  state: ReadState,
  dev: boolean,
): Promise<void> {
  if (state.visited.has(file)) {
    state.notes.push(`${file}: included more than once (cycle or repeat), read once`);
    return;
  }
  state.visited.add(file);
  const text = await readManifestText(file);
  state.files.push(file);
  if (text.includes('\0')) throw metadataError(file, 'contains NUL bytes, not a requirements file');
  for (const { text: line, line: lineNo } of logicalLines(text)) {
    const include = optionValue(line, '-r', '--requirement');
    const constrain = include === undefined ? optionValue(line, '-c', '--constraint') : undefined;
    const target = include ?? constrain;
    if (target !== undefined) {
      if (/^[a-z]+:\/\//i.test(target)) {
        state.notes.push(`${file}:${lineNo}: remote include ${target} not fetched`);
        continue;
      }
      if (depth + 1 > MAX_INCLUDE_DEPTH) {
        state.notes.push(
          `${file}:${lineNo}: include ${target} skipped, deeper than ${MAX_INCLUDE_DEPTH} levels`,
        );
        continue;
      }
      // An include is read only inside the project: `-r /etc/shadow` or `-r ../../.bashrc` in a file someone
      // else wrote must not make assay read (and print) the scanning user's files. Links are resolved first.
      const child = resolve(dirname(file), target);
      const real = await realOrSelf(child);
      if (isAbsolute(target) || !inside(state.root, child) || !inside(state.root, real)) {
        state.problems.push({
          file,
          line: lineNo,
          kind: 'include-outside-project',
          message: `${file}:${lineNo}: include ${excerpt(target)} is outside the project directory and was not read`,
        });
        continue;
      }
      if (ENV_VARIABLE.test(target)) {
        state.problems.push({
          file,
          line: lineNo,
          kind: 'unexpanded-variable',
          message: `${file}:${lineNo}: include ${excerpt(target)} names an environment variable and was not read`,
        });
        continue;
      }
      try {
        await readOne(
          child,
          depth + 1,
          constraint || constrain !== undefined,
          state,
          dev || isDevRequirementsFile(child),
        );
      } catch (error) {
        if (!isAssayError(error) || error.code !== 'E_NOT_FOUND') throw error;
        // pip stops here; the rest of this file is still worth reporting, with the gap said plainly.
        state.problems.push({
          file,
          line: lineNo,
          kind: 'include-missing',
          message: `${file}:${lineNo}: ${constrain === undefined ? 'requirements' : 'constraints'} file ${excerpt(target)} does not exist (pip would stop here)`,
        });
      }
      continue;
    }
    const editable = optionValue(line, '-e', '--editable');
    const first = line.split(/\s+/)[0] ?? '';
    if (editable === undefined && first.startsWith('-')) {
      const option = first.split('=')[0] ?? first;
      if (option === '--extra-index-url' || option === '-i' || option === '--index-url') {
        state.notes.push(
          `${file}:${lineNo}: package index option ${option} (packages may come from another index)`,
        );
      } else if (!IGNORED_OPTIONS.has(option)) {
        state.notes.push(`${file}:${lineNo}: unknown option ${option} ignored`);
      }
      continue;
    }
    const body = editable ?? line;
    // Per-requirement options (`--hash=…`, `--config-settings …`) start at the first ` --`.
    const optAt = body.search(/\s--?[a-z]/i);
    const spec = (optAt === -1 ? body : body.slice(0, optAt)).trim();
    const options = optAt === -1 ? '' : body.slice(optAt);
    const hashes = capHashes([...options.matchAll(/--hash(?:\s*=\s*|\s+)(\S+)/g)].map((m) => m[1] ?? ''));
    const declaredIn = { file, line: lineNo };
    const component =
      toComponent(spec, editable !== undefined, hashes, declaredIn, dev) ??
      withVariable(spec, declaredIn, dev, state);
    if (component === null) throw metadataError(file, `line ${lineNo}: not a requirement: ${excerpt(spec)}`);
    if (constraint) {
      if (component.version !== undefined)
        state.constraints.set(component.normalizedName, { version: component.version, file, line: lineNo });
      continue;
    }
    state.components.push(component);
  }
}

/**
 * A requirement with `${VAR}` in it (`pkg==${PKG_VERSION}`): listed by its name with the rest as written, and
 * reported as not fully known, instead of failing the whole file.
 */
function withVariable(
  spec: string,
  declaredIn: { file: string; line: number },
  dev: boolean,
  state: ReadState,
): Component | null {
  if (!ENV_VARIABLE.test(spec)) return null;
  const name = /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(spec)?.[0];
  if (name === undefined) return null;
  state.problems.push({
    ...declaredIn,
    kind: 'unexpanded-variable',
    message: `${declaredIn.file}:${declaredIn.line}: ${name}: environment variables are not expanded; its version is not known`,
  });
  const rest = spec.slice(name.length).trim();
  return {
    ecosystem: 'pypi',
    name,
    normalizedName: pep503(name),
    ...(rest === '' ? {} : { specifier: rest }),
    pinned: false,
    source: /@/.test(rest) ? pythonUrlSource(rest.replace(/^[^@]*@\s*/, '')) : 'registry',
    dev,
    direct: true,
    declaredIn,
  };
}

function toComponent(
  spec: string,
  editable: boolean,
  hashes: string[] | undefined,
  declaredIn: { file: string; line: number },
  dev: boolean,
): Component | null {
  const extra = hashes === undefined ? {} : { hashes };
  const named = /^[A-Za-z0-9][A-Za-z0-9._-]*\s*(\[[^\]]*\])?\s*@/.test(spec);
  if (editable || (!named && looksLikeReference(spec))) {
    const fromArchive = nameFromArchive(spec);
    const tail =
      spec
        .split(/[?#]/)[0]
        ?.replace(/[\\/]+$/, '')
        .split(/[\\/]/)
        .pop() ?? '';
    const local =
      tail === '' || tail === '.' || tail === '..' ? basename(resolve(dirname(declaredIn.file), spec)) : tail;
    const name = eggName(spec) ?? fromArchive.name ?? local.replace(/\.git$/, '');
    const version = fromArchive.version;
    return {
      ecosystem: 'pypi',
      name,
      normalizedName: pep503(name),
      ...(version === undefined ? {} : { version }),
      pinned: version !== undefined,
      source: pythonUrlSource(spec),
      url: spec,
      ...extra,
      dev,
      direct: true,
      declaredIn,
    };
  }
  return pep508Component(spec, declaredIn.file, declaredIn.line, dev, {
    versionOfUrl: (url) => nameFromArchive(url).version,
    ...(hashes === undefined ? {} : { hashes }),
  });
}
