import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parse as parseToml, TomlDate, TomlError } from 'smol-toml';
import { z } from 'zod';
import { currentId } from '../catalog/aliases.ts';
import { AssayError } from '../core/errors.ts';
import { OUTPUT_FORMATS } from '../report/render.ts';
import { LIST_ISSUE_IDS } from './lists.ts';
import { lineOf, tomlKeyLines } from './toml-lines.ts';
import {
  type AssayConfig,
  DEFAULT_CONFIG,
  ISSUE_LEVELS,
  PROFILE_NAMES,
  type SuppressionEntry,
} from './types.ts';

export const CONFIG_FILE = 'assay.toml';
export const SUPPRESSIONS_FILE = 'assay-suppressions.toml';

/**
 * The file schemas, built on first use: building them is about 20 ms of a run's start, and most runs read no
 * config or suppressions file.
 */
function buildSchemas() {
  /** A TOML date (2027-01-31) or the same as a string; kept as YYYY-MM-DD. */
  const day = z.union([z.instanceof(TomlDate), z.string()]).transform((value, context) => {
    const text = value instanceof TomlDate ? value.toISOString().slice(0, 10) : value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) {
      context.addIssue({ code: 'custom', message: 'expected a date such as 2027-01-31' });
      return z.NEVER;
    }
    return text;
  });

  const nonEmpty = z.string().trim().min(1, 'must not be empty');

  const suppressionSchema = z.strictObject({
    policy: nonEmpty,
    package: nonEmpty.regex(/^pkg:(npm|pypi)\//, 'expected a purl such as pkg:npm/name@^1.0.0'),
    file: nonEmpty.optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits')
      .optional(),
    reason: nonEmpty,
    expires: day,
    by: nonEmpty,
  });

  const listsSchema = z.strictObject({
    packages: z.array(nonEmpty).default([]),
    hosts: z.array(nonEmpty).default([]),
    licenses: z.array(nonEmpty).default([]),
  });

  const configSchema = z.strictObject({
    profile: z.enum(PROFILE_NAMES).default('baseline'),
    'fail-on': z.enum(['warning', 'fail', 'never']).optional(),
    format: z.enum(OUTPUT_FORMATS).optional(),
    'registry-checks': z.boolean().optional(),
    offline: z.boolean().optional(),
    'max-evidence': z.number().int().min(0).optional(),
    baseline: nonEmpty.optional(),
    'docs-url': z.url({ protocol: /^https?$/ }).optional(),
    policies: z.record(z.string(), z.enum(ISSUE_LEVELS)).default({}),
    allow: listsSchema.optional(),
    deny: listsSchema.optional(),
    suppress: z.array(suppressionSchema).default([]),
  });
  const suppressionsFileSchema = z.strictObject({ suppress: z.array(suppressionSchema).default([]) });
  return { suppression: suppressionSchema, config: configSchema, suppressionsFile: suppressionsFileSchema };
}

let builtSchemas: ReturnType<typeof buildSchemas> | undefined;

function schemas(): ReturnType<typeof buildSchemas> {
  builtSchemas ??= buildSchemas();
  return builtSchemas;
}

type RawSuppression = z.infer<ReturnType<typeof buildSchemas>['suppression']>;

/** A policy of the catalog, or an issue that the [allow] / [deny] lists raise. */
function isKnownId(knownPolicies: ReadonlySet<string>, written: string): boolean {
  // A suppression written before a rename (src/catalog/aliases.ts) names the issue by its former id.
  const id = currentId(written);
  return knownPolicies.has(id) || (LIST_ISSUE_IDS as readonly string[]).includes(id);
}

/** The config file for a run: assay.toml in `start` or a folder above it, up to the repository root. */
export function findConfig(start: string): string | undefined {
  return findUpward(start, CONFIG_FILE);
}

