import { z } from 'zod';
import { canonicalEcosystem, normalizePackageName } from '../store/names.ts';
import type { VulnerabilityInput } from '../store/types.ts';
import { canonicalVersions } from './versions.ts';

/**
 * The part of the OSV schema (https://ossf.github.io/osv-schema/) that assay reads. Unknown fields
 * are kept in the stored raw JSON; fields we use are validated here, at the boundary, so matching
 * never walks untyped data. Shapes we cannot use (a malformed severity entry) are dropped rather
 * than failing the whole record.
 */
const text = z.string().max(1_000_000);
const shortText = z.string().max(10_000);
const id = z.string().min(1).max(256);

const eventSchema = z.object({
  introduced: shortText.optional(),
  fixed: shortText.optional(),
  last_affected: shortText.optional(),
  limit: shortText.optional(),
});

const rangeSchema = z.object({
  type: shortText,
  repo: shortText.optional(),
  events: z.array(eventSchema).max(10_000),
});

const severitySchema = z.object({ type: shortText, score: shortText });

const lenientArray = <T extends z.ZodType>(item: T) =>
  z
    .array(z.unknown())
    .max(100_000)
    .transform((items) =>
      items.flatMap((entry) => {
        const parsed = item.safeParse(entry);
        return parsed.success ? [parsed.data as z.output<T>] : [];
      }),
    );

const affectedSchema = z.object({
  package: z.object({ ecosystem: shortText, name: shortText, purl: shortText.optional() }).optional(),
  ranges: lenientArray(rangeSchema).optional(),
  versions: z.array(shortText).max(100_000).optional(),
  severity: lenientArray(severitySchema).optional(),
  database_specific: z.unknown().optional(),
  ecosystem_specific: z.unknown().optional(),
});

const referenceSchema = z.object({ type: shortText, url: shortText });

export const osvRecordSchema = z.object({
  id,
  modified: shortText,
  published: shortText.optional(),
  withdrawn: shortText.optional(),
  aliases: z.array(id).max(10_000).optional(),
  related: z.array(id).max(10_000).optional(),
  summary: text.optional(),
  details: text.optional(),
  severity: lenientArray(severitySchema).optional(),
  affected: z.array(affectedSchema).max(100_000).optional(),
  references: lenientArray(referenceSchema).optional(),
  database_specific: z.unknown().optional(),
});

export type OsvRecord = z.output<typeof osvRecordSchema>;

/**
 * What a finding shows, stored beside each record (`vulnerabilities.info`) so matching never parses
 * the raw record with its long version lists. Read back through this schema all the same.
 */
export const findingInfoSchema = z.object({
  aliases: z.array(id).max(10_000),
  /** Record-level and package-level CVSS entries. */
  severity: lenientArray(severitySchema),
  /** `database_specific.severity` (GitHub's LOW / MODERATE / HIGH / CRITICAL), when given. */
  label: shortText.nullable(),
  /** Advisory, fix and web links, in that order, at most five. */
  references: z.array(shortText).max(5),
});

export type FindingInfo = z.output<typeof findingInfoSchema>;

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length <= max;

/**
 * Reads a stored `info` column: the same checks as findingInfoSchema, written out by hand because matching
 * reads one per hit and the schema walk was a large share of matching a lockfile. A test keeps the two in step.
 */
export function readFindingInfo(value: unknown): FindingInfo | null {
  if (typeof value !== 'object' || value === null) return null;
  const { aliases, severity, label, references } = value as Record<string, unknown>;
  if (!Array.isArray(aliases) || aliases.length > 10_000) return null;
  for (const alias of aliases) if (!isText(alias, 256) || alias.length === 0) return null;
  if (!Array.isArray(severity) || severity.length > 100_000) return null;
  if (label !== null && !isText(label, 10_000)) return null;
  if (!Array.isArray(references) || references.length > 5) return null;
  for (const reference of references) if (!isText(reference, 10_000)) return null;
  const entries: OsvSeverity[] = [];
  for (const entry of severity) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { type, score } = entry as Record<string, unknown>;
    if (isText(type, 10_000) && isText(score, 10_000)) entries.push({ type, score });
  }
  return {
    aliases: aliases as string[],
    severity: entries,
    label: label as string | null,
    references: references as string[],
  };
}

