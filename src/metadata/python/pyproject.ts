/** pyproject.toml: PEP 621 `[project]`, PEP 518 `[build-system]` and Poetry's `[tool.poetry]`. */
import { parse } from 'smol-toml';
import type { DependencyKind, FieldSource } from '../types.ts';
import {
  addDependency,
  addError,
  addRequirementLine,
  type Contribution,
  fieldSource,
  newContribution,
  parseAddressList,
  type Sourced,
  truncate,
} from './contribution.ts';
import { splitLines } from './decode.ts';

export type Table = { readonly [key: string]: unknown };
export type TablePath = string | readonly string[];

function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function table(value: unknown): Table | undefined {
  return isTable(value) ? value : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function entries(value: unknown): [string, unknown][] {
  return isTable(value) ? Object.entries(value) : [];
}

/**
 * The line finder of pyproject.toml, for the package's own metadata and for project manifests alike.
 * smol-toml gives values without positions, so the line of a key is found by scanning the text: enough
 * for evidence, and a missing line only drops `line` from the FieldSource.
 */
export class TomlLines {
  private readonly keys = new Map<string, number>();
  private readonly lines: string[];

  constructor(textValue: string) {
    this.lines = splitLines(textValue);
    let current = '';
    for (let index = 0; index < this.lines.length; index++) {
      const line = (this.lines[index] ?? '').trim();
      const header = /^\[\[?\s*([^\]]+?)\s*\]\]?/.exec(line);
      if (header) {
        current = TomlLines.path(header[1] ?? '');
        if (!this.keys.has(`${current}\u0000`)) this.keys.set(`${current}\u0000`, index + 1);
        continue;
      }
      const key = /^("[^"]*"|'[^']*'|[A-Za-z0-9_.\- ]+?)\s*=/.exec(line);
      if (!key) continue;
      const dotted = TomlLines.parts(key[1] ?? '');
      const name = dotted.pop() ?? '';
      const parent = [current, ...dotted].filter((p) => p !== '').join('\u0001');
      const id = `${parent}\u0000${name}`;
      if (!this.keys.has(id)) this.keys.set(id, index + 1);
    }
  }

  /** Splits a dotted key into its parts; quoted parts may contain dots (`entry-points."a.b"`). */
  private static parts(raw: string): string[] {
    const parts: string[] = [];
    const token = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(\.|$)/y;
    let match = token.exec(raw);
    while (match) {
      parts.push(match[1] ?? match[2] ?? match[3] ?? '');
      if (match[4] !== '.') break;
      match = token.exec(raw);
    }
    return parts;
  }

  private static path(raw: string): string {
    return TomlLines.parts(raw).join('\u0001');
  }

  /** A string table path is split on dots (`project.urls`); pass parts when a part holds a dot. */
  of(tablePath: TablePath, key?: string): number | undefined {
    const table = (typeof tablePath === 'string' ? tablePath.split('.') : tablePath).join('\u0001');
    return this.keys.get(`${table}\u0000${key ?? ''}`) ?? this.keys.get(`${table}\u0000`);
  }

  /** The line of a string item inside an array value that starts at the key's line. */
  item(tablePath: TablePath, key: string, value: string): number | undefined {
    const start = this.of(tablePath, key);
    if (start === undefined) return undefined;
    const limit = Math.min(this.lines.length, start + 5000);
    for (let index = start - 1; index < limit; index++) {
      if (this.lines[index]?.includes(value)) return index + 1;
    }
    return start;
  }
}

/** pyproject.toml as its one reader gives it: the parsed document and the line of each key. */
export interface PyprojectText {
  readonly document: Table;
  readonly lines: TomlLines;
}

/** Parses pyproject.toml; throws smol-toml's error (its first line says where) on invalid TOML. */
export function readPyprojectText(textValue: string): PyprojectText {
  const document = parse(textValue);
  return { document, lines: new TomlLines(textValue) };
}

export function pyprojectContribution(file: string, textValue: string): Contribution {
  const contribution = newContribution(file, 'pyproject.toml');
  let read: PyprojectText;
  try {
    read = readPyprojectText(textValue);
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    addError(contribution, `not valid TOML: ${truncate(message, 200)}`);
    return contribution;
  }
  const { document, lines } = read;
  const at = (tablePath: string, key: string, field = key): FieldSource =>
    fieldSource(file, field, lines.of(tablePath, key));
  const scalar = (
    tableValue: Table | undefined,
    tablePath: string,
    key: string,
  ): Sourced<string> | undefined => {
    const value = text(tableValue?.[key]);
    return value === undefined ? undefined : { value, source: at(tablePath, key, `${tablePath}.${key}`) };
  };

  readProject(contribution, table(document['project']), lines, scalar, at);
  readBuildSystem(contribution, table(document['build-system']), lines, scalar);
  readPoetry(contribution, table(table(document['tool'])?.['poetry']), lines, scalar, at);
  return contribution;
}

type Scalar = (tableValue: Table | undefined, tablePath: string, key: string) => Sourced<string> | undefined;
type At = (tablePath: string, key: string, field?: string) => FieldSource;

