/**
 * The crosswalk: every policy id of a public catalog (today ReversingLabs Spectra Assure) with its status for
 * assay. Ids, categories and severities are facts; the reasons and every other word are ours.
 *
 * Two files in data/crosswalk/: `reversinglabs-catalog.json` (the other catalog's ids with their facts, made by
 * scripts/crosswalk-catalog.ts) and `reversinglabs.json` (our status per id, edited by hand, one id per line so
 * that two branches adding entries merge without conflicts; `npm run crosswalk:format` rewrites it canonically).
 */
import type { BehaviorDefinition, PolicyDefinition } from './types.ts';

export const CROSSWALK_STATUSES = ['covered', 'planned', 'not-applicable'] as const;
export type CrosswalkStatus = (typeof CROSSWALK_STATUSES)[number];

export interface CrosswalkEntry {
  readonly status: CrosswalkStatus;
  /** Our behavior or policy ids that do the job; empty unless covered. */
  readonly assay: readonly string[];
  /** Why: what covers it and how, what is missing, or why it does not apply to PyPI and npm packages. */
  readonly reason: string;
}

/** One policy of the other catalog, as facts. */
export interface ExternalPolicy {
  /** The other catalog's category (hunting, secrets, licenses …). */
  readonly category: string;
  readonly severity: string;
  /** Whether the other catalog fails a package on it. */
  readonly blocks: boolean;
}

export interface ExternalCatalog {
  readonly source: string;
  readonly revision: string;
  readonly date: string;
  readonly licence: string;
  readonly policies: Readonly<Record<string, ExternalPolicy>>;
}

export type Crosswalk = Readonly<Record<string, CrosswalkEntry>>;

/** Checks the shape of a parsed crosswalk file; returns the problems, one per line. */
export function crosswalkShapeProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['not a JSON object'];
  const problems: string[] = [];
  for (const [id, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null) {
      problems.push(`${id}: not an object`);
      continue;
    }
    const { status, assay, reason, ...rest } = entry as Record<string, unknown>;
    if (!CROSSWALK_STATUSES.includes(status as CrosswalkStatus))
      problems.push(`${id}: status must be one of ${CROSSWALK_STATUSES.join(', ')}`);
    if (!Array.isArray(assay) || assay.some((item) => typeof item !== 'string'))
      problems.push(`${id}: assay must be a list of ids`);
    if (typeof reason !== 'string' || reason.trim() === '') problems.push(`${id}: a reason is mandatory`);
    if (Object.keys(rest).length > 0) problems.push(`${id}: unknown keys ${Object.keys(rest).join(', ')}`);
    if (status === 'covered' && Array.isArray(assay) && assay.length === 0)
      problems.push(`${id}: covered by no id of ours`);
    if (status !== 'covered' && Array.isArray(assay) && assay.length > 0)
      problems.push(`${id}: only a covered entry names ids of ours`);
  }
  return problems;
}

/** The canonical text of a crosswalk (or catalog) object: keys sorted, one key and its value per line. */
export function formatOneLinePerKey(record: Readonly<Record<string, unknown>>): string {
  const keys = Object.keys(record).sort();
  const lines = keys.map(
    (key, index) =>
      `  ${JSON.stringify(key)}: ${JSON.stringify(record[key])}${index < keys.length - 1 ? ',' : ''}`,
  );
  return `{\n${lines.join('\n')}\n}\n`;
}

/**
 * What is inconsistent between the crosswalk, the other catalog and our definitions: ids without a status, statuses
 * for ids the other catalog lacks, our ids that do not exist, and `references.reversinglabs` that the crosswalk does
 * not back (a definition that names an id must be listed as covering it, and the other way round).
 */
