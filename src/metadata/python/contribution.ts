/** What one metadata file says, before the files are merged into one PackageMetadata. */
import { normalizePypiName, type ParsedRequirement, parseRequirement } from '../pep508.ts';
import type {
  CommandOverride,
  DeclaredScript,
  DeclaredUrl,
  Dependency,
  DependencyKind,
  EntryPoint,
  FieldSource,
  MetadataSourceKind,
  Person,
} from '../types.ts';

export interface Sourced<T> {
  readonly value: T;
  readonly source: FieldSource;
}

/** A dependency with the key that decides whether two declarations are the same one. */
export interface KeyedDependency {
  readonly dependency: Dependency;
  readonly key: string;
}

export interface Contribution {
  readonly file: string;
  readonly kind: MetadataSourceKind;
  name?: Sourced<string>;
  version?: Sourced<string>;
  summary?: Sourced<string>;
  description?: Sourced<string>;
  license?: Sourced<string>;
  requiresPython?: Sourced<string>;
  /** The single home-page field of the format, compared across sources for conflicts. */
  homePage?: Sourced<string>;
  buildBackend?: Sourced<string>;
  readonly authors: Person[];
  readonly maintainers: Person[];
  readonly urls: DeclaredUrl[];
  readonly dependencies: KeyedDependency[];
  readonly entryPoints: EntryPoint[];
  readonly scripts: DeclaredScript[];
  readonly commandOverrides: CommandOverride[];
  readonly topLevelModules: string[];
  readonly errors: string[];
  /** Requirement lines counted but not parsed because the file already gave MAX_DEPENDENCIES_PER_FILE. */
  skippedRequirements: number;
}

export function newContribution(file: string, kind: MetadataSourceKind): Contribution {
  return {
    file,
    kind,
    authors: [],
    maintainers: [],
    urls: [],
    dependencies: [],
    entryPoints: [],
    scripts: [],
    commandOverrides: [],
    topLevelModules: [],
    errors: [],
    skippedRequirements: 0,
  };
}

export function fieldSource(file: string, field: string, line?: number): FieldSource {
  return line === undefined ? { file, field } : { file, field, line };
}

/** Caps the errors one file can report: a hostile file could otherwise fill the report with them. */
const MAX_ERRORS_PER_FILE = 50;

export function addError(contribution: Contribution, message: string): void {
  if (contribution.errors.length < MAX_ERRORS_PER_FILE) contribution.errors.push(message);
  else if (contribution.errors.length === MAX_ERRORS_PER_FILE)
    contribution.errors.push('further errors not shown');
}

/**
 * Built metadata (METADATA, PKG-INFO, egg-info) describes the same build, so a requirement stated by
 * PKG-INFO and again by requires.txt is one dependency. Declarations (pyproject, setup.cfg, setup.py)
 * are kept apart per file kind.
 */
function sourceClass(kind: MetadataSourceKind): string {
  return kind === 'METADATA' || kind === 'PKG-INFO' || kind === 'egg-info' ? 'built' : kind;
}

export interface DependencyInput {
  readonly name: string;
  readonly extras: readonly string[];
  readonly specifier: string;
  readonly marker?: string;
  readonly markerKey: string;
  readonly url?: string;
  readonly kind: DependencyKind;
  readonly group?: string;
  readonly raw: string;
  readonly source: FieldSource;
}

export function addDependency(contribution: Contribution, input: DependencyInput): void {
  const normalizedName = normalizePypiName(input.name);
  const dependency: Dependency = {
    name: input.name,
    normalizedName,
    extras: input.extras,
    specifier: input.specifier,
    ...(input.marker !== undefined ? { marker: input.marker } : {}),
    ...(input.url !== undefined ? { url: input.url } : {}),
    kind: input.kind,
    ...(input.group !== undefined ? { group: input.group } : {}),
    raw: input.raw,
    source: input.source,
  };
  const key = [
    sourceClass(contribution.kind),
    normalizedName,
    input.specifier.replace(/\s+/g, '').split(',').sort().join(','),
    input.extras.map(normalizePypiName).sort().join(','),
    input.url ?? '',
    input.kind,
    input.group === undefined ? '' : normalizePypiName(input.group),
    input.markerKey,
  ].join('|');
  contribution.dependencies.push({ dependency, key });
}

