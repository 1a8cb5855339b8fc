import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { AssayError } from '../../core/errors.ts';
import type { Ecosystem } from '../../metadata/types.ts';
import { mergeDuplicates } from './merge.ts';
import { parsePackageJson } from './package-json.ts';
import { parsePackageLock } from './package-lock.ts';
import { parsePdmLock } from './pdm-lock.ts';
import { parsePipfileLock } from './pipfile-lock.ts';
import { parsePnpmLock } from './pnpm-lock.ts';
import { parsePoetryLock } from './poetry-lock.ts';
import { parsePylock } from './pylock.ts';
import { parsePyproject, parseTomlFile } from './pyproject.ts';
import { parseRequirementsTxt } from './requirements-txt.ts';
import { parseSetupCfg } from './setup-cfg.ts';
import type {
  Component,
  DirectNames,
  ManifestFormat,
  ManifestProblem,
  ParsedFile,
  Project,
  ProjectFile,
} from './types.ts';
import { MAX_COMPONENTS, pep503, readManifestText, rec } from './util.ts';
import { parseUvLock } from './uv-lock.ts';
import { parseYarnLock } from './yarn-lock.ts';

export type * from './types.ts';

const LOCKFILES: ReadonlySet<ManifestFormat> = new Set([
  'poetry.lock',
  'pdm.lock',
  'uv.lock',
  'Pipfile.lock',
  'pylock.toml',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
]);

const ECOSYSTEM: Readonly<Record<ManifestFormat, Ecosystem>> = {
  'requirements.txt': 'pypi',
  'pyproject.toml': 'pypi',
  'setup.cfg': 'pypi',
  'poetry.lock': 'pypi',
  'pdm.lock': 'pypi',
  'uv.lock': 'pypi',
  'Pipfile.lock': 'pypi',
  'pylock.toml': 'pypi',
  'package.json': 'npm',
  'package-lock.json': 'npm',
  'npm-shrinkwrap.json': 'npm',
  'yarn.lock': 'npm',
  'pnpm-lock.yaml': 'npm',
};

/** Which file a directory scan prefers, best first: a lockfile says what is really installed. */
const PREFERENCE: Readonly<Record<Ecosystem, readonly ManifestFormat[]>> = {
  pypi: [
    'uv.lock',
    'poetry.lock',
    'pdm.lock',
    'pylock.toml',
    'Pipfile.lock',
    'requirements.txt',
    'pyproject.toml',
    'setup.cfg',
  ],
  npm: ['npm-shrinkwrap.json', 'package-lock.json', 'pnpm-lock.yaml', 'yarn.lock', 'package.json'],
};

/** The format of a file from its name; undefined when assay does not read it. */
export function detectFormat(path: string): ManifestFormat | undefined {
  const name = basename(path);
  if (name in ECOSYSTEM) return name as ManifestFormat;
  if (/^pylock\.[^.]+\.toml$/.test(name)) return 'pylock.toml';
  if (/requirements.*\.(txt|in)$/i.test(name)) return 'requirements.txt';
  return undefined;
}

async function parseFile(files: string[], format: ManifestFormat, direct?: DirectNames): Promise<ParsedFile> {
  if (format === 'requirements.txt') return parseRequirementsTxt(files);
  const file = files[0] ?? '';
  const text = await readManifestText(file);
  switch (format) {
    case 'pyproject.toml':
      return parsePyproject(file, text);
    case 'setup.cfg':
      return parseSetupCfg(file, text);
    case 'poetry.lock':
      return parsePoetryLock(file, text);
    case 'pdm.lock':
      return parsePdmLock(file, text);
    case 'uv.lock':
      return parseUvLock(file, text);
    case 'Pipfile.lock':
      return parsePipfileLock(file, text);
    case 'pylock.toml':
      return parsePylock(file, text);
    case 'package.json':
      return parsePackageJson(file, text);
    case 'package-lock.json':
    case 'npm-shrinkwrap.json':
      return parsePackageLock(file, text, direct);
    case 'yarn.lock':
      return parseYarnLock(file, text, direct);
    case 'pnpm-lock.yaml':
      return parsePnpmLock(file, text);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Names a manifest declares, used to mark which lockfile entries the project asked for itself. */
async function directNamesBeside(
  dir: string,
  ecosystem: Ecosystem,
  notes: string[],
): Promise<DirectNames | undefined> {
  const candidates = ecosystem === 'npm' ? ['package.json'] : ['pyproject.toml', 'Pipfile'];
  for (const name of candidates) {
    const file = join(dir, name);
    if (!(await exists(file))) continue;
    try {
      let components: readonly Component[];
      if (name === 'Pipfile') components = pipfileNames(file, await readManifestText(file));
      else components = (await parseFile([file], name as ManifestFormat)).components;
      if (components.length === 0) continue;
      const prod = new Set<string>();
      const dev = new Set<string>();
      const specs = new Map<string, string>();
      for (const c of components) {
        const key = ecosystem === 'pypi' ? pep503(c.name) : (c.alias ?? c.name);
        (c.dev ? dev : prod).add(key);
        if (c.specifier !== undefined) specs.set(key, c.specifier);
      }
      return { prod, dev, specs };
    } catch (error) {
      notes.push(
        `${file}: not read to find direct dependencies (${error instanceof Error ? error.message : 'error'})`,
      );
    }
  }
  return undefined;
}

/** Pipfile is TOML; only its package names matter here. */
function pipfileNames(file: string, text: string): Component[] {
  const doc = parseTomlFile(file, text);
  const out: Component[] = [];
  for (const [section, dev] of [
    ['packages', false],
    ['dev-packages', true],
  ] as const) {
    for (const name of Object.keys(rec(doc[section]))) {
      out.push({
        ecosystem: 'pypi',
        name,
        normalizedName: pep503(name),
        pinned: false,
        source: 'registry',
        dev,
        direct: true,
        declaredIn: { file },
      });
    }
  }
  return out;
}

function markDirect(components: Component[], direct: DirectNames | undefined): Component[] {
  if (direct === undefined) return components;
  return components.map((c) => {
    if (c.direct) return c;
    const key = c.ecosystem === 'pypi' ? c.normalizedName : (c.alias ?? c.name);
    const prod = direct.prod.has(key);
    const dev = direct.dev.has(key);
    return prod || dev ? { ...c, direct: true, dev: c.dev || (dev && !prod) } : c;
  });
}

/** Formats whose lockfile does not record which entries are direct, so the manifest beside it is read. */
const NEEDS_DIRECT: ReadonlySet<ManifestFormat> = new Set([
  'poetry.lock',
  'pdm.lock',
  'Pipfile.lock',
  'pylock.toml',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
]);

/**
 * Of those, the lockfiles whose parser places the manifest's names on its own dependency graph (a nested
 * `node_modules/debug` of express is not the project's dev `debug`). The others are flat: a name is one package.
 */
const MARKS_OWN_DIRECT: ReadonlySet<ManifestFormat> = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
]);

