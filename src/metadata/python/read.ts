/**
 * One PackageMetadata from all of a Python package's metadata files: built metadata (METADATA,
 * PKG-INFO, egg-info) and declarations (pyproject.toml, setup.cfg, a statically read setup.py).
 */
import { eq as pep440Equal, valid as pep440Valid } from '@renovatebot/pep440';
import type { PackageFile } from '../../artifacts/types.ts';
import { normalizePypiName } from '../pep508.ts';
import type {
  CommandOverride,
  DeclaredScript,
  DeclaredUrl,
  Dependency,
  EntryPoint,
  MetadataConflict,
  MetadataParseError,
  MetadataSource,
  MetadataSourceKind,
  PackageMetadata,
  Person,
} from '../types.ts';
import {
  type Contribution,
  MAX_DEPENDENCIES_PER_FILE,
  newContribution,
  type Sourced,
} from './contribution.ts';
import { coreMetadataContribution } from './core-metadata.ts';
import { decodeText } from './decode.ts';
import { readEntryPointsIni, readRequiresTxt, readTopLevelTxt } from './egg-info.ts';
import { locateMetadataFiles, type MetadataFile, type MetadataRole } from './locate.ts';
import { pyprojectContribution } from './pyproject.ts';
import { isDirective, setupCfgContribution } from './setup-cfg.ts';
import { readSetupPy } from './setup-py.ts';
import { pythonParser } from './tree-sitter.ts';

export interface PythonMetadataOptions {
  /** Larger metadata files are not read (a long description rarely passes 1 MiB). */
  readonly maxFileBytes: number;
  /** Metadata files read at most; more top-level ones than this is itself odd. */
  readonly maxFiles: number;
  /** Work budget (tree-sitter progress steps) for parsing one setup.py. */
  readonly setupPyParseSteps: number;
}

export const DEFAULT_PYTHON_METADATA_OPTIONS: PythonMetadataOptions = {
  maxFileBytes: 16 * 1024 * 1024,
  maxFiles: 32,
  setupPyParseSteps: 40_000,
};

const KIND_OF_ROLE: Record<MetadataRole, MetadataSourceKind> = {
  METADATA: 'METADATA',
  'dist-info/entry_points.txt': 'METADATA',
  'dist-info/top_level.txt': 'METADATA',
  'PKG-INFO': 'PKG-INFO',
  'egg-info/PKG-INFO': 'egg-info',
  'requires.txt': 'egg-info',
  'egg-info/entry_points.txt': 'egg-info',
  'egg-info/top_level.txt': 'egg-info',
  'pyproject.toml': 'pyproject.toml',
  'setup.cfg': 'setup.cfg',
  'setup.py': 'setup.py',
};

/**
 * Which source wins a single-valued field: what was built beats what the build was told. The side
 * files (requires.txt, entry_points.txt) state no single-valued field; they sit beside their folder's
 * main file so that lists come out grouped by folder.
 */
const PRECEDENCE: Record<MetadataRole, number> = {
  METADATA: 0,
  'dist-info/entry_points.txt': 1,
  'dist-info/top_level.txt': 1,
  'PKG-INFO': 2,
  'egg-info/PKG-INFO': 3,
  'requires.txt': 4,
  'egg-info/entry_points.txt': 4,
  'egg-info/top_level.txt': 4,
  'pyproject.toml': 5,
  'setup.cfg': 6,
  'setup.py': 7,
};

/**
 * Reads a Python package's metadata. Async because the setup.py reader loads the tree-sitter grammar
 * (once per thread). Never throws for a broken metadata file: the problem goes to `parseErrors`.
 */