const REFERENCE_ORDER = ['ADVISORY', 'FIX', 'WEB'];

export function findingInfoOf(record: OsvRecord): FindingInfo {
  const references = new Set<string>();
  for (const type of REFERENCE_ORDER) {
    for (const ref of record.references ?? [])
      if (ref.type === type && references.size < 5) references.add(ref.url);
  }
  const dbSeverity = databaseSeverity(record.database_specific);
  return {
    aliases: record.aliases ?? [],
    severity: [...(record.severity ?? []), ...(record.affected ?? []).flatMap((a) => a.severity ?? [])],
    label: dbSeverity,
    references: [...references],
  };
}

function databaseSeverity(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const severity = (value as Record<string, unknown>)['severity'];
  return typeof severity === 'string' && severity.length <= 100 ? severity : null;
}
export type OsvEvent = z.output<typeof eventSchema>;
export type OsvRange = z.output<typeof rangeSchema>;
export type OsvSeverity = z.output<typeof severitySchema>;

/** What matching needs from one `affected[]` entry; stored per package row. */
export interface AffectedData {
  readonly ranges: readonly OsvRange[];
  readonly versions: readonly string[];
  /**
   * True when `versions` were rewritten to their canonical form at import (see canonicalVersions),
   * so matching can compare strings instead of parsing every listed version on every query.
   */
  readonly canonical?: boolean;
  /**
   * The importer's form of the canonical `versions[]`: joined and wrapped in line breaks (`\n0!1.0\n0!1.1\n`).
   * One string parses and is searched much faster than hundreds of short ones, and matching reads every
   * entry of every package it looks up. Versions that contain a line break stay in `versions`.
   */
  readonly versionText?: string;
}

export type ParsedRecord =
  | { readonly ok: true; readonly record: OsvRecord }
  | { readonly ok: false; readonly problem: string };

export function parseOsvRecord(value: unknown): ParsedRecord {
  const parsed = osvRecordSchema.safeParse(value);
  if (parsed.success) return { ok: true, record: parsed.data };
  const first = parsed.error.issues[0];
  const where = first === undefined ? '' : first.path.map(String).join('.');
  return { ok: false, problem: `not an OSV record (${where || 'root'}: ${first?.message ?? 'invalid'})` };
}

/** A short one-line title: the summary, else the first line of the details. */
export function titleOf(record: {
  summary?: string | undefined;
  details?: string | undefined;
}): string | null {
  const summary = record.summary?.trim();
  if (summary) return clip(summary.split(/\r?\n/, 1)[0] ?? summary);
  const details = record.details?.trim();
  if (details) return clip(details.split(/\r?\n/, 1)[0] ?? details);
  return null;
}

function clip(line: string): string {
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/** Prepares a validated record for the store. */
export function toStoreInput(record: OsvRecord, original: unknown): VulnerabilityInput {
  const affected = (record.affected ?? []).flatMap((entry) => {
    if (entry.package === undefined) return [];
    const ecosystem = canonicalEcosystem(entry.package.ecosystem);
    const canonical = canonicalVersions(ecosystem, entry.versions ?? []);
    const joinable = canonical.filter((v) => v !== '' && !v.includes('\n'));
    const data: AffectedData = {
      ranges: entry.ranges ?? [],
      versions: canonical.filter((v) => v === '' || v.includes('\n')),
      canonical: true,
      ...(joinable.length === 0 ? {} : { versionText: `\n${joinable.join('\n')}\n` }),
    };
    return [
      { ecosystem, name: normalizePackageName(ecosystem, entry.package.name), data: JSON.stringify(data) },
    ];
  });
  return {
    id: record.id,
    modified: record.modified,
    published: record.published ?? null,
    withdrawn: record.withdrawn ?? null,
    summary: titleOf(record),
    info: JSON.stringify(findingInfoOf(record)),
    raw: JSON.stringify(original),
    aliases: record.aliases ?? [],
    affected,
  };
}

/** `MAL-` records describe malicious packages, not flaws; another check owns them. */
export function isMaliciousRecord(record: {
  readonly id: string;
  readonly aliases?: readonly string[] | undefined;
}): boolean {
  return record.id.startsWith('MAL-') || (record.aliases ?? []).some((alias) => alias.startsWith('MAL-'));
}