function findUpward(start: string, name: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
    // The repository root is as far as a project's own config can be; above it is someone else's.
    if (existsSync(join(dir, '.git'))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function configError(file: string, line: number | undefined, message: string): AssayError {
  return new AssayError('E_CONFIG', `${basename(file)}${line === undefined ? '' : `:${line}`}: ${message}`);
}

function readToml(file: string): { data: Record<string, unknown>; lines: Map<string, number> } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AssayError(
      'E_CONFIG',
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`,
      {
        cause: error,
      },
    );
  }
  return parseTomlText(text, file);
}

function parseTomlText(
  text: string,
  file: string,
): { data: Record<string, unknown>; lines: Map<string, number> } {
  try {
    return { data: parseToml(text) as Record<string, unknown>, lines: tomlKeyLines(text) };
  } catch (error) {
    if (error instanceof TomlError) {
      throw configError(file, error.line, `not valid TOML: ${error.message.split('\n')[0] ?? ''}`);
    }
    throw error;
  }
}

/** The first problem, named by its key and line: `assay.toml:7: policies.typo-squat: unknown policy id`. */
function firstIssue(file: string, lines: Map<string, number>, error: z.ZodError): AssayError {
  const issue = error.issues[0];
  if (!issue) return configError(file, undefined, 'invalid configuration');
  const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
  if (issue.code === 'unrecognized_keys') {
    const key = [...path, issue.keys[0] ?? ''];
    return configError(file, lineOf(lines, key), `${key.join('.')}: unknown key`);
  }
  return configError(file, lineOf(lines, path), `${path.join('.') || '(top level)'}: ${issue.message}`);
}

function entriesOf(
  file: string,
  lines: Map<string, number>,
  raw: RawSuppression[],
  knownPolicies: ReadonlySet<string>,
): SuppressionEntry[] {
  return raw.map((entry, index) => {
    const line = lineOf(lines, ['suppress', index]);
    if (!isKnownId(knownPolicies, entry.policy)) {
      throw configError(
        file,
        lineOf(lines, ['suppress', index, 'policy']),
        `suppress.${index}.policy: unknown policy id '${entry.policy}'`,
      );
    }
    if (entry.sha256 !== undefined && entry.file === undefined) {
      throw configError(
        file,
        lineOf(lines, ['suppress', index, 'sha256']),
        `suppress.${index}.sha256: needs the file it is the hash of`,
      );
    }
    return {
      policy: currentId(entry.policy),
      package: entry.package,
      ...(entry.file === undefined ? {} : { file: entry.file }),
      ...(entry.sha256 === undefined ? {} : { sha256: entry.sha256 }),
      reason: entry.reason,
      expires: entry.expires,
      by: entry.by,
      origin: `${basename(file)}${line === undefined ? '' : `:${line}`}`,
    };
  });
}

/** Reads and validates a config file; `assay-suppressions.toml` beside it adds its entries. */
export function loadConfig(file: string, knownPolicies: ReadonlySet<string>): AssayConfig {
  const { data, lines } = readToml(file);
  const parsed = schemas().config.safeParse(data);
  if (!parsed.success) throw firstIssue(file, lines, parsed.error);
  const config = parsed.data;
  for (const id of Object.keys(config.policies)) {
    if (!isKnownId(knownPolicies, id)) {
      throw configError(
        file,
        lineOf(lines, ['policies', id]),
        `policies.${id}: unknown policy id (see \`assay catalog\`)`,
      );
    }
  }
  const suppressions = entriesOf(file, lines, config.suppress, knownPolicies);
  const extra = join(dirname(file), SUPPRESSIONS_FILE);
  if (existsSync(extra)) suppressions.push(...loadSuppressions(extra, knownPolicies));
  return {
    file,
    profile: config.profile,
    levels: Object.fromEntries(Object.entries(config.policies).map(([id, level]) => [currentId(id), level])),
    allow: config.allow ?? DEFAULT_CONFIG.allow,
    deny: config.deny ?? DEFAULT_CONFIG.deny,
    suppressions,
    defaults: {
      ...(config['fail-on'] === undefined ? {} : { failOn: config['fail-on'] }),
      ...(config.format === undefined ? {} : { format: config.format }),
      ...(config['registry-checks'] === undefined ? {} : { registryChecks: config['registry-checks'] }),
      ...(config.offline === undefined ? {} : { offline: config.offline }),
      ...(config['max-evidence'] === undefined ? {} : { maxEvidence: config['max-evidence'] }),
      ...(config.baseline === undefined ? {} : { baseline: resolve(dirname(file), config.baseline) }),
      ...(config['docs-url'] === undefined ? {} : { docsUrl: config['docs-url'] }),
    },
  };
}

/** A separate suppressions file: only `[[suppress]]` entries. */
export function loadSuppressions(file: string, knownPolicies: ReadonlySet<string>): SuppressionEntry[] {
  return suppressionsFromToml(readToml(file), file, knownPolicies);
}

/** The same check on text not yet written, so that a file is only replaced by one the scan can load. */
export function parseSuppressions(
  text: string,
  file: string,
  knownPolicies: ReadonlySet<string>,
): SuppressionEntry[] {
  return suppressionsFromToml(parseTomlText(text, file), file, knownPolicies);
}

function suppressionsFromToml(
  { data, lines }: { data: Record<string, unknown>; lines: Map<string, number> },
  file: string,
  knownPolicies: ReadonlySet<string>,
): SuppressionEntry[] {
  const parsed = schemas().suppressionsFile.safeParse(data);
  if (!parsed.success) throw firstIssue(file, lines, parsed.error);
  return entriesOf(file, lines, parsed.data.suppress, knownPolicies);
}

/** The config of a run: `--config PATH`, else the file found from `cwd` upward, else the defaults. */
export function resolveConfig(
  explicit: string | undefined,
  cwd: string,
  knownPolicies: ReadonlySet<string>,
): AssayConfig {
  if (explicit !== undefined) {
    const file = resolve(cwd, explicit);
    if (!existsSync(file)) throw new AssayError('E_CONFIG', `config file not found: ${explicit}`);
    return loadConfig(file, knownPolicies);
  }
  const found = findConfig(cwd);
  if (found !== undefined) return loadConfig(found, knownPolicies);
  const suppressions = findUpward(cwd, SUPPRESSIONS_FILE);
  return suppressions === undefined
    ? DEFAULT_CONFIG
    : { ...DEFAULT_CONFIG, suppressions: loadSuppressions(suppressions, knownPolicies) };
}
