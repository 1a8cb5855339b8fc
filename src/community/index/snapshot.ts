/**
 * The shipped prevalence snapshots (data/prevalence/<ecosystem>.json): counts per id and tier only,
 * made by `npm run data:prevalence` from a community index, so a first scan shows real figures without
 * building anything. The list of ids known at build time keeps "no information" (an id added later)
 * apart from "zero" (a known id that no package showed).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AssayError } from '../../core/errors.ts';
import type { Ecosystem } from '../../metadata/types.ts';
import { asyncIndex } from './async.ts';
import type { CommunityIndex, CommunityStore, FindingKind, TierCounts } from './types.ts';

export const PREVALENCE_SNAPSHOT_FORMAT = 1;
export const DEFAULT_PREVALENCE_DIR = fileURLToPath(new URL('../../../data/prevalence/', import.meta.url));

const tiers = z.object({
  top100: z.number().int().nonnegative(),
  top1k: z.number().int().nonnegative(),
  top10k: z.number().int().nonnegative(),
  community: z.number().int().nonnegative(),
});
const isCount = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0;

/** [top100, top1k, top10k, community] */
type CountRow = [number, number, number, number];
const isCountRow = (value: unknown): boolean =>
  Array.isArray(value) && value.length === 4 && value.every(isCount);

/** An object of own keys whose every value passes `check` (the JSON object itself is kept, not copied). */
function isRecordOf(value: unknown, check: (item: unknown) => boolean): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value)
    if (Object.hasOwn(value, key) && !check((value as Record<string, unknown>)[key])) return false;
  return true;
}

// The counts and the dependents hold thousands of entries: checked by one loop each rather than entry by entry
// through zod, which cost about 50 ms of every npm scan (the npm snapshot's dependents list is long).
const countRecord = z.custom<Record<string, CountRow>>(
  (value) => isRecordOf(value, isCountRow),
  'expected [top100, top1k, top10k, community] counts per id',
);
const ids = z.custom<string[]>(
  (value) =>
    Array.isArray(value) &&
    value.length <= 10_000 &&
    value.every((id) => typeof id === 'string' && id.length >= 1 && id.length <= 200),
  'expected at most 10,000 ids of 1 to 200 characters',
);
const dependentsRecord = z.custom<Record<string, number>>(
  (value) => isRecordOf(value, (n) => Number.isSafeInteger(n) && (n as number) > 0),
  'expected a positive count per name',
);

const snapshotSchema = z.object({
  format: z.literal(PREVALENCE_SNAPSHOT_FORMAT),
  name: z.string().min(1).max(200),
  ecosystem: z.enum(['pypi', 'npm']),
  /** What the packages are, in words (e.g. "PyPI: 250 popular projects as packaged by Debian 12 (python3-*)"). */
  corpus: z.string().min(1).max(500),
  built: z.string(),
  analyzerVersion: z.string().min(1).max(100),
  popularitySource: z.string().max(500),
  packages: tiers,
  known: z.object({ behavior: ids, issue: ids }),
  /** Only ids that some package showed; a known id absent here has zero everywhere. */
  counts: z.object({ behavior: countRecord, issue: countRecord }),
  /**
   * Indexed packages whose latest version depends on a name (dev dependencies left out), for names with
   * at least DEPENDENTS_MIN of them; a name absent here has fewer (or is unknown to the index).
   */
  dependents: dependentsRecord.optional(),
});

/** Names with fewer dependents are left out of a snapshot: they make up most names and say little. */
export const DEPENDENTS_MIN = 2;

export type PrevalenceSnapshot = z.infer<typeof snapshotSchema>;

export interface SnapshotMeta {
  readonly name: string;
  readonly corpus: string;
  readonly popularitySource: string;
  readonly built?: string;
}

/** Makes the compact snapshot of an ecosystem from a community index (after refresh). */
export function exportSnapshot(
  store: CommunityStore,
  ecosystem: Ecosystem,
  meta: SnapshotMeta,
): Promise<PrevalenceSnapshot> {
  return exportSnapshotFrom(asyncIndex(store), ecosystem, meta);
}