export async function readPythonMetadata(
  files: readonly PackageFile[],
  options: Partial<PythonMetadataOptions> = {},
): Promise<PackageMetadata> {
  const settings = { ...DEFAULT_PYTHON_METADATA_OPTIONS, ...options };
  const located = locateMetadataFiles(files).sort((a, b) => PRECEDENCE[a.role] - PRECEDENCE[b.role]);
  const parseErrors: MetadataParseError[] = [];
  const sources: MetadataSource[] = [];
  const contributions: Contribution[] = [];
  for (const [index, entry] of located.entries()) {
    const kind = KIND_OF_ROLE[entry.role];
    if (index >= settings.maxFiles) {
      parseErrors.push({
        file: entry.file.path,
        message: `not read: more than ${settings.maxFiles} metadata files`,
      });
      continue;
    }
    sources.push({ file: entry.file.path, kind });
    const size = entry.file.data.length;
    let data = entry.file.data;
    if (size > settings.maxFileBytes) {
      // Built metadata puts every field before the description, so its head is worth reading: skipping the
      // whole file would let a padded description hide the name, version and requirements.
      const readHead = HEAD_READABLE.has(entry.role);
      parseErrors.push({
        file: entry.file.path,
        message: readHead
          ? `only the first ${settings.maxFileBytes} bytes read: ${size} bytes is over the limit`
          : `not read: ${size} bytes is over the ${settings.maxFileBytes}-byte limit`,
        truncated: { limit: 'metadata-bytes', max: settings.maxFileBytes, observed: size },
      });
      if (!readHead) continue;
      data = data.subarray(0, settings.maxFileBytes);
    }
    const contribution = await readOne({ ...entry, file: { ...entry.file, data } }, kind, settings);
    for (const message of contribution.errors) parseErrors.push({ file: entry.file.path, message });
    if (contribution.skippedRequirements > 0) {
      const declared = contribution.dependencies.length + contribution.skippedRequirements;
      parseErrors.push({
        file: entry.file.path,
        message: `${declared} requirements${data === entry.file.data ? '' : ' in the part read'}; the first ${MAX_DEPENDENCIES_PER_FILE} were read and ${contribution.skippedRequirements} were not`,
        truncated: { limit: 'metadata-entries', max: MAX_DEPENDENCIES_PER_FILE, observed: declared },
      });
    }
    contributions.push(contribution);
  }
  return { ...merge(contributions), sources, parseErrors };
}

/** Formats whose fields all come before a free-text body, so reading the head of a big file keeps them. */
const HEAD_READABLE: ReadonlySet<MetadataRole> = new Set(['METADATA', 'PKG-INFO', 'egg-info/PKG-INFO']);

async function readOne(
  entry: MetadataFile,
  kind: MetadataSourceKind,
  settings: PythonMetadataOptions,
): Promise<Contribution> {
  const path = entry.file.path;
  const { text } = decodeText(entry.file.data);
  try {
    switch (entry.role) {
      case 'METADATA':
      case 'PKG-INFO':
      case 'egg-info/PKG-INFO':
        return coreMetadataContribution(path, kind, text);
      case 'pyproject.toml':
        return pyprojectContribution(path, text);
      case 'setup.cfg':
        return setupCfgContribution(path, text);
      case 'setup.py':
        return readSetupPy(path, text, await pythonParser(), { parseSteps: settings.setupPyParseSteps });
      case 'requires.txt': {
        const contribution = newContribution(path, kind);
        readRequiresTxt(contribution, text);
        return contribution;
      }
      case 'dist-info/entry_points.txt':
      case 'egg-info/entry_points.txt': {
        const contribution = newContribution(path, kind);
        readEntryPointsIni(contribution, text, 'entry_points.txt');
        return contribution;
      }
      case 'dist-info/top_level.txt':
      case 'egg-info/top_level.txt': {
        const contribution = newContribution(path, kind);
        readTopLevelTxt(contribution, text);
        return contribution;
      }
    }
  } catch (error) {
    // A reader bug on hostile input must cost this file only, never the scan.
    const contribution = newContribution(path, kind);
    contribution.errors.push(`could not be read: ${error instanceof Error ? error.message : String(error)}`);
    return contribution;
  }
}

type Merged = Omit<PackageMetadata, 'sources' | 'parseErrors'>;

function sameVersion(a: string, b: string): boolean {
  if (a === b) return true;
  // `1.0` and `1.0.0` are the same release under PEP 440; only a real difference is a conflict.
  return pep440Valid(a) !== null && pep440Valid(b) !== null && pep440Equal(a, b);
}

function sameUrl(a: string, b: string): boolean {
  return a.trim().replace(/\/+$/, '') === b.trim().replace(/\/+$/, '');
}

/** A setup.cfg `attr:` / `file:` value is a pointer, not a value: it is neither chosen nor compared. */
function usable(value: Sourced<string> | undefined, contribution: Contribution): value is Sourced<string> {
  return value !== undefined && !(contribution.kind === 'setup.cfg' && isDirective(value.value));
}

function pick(
  contributions: readonly Contribution[],
  get: (c: Contribution) => Sourced<string> | undefined,
): Sourced<string> | undefined {
  for (const contribution of contributions) {
    const value = get(contribution);
    if (usable(value, contribution)) return value;
  }
  // Nothing but pointers: report the pointer as written rather than nothing.
  for (const contribution of contributions) {
    const value = get(contribution);
    if (value) return value;
  }
  return undefined;
}