function fieldName(tablePath: TablePath): string {
  return typeof tablePath === 'string' ? tablePath : tablePath.join('.');
}

function requirementArray(
  contribution: Contribution,
  value: unknown,
  lines: TomlLines,
  tablePath: TablePath,
  key: string,
  kind: DependencyKind,
  group?: string,
): void {
  if (value === undefined) return;
  const field = `${fieldName(tablePath)}.${key}`;
  if (!Array.isArray(value)) {
    addError(contribution, `${field}: expected an array of requirement strings`);
    return;
  }
  for (const item of value) {
    if (typeof item !== 'string') {
      addError(contribution, `${field}: an item is not a string`);
      continue;
    }
    const source = fieldSource(contribution.file, field, lines.item(tablePath, key, item));
    addRequirementLine(contribution, item, kind, source, group);
  }
}

function readProject(
  contribution: Contribution,
  project: Table | undefined,
  lines: TomlLines,
  scalar: Scalar,
  at: At,
): void {
  if (!project) return;
  const path = 'project';
  contribution.name = scalar(project, path, 'name');
  contribution.version = scalar(project, path, 'version');
  contribution.summary = scalar(project, path, 'description');
  contribution.requiresPython = scalar(project, path, 'requires-python');
  const readme = table(project['readme']);
  const readmeText = text(readme?.['text']);
  if (readmeText !== undefined) contribution.description = { value: readmeText, source: at(path, 'readme') };

  // PEP 639 made `license` an SPDX expression string; PEP 621 had a table with `text` or `file`.
  const license = project['license'];
  if (typeof license === 'string') contribution.license = scalar(project, path, 'license');
  else {
    const licenseText = text(table(license)?.['text']);
    if (licenseText !== undefined) contribution.license = { value: licenseText, source: at(path, 'license') };
  }

  for (const [key, target] of [
    ['authors', contribution.authors],
    ['maintainers', contribution.maintainers],
  ] as const) {
    const people = project[key];
    if (!Array.isArray(people)) continue;
    for (const person of people) {
      const name = text(table(person)?.['name']);
      const email = text(table(person)?.['email']);
      if (name === undefined && email === undefined) continue;
      target.push({
        ...(name !== undefined ? { name } : {}),
        ...(email !== undefined ? { email } : {}),
        source: at(path, key, `${path}.${key}`),
      });
    }
  }

  for (const [label, url] of entries(project['urls'])) {
    const value = text(url);
    if (value === undefined) continue;
    const source = fieldSource(contribution.file, 'project.urls', lines.of('project.urls', label));
    contribution.urls.push({ label, url: value, source });
    if (/^home[-_ ]?page$/i.test(label)) contribution.homePage ??= { value, source };
  }

  requirementArray(contribution, project['dependencies'], lines, path, 'dependencies', 'runtime');
  for (const [group, list] of entries(project['optional-dependencies'])) {
    requirementArray(
      contribution,
      list,
      lines,
      ['project', 'optional-dependencies'],
      group,
      'optional',
      group,
    );
  }

  const entryPointTable = (groupName: string, value: unknown, tablePath: TablePath): void => {
    for (const [name, target] of entries(value)) {
      const ref = text(target);
      if (ref === undefined) continue;
      contribution.entryPoints.push({
        group: groupName,
        name,
        value: ref,
        source: fieldSource(contribution.file, fieldName(tablePath), lines.of(tablePath, name)),
      });
    }
  };
  entryPointTable('console_scripts', project['scripts'], 'project.scripts');
  entryPointTable('gui_scripts', project['gui-scripts'], 'project.gui-scripts');
  for (const [group, value] of entries(project['entry-points'])) {
    entryPointTable(group, value, ['project', 'entry-points', group]);
  }
}

function readBuildSystem(
  contribution: Contribution,
  buildSystem: Table | undefined,
  lines: TomlLines,
  scalar: Scalar,
): void {
  if (!buildSystem) return;
  requirementArray(contribution, buildSystem['requires'], lines, 'build-system', 'requires', 'build');
  contribution.buildBackend = scalar(buildSystem, 'build-system', 'build-backend');
}

/** Renders a Poetry dependency value back to one line of TOML-like text for `raw`. */
function render(value: unknown, depth = 0): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (depth > 4) return '…';
  if (Array.isArray(value)) return `[${value.map((v) => render(v, depth + 1)).join(', ')}]`;
  if (isTable(value)) {
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k} = ${render(v, depth + 1)}`)
      .join(', ')} }`;
  }
  return String(value);
}