async function readOne(
  files: string[],
  format: ManifestFormat,
  notes: string[],
): Promise<{ parsed: ParsedFile; used: ProjectFile[] }> {
  const ecosystem = ECOSYSTEM[format];
  const dir = resolve(files[0] ?? '.', '..');
  const direct = NEEDS_DIRECT.has(format) ? await directNamesBeside(dir, ecosystem, notes) : undefined;
  const parsed = await parseFile(files, format, direct);
  const components =
    NEEDS_DIRECT.has(format) && !MARKS_OWN_DIRECT.has(format)
      ? markDirect(parsed.components, direct)
      : parsed.components;
  if (NEEDS_DIRECT.has(format) && direct === undefined && !components.some((c) => c.direct))
    notes.push(
      `${files[0] ?? format}: no manifest beside it (${ecosystem === 'npm' ? 'package.json' : 'pyproject.toml or Pipfile'}), so which packages the project asks for itself is not known; all are listed as transitive`,
    );
  return {
    parsed: { ...parsed, components },
    used: files.map((file) => ({ file, format, kind: LOCKFILES.has(format) ? 'lockfile' : 'manifest' })),
  };
}

/**
 * Reads a manifest, a lockfile, or a project directory. In a directory each ecosystem's best file
 * is used (a lockfile over a manifest) and the others are named in `notes`.
 */
export async function readProject(path: string): Promise<Project> {
  const full = resolve(path);
  let isDir: boolean;
  try {
    isDir = (await stat(full)).isDirectory();
  } catch (cause) {
    throw new AssayError('E_NOT_FOUND', `${path}: no such file or directory`, { cause });
  }
  const notes: string[] = [];
  const picked: { files: string[]; format: ManifestFormat }[] = [];
  if (isDir) {
    const names = (await readdir(full)).sort();
    const found = new Map<ManifestFormat, string[]>();
    for (const name of names) {
      const format = detectFormat(name);
      if (format === undefined || !(await exists(join(full, name)))) continue;
      found.set(format, [...(found.get(format) ?? []), join(full, name)]);
    }
    for (const ecosystem of ['pypi', 'npm'] as const) {
      const best = PREFERENCE[ecosystem].find((f) => found.has(f));
      if (best === undefined) continue;
      // Several requirements files (requirements.txt, requirements-dev.txt …) are all read.
      const files = found.get(best) ?? [];
      picked.push({ files: best === 'requirements.txt' ? files : files.slice(0, 1), format: best });
      const skipped = PREFERENCE[ecosystem].filter((f) => f !== best && found.has(f));
      if (skipped.length > 0) notes.push(`used ${best}; also present but not used: ${skipped.join(', ')}`);
    }
    if (picked.length === 0)
      throw new AssayError(
        'E_UNSUPPORTED',
        `${path}: no manifest or lockfile assay can read in this directory`,
      );
  } else {
    const format = detectFormat(full);
    if (format === undefined)
      throw new AssayError('E_USAGE', `${path}: not a manifest or lockfile assay reads (by its file name)`);
    picked.push({ files: [full], format });
  }
  const files: string[] = [];
  const used: ProjectFile[] = [];
  const components: Component[] = [];
  const problems: ManifestProblem[] = [];
  for (const pick of picked) {
    const { parsed, used: u } = await readOne(pick.files, pick.format, notes);
    // Never `push(...list)`: a lockfile's list can exceed the engine's argument limit (a 130,000-entry yarn.lock).
    for (const entry of u) used.push(entry);
    for (const f of parsed.files ?? pick.files) if (!files.includes(f)) files.push(f);
    let listed = parsed.components;
    if (listed.length >= MAX_COMPONENTS) {
      listed = listed.slice(0, MAX_COMPONENTS);
      problems.push({
        file: pick.files[0] ?? path,
        kind: 'too-many-components',
        message: `${pick.files[0] ?? path}: only the first ${MAX_COMPONENTS} entries were read; the project lists more or exactly that many`,
      });
    }
    for (const component of mergeDuplicates(listed)) components.push(component);
    for (const note of parsed.notes ?? []) notes.push(note);
    for (const problem of parsed.problems ?? []) problems.push(problem);
  }
  const ecosystems = [...new Set(components.map((c) => c.ecosystem))];
  return { ecosystems, files, used, components, notes, problems };
}