export function crosswalkProblems(
  crosswalk: Crosswalk,
  catalog: ExternalCatalog,
  behaviors: readonly BehaviorDefinition[],
  policies: readonly PolicyDefinition[],
): string[] {
  const problems: string[] = [];
  for (const id of Object.keys(catalog.policies))
    if (!(id in crosswalk)) problems.push(`${id} has no status in the crosswalk`);
  for (const id of Object.keys(crosswalk))
    if (!(id in catalog.policies)) problems.push(`${id} is not an id of the catalog`);
  const ours = new Map<string, BehaviorDefinition | PolicyDefinition>();
  for (const definition of [...behaviors, ...policies]) ours.set(definition.id, definition);
  for (const [id, entry] of Object.entries(crosswalk)) {
    for (const assayId of entry.assay) {
      const definition = ours.get(assayId);
      if (!definition) problems.push(`${id} names ${assayId}, which is neither a behavior nor a policy`);
      else if (!(definition.references.reversinglabs ?? []).includes(id))
        problems.push(`${id} is covered by ${assayId}, whose references.reversinglabs does not name it`);
    }
  }
  for (const definition of ours.values()) {
    for (const id of definition.references.reversinglabs ?? []) {
      const entry = crosswalk[id];
      if (entry?.status !== 'covered' || !entry.assay.includes(definition.id))
        problems.push(
          `${definition.id} references ${id}, but the crosswalk does not list it as covering ${id}`,
        );
    }
  }
  return problems;
}

/** docs/crosswalk.md, generated from the two files and our definitions. */
export function crosswalkDoc(
  crosswalk: Crosswalk,
  catalog: ExternalCatalog,
  behaviors: readonly BehaviorDefinition[],
  policies: readonly PolicyDefinition[],
): string {
  const policyIds = new Set(policies.map((definition) => definition.id));
  const behaviorIds = new Set(behaviors.map((definition) => definition.id));
  const ids = Object.keys(catalog.policies).sort();
  const count = (status: CrosswalkStatus) => ids.filter((id) => crosswalk[id]?.status === status).length;
  const link = (id: string) =>
    policyIds.has(id)
      ? `[\`${id}\`](issues/${id}.md)`
      : behaviorIds.has(id)
        ? `[\`${id}\`](behaviors/${id}.md)`
        : `\`${id}\` (unknown)`;
  const categories = [...new Set(ids.map((id) => catalog.policies[id]?.category ?? ''))].sort();
  const summary = categories.map((category) => {
    const inCategory = ids.filter((id) => catalog.policies[id]?.category === category);
    const of = (status: CrosswalkStatus) =>
      inCategory.filter((id) => crosswalk[id]?.status === status).length;
    return `| ${category} | ${inCategory.length} | ${of('covered')} | ${of('planned')} | ${of('not-applicable')} |`;
  });
  const rows = ids.map((id) => {
    const policy = catalog.policies[id];
    const entry = crosswalk[id];
    const status = entry ? entry.status : '**missing**';
    const ours = entry && entry.assay.length > 0 ? entry.assay.map(link).join(', ') : '';
    return `| ${id} | ${policy?.category ?? ''} | ${policy?.severity ?? ''} | ${policy?.blocks ? 'yes' : 'no'} | ${status} | ${ours} | ${escapeCell(entry?.reason ?? '')} |`;
  });
  return (
    '<!-- Generated by `npm run docs` from data/crosswalk/ and the definitions in src/. Do not edit by hand. -->\n\n' +
    '# Crosswalk to the ReversingLabs Spectra Assure policy catalog\n\n' +
    `Every policy id of ${catalog.source} (${catalog.revision}, ${catalog.date}, ${catalog.licence}) with its ` +
    'status for assay: **covered** (by the behaviors and issues named), **planned** (not yet; the reason says ' +
    'what is missing) or **not-applicable** (the policy is about something PyPI and npm packages are not, or ' +
    'about a service assay does not run). Only the ids, categories, severities and whether a policy blocks are ' +
    'taken from that catalog; the words here are ours. Edit data/crosswalk/reversinglabs.json, then run `npm run docs`.\n\n' +
    `${ids.length} ids: ${count('covered')} covered, ${count('planned')} planned, ${count('not-applicable')} not applicable.\n\n` +
    '| category | ids | covered | planned | not applicable |\n|---|---|---|---|---|\n' +
    `${summary.join('\n')}\n\n` +
    '| id | category | severity | blocks | status | assay | reason |\n|---|---|---|---|---|---|---|\n' +
    `${rows.join('\n')}\n`
  );
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