function poetryDependency(
  contribution: Contribution,
  name: string,
  value: unknown,
  kind: DependencyKind,
  group: string | undefined,
  optionalGroups: ReadonlyMap<string, string>,
  source: FieldSource,
): void {
  const raw = `${name} = ${render(value)}`;
  if (Array.isArray(value)) {
    // Multiple-constraint form: one declaration per Python version or platform.
    for (const item of value.slice(0, 50))
      poetryDependency(contribution, name, item, kind, group, optionalGroups, source);
    return;
  }
  const spec = typeof value === 'string' ? { version: value } : table(value);
  if (!spec) {
    addError(contribution, `${source.field}: unreadable dependency ${truncate(raw)}`);
    return;
  }
  const version = text(spec['version']) ?? '';
  const url = text(spec['git']) ?? text(spec['url']) ?? text(spec['path']);
  const extras = Array.isArray(spec['extras'])
    ? spec['extras'].filter((e): e is string => typeof e === 'string')
    : [];
  const marker = text(spec['markers']);
  const isOptional = spec['optional'] === true && kind === 'runtime';
  const extraGroup = isOptional ? optionalGroups.get(name.toLowerCase()) : undefined;
  addDependency(contribution, {
    name,
    extras,
    // Poetry's `*` means any version; `^` and `~` ranges are Poetry syntax, kept as written.
    specifier: version === '*' ? '' : version,
    ...(marker !== undefined ? { marker } : {}),
    markerKey: marker ?? '',
    ...(url !== undefined ? { url } : {}),
    kind: isOptional ? 'optional' : kind,
    ...((extraGroup ?? group) !== undefined ? { group: extraGroup ?? group } : {}),
    raw,
    source,
  });
}

function readPoetry(
  contribution: Contribution,
  poetry: Table | undefined,
  lines: TomlLines,
  scalar: Scalar,
  at: At,
): void {
  if (!poetry) return;
  const path = 'tool.poetry';
  contribution.name ??= scalar(poetry, path, 'name');
  contribution.version ??= scalar(poetry, path, 'version');
  contribution.summary ??= scalar(poetry, path, 'description');
  contribution.license ??= scalar(poetry, path, 'license');

  for (const [key, target] of [
    ['authors', contribution.authors],
    ['maintainers', contribution.maintainers],
  ] as const) {
    const people = poetry[key];
    if (!Array.isArray(people)) continue;
    for (const person of people) {
      if (typeof person !== 'string') continue;
      for (const parsed of parseAddressList(person)) {
        target.push({ ...parsed, source: at(path, key, `${path}.${key}`) });
      }
    }
  }

  for (const key of ['homepage', 'repository', 'documentation']) {
    const value = scalar(poetry, path, key);
    if (!value) continue;
    contribution.urls.push({ label: key, url: value.value, source: value.source });
    if (key === 'homepage') contribution.homePage ??= value;
  }
  for (const [label, url] of entries(poetry['urls'])) {
    const value = text(url);
    if (value === undefined) continue;
    contribution.urls.push({
      label,
      url: value,
      source: fieldSource(contribution.file, 'tool.poetry.urls', lines.of('tool.poetry.urls', label)),
    });
  }

  // `[tool.poetry.extras]` names which optional dependencies each extra installs.
  const optionalGroups = new Map<string, string>();
  for (const [extra, names] of entries(poetry['extras'])) {
    if (!Array.isArray(names)) continue;
    for (const name of names) {
      if (typeof name === 'string' && !optionalGroups.has(name.toLowerCase()))
        optionalGroups.set(name.toLowerCase(), extra);
    }
  }

  const dependencyTable = (
    value: unknown,
    tablePath: TablePath,
    kind: DependencyKind,
    group?: string,
  ): void => {
    for (const [name, spec] of entries(value)) {
      const source = fieldSource(contribution.file, fieldName(tablePath), lines.of(tablePath, name));
      if (name.toLowerCase() === 'python') {
        // Poetry states the supported Python range as a pseudo-dependency.
        const range = text(spec);
        if (range !== undefined && kind === 'runtime')
          contribution.requiresPython ??= { value: range, source };
        continue;
      }
      poetryDependency(contribution, name, spec, kind, group, optionalGroups, source);
    }
  };
  dependencyTable(poetry['dependencies'], `${path}.dependencies`, 'runtime');
  dependencyTable(poetry['dev-dependencies'], `${path}.dev-dependencies`, 'dev', 'dev');
  for (const [group, value] of entries(poetry['group'])) {
    dependencyTable(
      table(value)?.['dependencies'],
      ['tool', 'poetry', 'group', group, 'dependencies'],
      'dev',
      group,
    );
  }

  for (const [name, target] of entries(poetry['scripts'])) {
    // A script is `"module:function"` or, since Poetry 1.2, a table with `callable` (or `reference`).
    const ref = text(target) ?? text(table(target)?.['callable']) ?? text(table(target)?.['reference']);
    if (ref === undefined) continue;
    contribution.entryPoints.push({
      group: 'console_scripts',
      name,
      value: ref,
      source: fieldSource(contribution.file, `${path}.scripts`, lines.of(`${path}.scripts`, name)),
    });
  }
  for (const [group, value] of entries(poetry['plugins'])) {
    for (const [name, target] of entries(value)) {
      const ref = text(target);
      if (ref === undefined) continue;
      const tablePath = ['tool', 'poetry', 'plugins', group];
      contribution.entryPoints.push({
        group,
        name,
        value: ref,
        source: fieldSource(contribution.file, fieldName(tablePath), lines.of(tablePath, name)),
      });
    }
  }
}