function fromParsed(
  parsed: ParsedRequirement,
  raw: string,
  kind: DependencyKind,
  group: string | undefined,
  source: FieldSource,
): DependencyInput {
  // A runtime requirement guarded by `extra == "x"` is only installed with that extra.
  const effectiveGroup = group ?? parsed.extra;
  const effectiveKind = kind === 'runtime' && effectiveGroup !== undefined ? 'optional' : kind;
  return {
    name: parsed.name,
    extras: parsed.extras,
    specifier: parsed.specifier,
    ...(parsed.marker !== undefined ? { marker: parsed.marker } : {}),
    markerKey: parsed.markerKey,
    ...(parsed.url !== undefined ? { url: parsed.url } : {}),
    kind: effectiveKind,
    ...(effectiveGroup !== undefined ? { group: effectiveGroup } : {}),
    raw,
    source,
  };
}

/**
 * The PEP 508 grammar costs about 0.3 ms a line; a file padded with a million requirements would
 * otherwise stall the scan. Real packages declare well under a hundred.
 */
export const MAX_DEPENDENCIES_PER_FILE = 5000;

/** Parses one PEP 508 line and adds it, or records why it could not be read. Blank lines add nothing. */
export function addRequirementLine(
  contribution: Contribution,
  raw: string,
  kind: DependencyKind,
  source: FieldSource,
  group?: string,
): void {
  const text = raw.trim();
  if (text === '' || text.startsWith('#')) return;
  if (contribution.dependencies.length >= MAX_DEPENDENCIES_PER_FILE) {
    // Counted, so the report can say how many were left unread instead of showing a short list as whole.
    contribution.skippedRequirements++;
    return;
  }
  const parsed = parseRequirement(text);
  if (!parsed) {
    const where = source.line === undefined ? source.field : `${source.field} (line ${source.line})`;
    addError(contribution, `${where}: not a valid requirement: ${truncate(text)}`);
    return;
  }
  addDependency(contribution, fromParsed(parsed, text, kind, group, source));
}

export function truncate(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Splits an `entry point = value` line the way importlib.metadata does: the first '=' separates. */
export function splitEntryPoint(line: string): { name: string; value: string } | null {
  const eq = line.indexOf('=');
  if (eq <= 0) return null;
  const name = line.slice(0, eq).trim();
  const value = line.slice(eq + 1).trim();
  if (name === '' || value === '') return null;
  return { name, value };
}

/**
 * Parses an author list such as `Jane Doe <jane@example.org>, "Roe, Rick" <rick@example.org>`:
 * commas inside quotes or angle brackets do not separate people.
 */
export function parseAddressList(text: string): { name?: string; email?: string }[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (const ch of text) {
    if (ch === '"' && !angle) quoted = !quoted;
    else if (ch === '<' && !quoted) angle = true;
    else if (ch === '>' && !quoted) angle = false;
    if (ch === ',' && !quoted && !angle) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  const people: { name?: string; email?: string }[] = [];
  for (const part of parts) {
    const item = part.trim();
    if (item === '') continue;
    const match = /^(.*?)\s*<([^>]*)>\s*$/.exec(item);
    if (match) {
      const name = (match[1] ?? '').trim().replace(/^"(.*)"$/, '$1');
      const email = (match[2] ?? '').trim();
      people.push({ ...(name !== '' ? { name } : {}), ...(email !== '' ? { email } : {}) });
    } else if (item.includes('@') && !/\s/.test(item)) people.push({ email: item });
    else people.push({ name: item.replace(/^"(.*)"$/, '$1') });
  }
  return people;
}

/**
 * Combines an author name field with an author e-mail field the way the core metadata spec intends:
 * a lone address without a name belongs to the name field.
 */
export function combinePeople(
  name: Sourced<string> | undefined,
  email: Sourced<string> | undefined,
): Person[] {
  const people: Person[] = [];
  const addresses = email ? parseAddressList(email.value) : [];
  let nameUsed = false;
  if (
    name &&
    addresses.length === 1 &&
    addresses[0]?.name === undefined &&
    addresses[0]?.email !== undefined
  ) {
    people.push({ name: name.value, email: addresses[0].email, source: email!.source });
    nameUsed = true;
  } else {
    for (const address of addresses) people.push({ ...address, source: email!.source });
  }
  if (name && !nameUsed && !people.some((p) => p.name === name.value)) {
    people.unshift({ name: name.value, source: name.source });
  }
  return people;
}