function conflict(
  field: string,
  contributions: readonly Contribution[],
  get: (c: Contribution) => Sourced<string> | undefined,
  same: (a: string, b: string) => boolean,
): MetadataConflict | undefined {
  const values: Sourced<string>[] = [];
  for (const contribution of contributions) {
    const value = get(contribution);
    if (usable(value, contribution)) values.push(value);
  }
  const first = values[0];
  if (!first || values.every((v) => same(v.value, first.value))) return undefined;
  return { field, values: values.map((v) => ({ value: v.value, source: v.source })) };
}

/**
 * Built metadata files describe one build, so a value that several of them state (PKG-INFO and the
 * egg-info copy, Requires-Dist and requires.txt) is kept once; declaration files are kept apart per
 * kind, which keeps the evidence of each. Repeats inside one file are what that file says and stay.
 */
function sourceClass(kind: MetadataSourceKind): string {
  return kind === 'METADATA' || kind === 'PKG-INFO' || kind === 'egg-info' ? 'built' : kind;
}

function collect<T extends { readonly source: { readonly file: string } }>(
  contributions: readonly Contribution[],
  get: (c: Contribution) => readonly T[],
  key: (item: T) => string,
): T[] {
  const firstFile = new Map<string, string>();
  const out: T[] = [];
  for (const contribution of contributions) {
    for (const item of get(contribution)) {
      const id = `${sourceClass(contribution.kind)}\u0000${key(item)}`;
      const seenIn = firstFile.get(id);
      if (seenIn !== undefined && seenIn !== contribution.file) continue;
      firstFile.set(id, contribution.file);
      out.push(item);
    }
  }
  return out;
}

function merge(contributions: readonly Contribution[]): Merged {
  const name = pick(contributions, (c) => c.name);
  const version = pick(contributions, (c) => c.version);
  const summary = pick(contributions, (c) => c.summary);
  const description = pick(contributions, (c) => c.description);
  const license = pick(contributions, (c) => c.license);
  const requiresPython = pick(contributions, (c) => c.requiresPython);
  const buildBackend = pick(contributions, (c) => c.buildBackend);

  const conflicts = [
    conflict(
      'name',
      contributions,
      (c) => c.name,
      (a, b) => normalizePypiName(a) === normalizePypiName(b),
    ),
    conflict('version', contributions, (c) => c.version, sameVersion),
    conflict('home-page', contributions, (c) => c.homePage, sameUrl),
  ].filter((c): c is MetadataConflict => c !== undefined);

  const person = (p: Person): string => `${p.name?.toLowerCase() ?? ''}\u0000${p.email?.toLowerCase() ?? ''}`;
  const dependencyKeys = new Map<Dependency, string>();
  for (const contribution of contributions) {
    for (const keyed of contribution.dependencies) dependencyKeys.set(keyed.dependency, keyed.key);
  }
  const topLevel = [...new Set(contributions.flatMap((c) => c.topLevelModules))];

  return {
    ecosystem: 'pypi',
    ...(name ? { name: name.value, normalizedName: normalizePypiName(name.value) } : {}),
    ...(version ? { version: version.value } : {}),
    ...(summary ? { summary: summary.value } : {}),
    ...(description ? { description: description.value } : {}),
    ...(license ? { license: license.value } : {}),
    ...(requiresPython ? { requiresPython: requiresPython.value } : {}),
    authors: collect(contributions, (c) => c.authors, person),
    maintainers: collect(contributions, (c) => c.maintainers, person),
    urls: collect(
      contributions,
      (c) => c.urls,
      (u: DeclaredUrl) => `${u.label}\u0000${u.url}`,
    ),
    // The key was made with the dependency and already includes the source class.
    dependencies: collect(
      contributions,
      (c) => c.dependencies.map((d) => d.dependency),
      (d: Dependency) => dependencyKeys.get(d) ?? d.raw,
    ),
    entryPoints: collect(
      contributions,
      (c) => c.entryPoints,
      (e: EntryPoint) => `${e.group}\u0000${e.name}\u0000${e.value}`,
    ),
    scripts: collect(
      contributions,
      (c) => c.scripts,
      (s: DeclaredScript) => `${s.name}\u0000${s.command}`,
    ),
    commandOverrides: collect(
      contributions,
      (c) => c.commandOverrides,
      (o: CommandOverride) => `${o.command}\u0000${o.handler}`,
    ),
    ...(buildBackend ? { buildBackend: buildBackend.value } : {}),
    ...(topLevel.length > 0 ? { topLevelModules: topLevel } : {}),
    conflicts,
  };
}