/** The same from any backend (the PostgreSQL index of `community worker`s included). */
export async function exportSnapshotFrom(
  index: CommunityIndex,
  ecosystem: Ecosystem,
  meta: SnapshotMeta,
): Promise<PrevalenceSnapshot> {
  let state = await index.state(ecosystem);
  if (state?.stale) state = await index.refresh(ecosystem);
  if (state === null || state.analyzerVersion === null || state.packages.community === 0) {
    throw new AssayError('E_DATABASE', `the community index has no ${ecosystem} packages to export`);
  }
  const all = await index.allPrevalence(ecosystem);
  const known = { behavior: [...all.behavior.keys()].sort(), issue: [...all.issue.keys()].sort() };
  const counts: PrevalenceSnapshot['counts'] = { behavior: {}, issue: {} };
  for (const kind of ['behavior', 'issue'] as const) {
    for (const [id, c] of [...all[kind]].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (c.community > 0) counts[kind][id] = [c.top100, c.top1k, c.top10k, c.community];
    }
  }
  const dependents: Record<string, number> = {};
  for (const [name, n] of [...(await index.dependentsCounts(ecosystem))].sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  )) {
    if (n >= DEPENDENTS_MIN) dependents[name] = n;
  }
  return {
    format: PREVALENCE_SNAPSHOT_FORMAT,
    name: meta.name,
    ecosystem,
    corpus: meta.corpus,
    built: meta.built ?? new Date().toISOString().slice(0, 10),
    analyzerVersion: state.analyzerVersion,
    popularitySource: meta.popularitySource,
    packages: state.packages,
    known,
    counts,
    dependents,
  };
}

/** JSON text with one id per line: small diffs when the snapshot is regenerated. */
export function formatSnapshot(snapshot: PrevalenceSnapshot): string {
  const lines: string[] = ['{'];
  const { counts, known, dependents, ...head } = snapshot;
  for (const [k, v] of Object.entries(head)) lines.push(`  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  lines.push('  "known": {');
  lines.push(`    "behavior": ${JSON.stringify(known.behavior)},`);
  lines.push(`    "issue": ${JSON.stringify(known.issue)}`);
  lines.push('  },');
  lines.push('  "counts": {');
  for (const kind of ['behavior', 'issue'] as const) {
    const entries = Object.entries(counts[kind]);
    lines.push(`    ${JSON.stringify(kind)}: {`);
    entries.forEach(([id, row], i) => {
      lines.push(`      ${JSON.stringify(id)}: ${JSON.stringify(row)}${i < entries.length - 1 ? ',' : ''}`);
    });
    lines.push(`    }${kind === 'behavior' ? ',' : ''}`);
  }
  if (dependents === undefined) {
    lines.push('  }', '}', '');
  } else {
    // Dependents: many names, so several to a line.
    lines.push('  },', '  "dependents": {');
    const entries = Object.entries(dependents).map(([name, n]) => `${JSON.stringify(name)}:${n}`);
    for (let i = 0; i < entries.length; i += 8) {
      lines.push(`    ${entries.slice(i, i + 8).join(',')}${i + 8 < entries.length ? ',' : ''}`);
    }
    lines.push('  }', '}', '');
  }
  return lines.join('\n');
}

export function parseSnapshot(text: string, where: string): PrevalenceSnapshot {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new AssayError('E_CONFIG', `prevalence snapshot ${where} is not valid JSON`, { cause });
  }
  const parsed = snapshotSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AssayError('E_CONFIG', `prevalence snapshot ${where} does not have the expected shape`);
  }
  return parsed.data;
}

/** Reads data/prevalence/<ecosystem>.json; null when no snapshot ships for that ecosystem. */
export function loadShippedSnapshot(
  ecosystem: Ecosystem,
  dir: string = DEFAULT_PREVALENCE_DIR,
): PrevalenceSnapshot | null {
  const path = join(dir, `${ecosystem}.json`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  return parseSnapshot(text, path);
}

/** Counts for one id from a snapshot: null when the id was not in the catalog that made it. */
export function snapshotCounts(
  snapshot: PrevalenceSnapshot,
  kind: FindingKind,
  id: string,
): TierCounts | null {
  const row = snapshot.counts[kind][id];
  if (row !== undefined) return { top100: row[0], top1k: row[1], top10k: row[2], community: row[3] };
  return snapshot.known[kind].includes(id) ? { top100: 0, top1k: 0, top10k: 0, community: 0 } : null;
}
