import { canonicalEcosystem, normalizePackageName } from '../store/names.ts';
import type { VulnerabilityRow, VulnStore } from '../store/types.ts';
import { cvss3BaseScore, LABEL_RANK, labelForScore, labelFromText, type SeverityLabel } from './cvss.ts';
import { type AffectedData, findingInfoSchema, isMaliciousRecord } from './osv.ts';
import {
  type CompiledAffected,
  compileAffected,
  fixedVersionsOf,
  lowestAllowed,
  type SpecifierIntervals,
  specifierIntervals,
  specifierMayBeAffected,
} from './ranges.ts';
import { listSchemeFor } from './versions.ts';

export interface ComponentQuery {
  readonly ecosystem: string;
  readonly name: string;
  /** An exact version: matched by the OSV evaluation rules. */
  readonly version?: string | undefined;
  /** Only a requirement is known (`>=2.0,<2.20`, `^1.2.0`): any allowed version counts. */
  readonly specifier?: string | undefined;
  /** Released versions of the package, when the caller knows them: extra upgrade candidates. */
  readonly knownVersions?: readonly string[] | undefined;
}

export interface FindingSeverity {
  /** The CVSS vector as published, or null when only a label is known. */
  readonly vector: string | null;
  /** `CVSS_V3`, `CVSS_V4`, or `label` when the severity came from the advisory's own rating. */
  readonly type: string;
  /** Base score computed from a CVSS 3.x vector; null for other vectors. */
  readonly score: number | null;
  readonly label: SeverityLabel | null;
}

export interface VulnerabilityFinding {
  /** Primary id: a GHSA id when the flaw has one, else PYSEC, else the first stored id. */
  readonly id: string;
  /** Every other id known for the same flaw (CVE, other databases), sorted. */
  readonly aliases: readonly string[];
  readonly summary: string;
  readonly severity: FindingSeverity | null;
  readonly component: {
    readonly ecosystem: string;
    readonly name: string;
    readonly version?: string;
    readonly specifier?: string;
  };
  readonly matchedOn: 'version' | 'range';
  /** Versions that fix this flaw on some release line, ascending. */
  readonly fixedVersions: readonly string[];
  /**
   * The lowest version above the current one (or above the specifier's lower bound) that no known
   * advisory for this component affects; null when the data names none.
   */
  readonly upgradeTo: string | null;
  readonly published: string | null;
  readonly modified: string;
  /** Advisory and fix links, at most five. */
  readonly references: readonly string[];
}

/** A stored record as findings use it. */
interface StoredRecord {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly summary: string | null;
  readonly published: string | null;
  readonly modified: string;
  readonly severity: readonly { readonly type: string; readonly score: string }[];
  readonly label: string | null;
  readonly references: readonly string[];
}

interface Candidate {
  readonly vulnId: string;
  readonly entry: CompiledAffected;
}

/**
 * Matches components against the store. One finding per flaw per component: records that name each
 * other through `aliases` (GHSA, PYSEC, CVE …) are merged, keeping all their ids.
 */
export function matchComponents(
  store: VulnStore,
  components: readonly ComponentQuery[],
): VulnerabilityFinding[] {
  const records = new Map<string, StoredRecord | null>();
  // Rows come with the affected query; a separate lookup is only needed for ids seen otherwise.
  const rows = new Map<string, Pick<VulnerabilityRow, 'summary' | 'published' | 'modified' | 'info'>>();
  const loadRecord = (id: string): StoredRecord | null => {
    if (records.has(id)) return records.get(id) ?? null;
    const row = rows.get(id) ?? store.getVulnerabilities([id])[0];
    let record: StoredRecord | null = null;
    if (row !== undefined) {
      try {
        const info = findingInfoSchema.safeParse(JSON.parse(row.info));
        if (info.success) {
          record = {
            id,
            summary: row.summary,
            published: row.published,
            modified: row.modified,
            ...info.data,
          };
        }
      } catch {
        record = null;
      }
    }
    records.set(id, record);
    return record;
  };
  const affectedCache = new Map<string, Candidate[]>();
  const candidatesFor = (ecosystem: string, name: string): Candidate[] => {
    const key = `${ecosystem}\u0000${name}`;
    const hit = affectedCache.get(key);
    if (hit !== undefined) return hit;
    const out: Candidate[] = [];
    for (const row of store.affectedFor(ecosystem, name)) {
      if (row.vulnId.startsWith('MAL-')) continue;
      rows.set(row.vulnId, row);
      const data = parseAffectedData(row.data);
      if (data !== null) out.push({ vulnId: row.vulnId, entry: compileAffected(data, ecosystem) });
    }
    affectedCache.set(key, out);
    return out;
  };

  const findings: VulnerabilityFinding[] = [];
  const seen = new Set<string>();
  for (const component of components) {
    const ecosystem = canonicalEcosystem(component.ecosystem);
    const name = normalizePackageName(ecosystem, component.name);
    const key = [ecosystem, name, component.version ?? '', component.specifier ?? ''].join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(...matchOne(component, ecosystem, candidatesFor(ecosystem, name), loadRecord));
  }
  return findings;
}

function parseAffectedData(text: string): AffectedData | null {
  try {
    const value = JSON.parse(text) as Partial<AffectedData>;
    if (!Array.isArray(value.ranges) || !Array.isArray(value.versions)) return null;
    return { ranges: value.ranges, versions: value.versions, canonical: value.canonical === true };
  } catch {
    return null;
  }
}

function matchOne(
  component: ComponentQuery,
  ecosystem: string,
  candidates: readonly Candidate[],
  loadRecord: (id: string) => StoredRecord | null,
): VulnerabilityFinding[] {
  const version = component.version?.trim() || undefined;
  let spec: SpecifierIntervals | null = null;
  if (version === undefined) {
    spec = specifierIntervals(ecosystem, component.specifier ?? '');
    if (spec === null) return [];
  }
  const matchedOn = version === undefined ? 'range' : 'version';

  // Which records hit, and the affected entries of every live advisory (for the upgrade).
  const hits = new Map<string, AffectedData[]>();
  const allEntries: CompiledAffected[] = [];
  for (const candidate of candidates) {
    allEntries.push(candidate.entry);
    const hit =
      version !== undefined
        ? candidate.entry.affects(version)
        : specifierMayBeAffected(candidate.entry.data, ecosystem, spec as SpecifierIntervals);
    // Loading the full record is the slow part, so only hits pay for it (aliases may reveal MAL-).
    if (!hit) continue;
    const record = loadRecord(candidate.vulnId);
    if (record === null || isMaliciousRecord(record)) continue;
    const list = hits.get(candidate.vulnId) ?? [];
    list.push(candidate.entry.data);
    hits.set(candidate.vulnId, list);
  }
  if (hits.size === 0) return [];

  const current = version ?? (spec === null ? null : lowestAllowed(spec));
  const upgradeTo = smallestFix(ecosystem, current, allEntries, component.knownVersions ?? []);
  const componentOut = {
    ecosystem,
    name: component.name,
    ...(version !== undefined ? { version } : {}),
    ...(version === undefined && component.specifier !== undefined ? { specifier: component.specifier } : {}),
  };

  return groupByAlias([...hits.keys()], loadRecord).map((group) => {
    const groupRecords = group.map(loadRecord).filter((r): r is StoredRecord => r !== null);
    const ids = new Set<string>();
    for (const r of groupRecords) {
      ids.add(r.id);
      for (const alias of r.aliases ?? []) ids.add(alias);
    }
    const primaryId = choosePrimary([...ids], new Set(group));
    const primary = groupRecords.find((r) => r.id === primaryId) ?? groupRecords[0];
    const fixed = new Set<string>();
    for (const id of group)
      for (const data of hits.get(id) ?? []) for (const f of fixedVersionsOf(data, ecosystem)) fixed.add(f);
    return {
      id: primaryId,
      aliases: [...ids].filter((id) => id !== primaryId).sort(),
      summary: summaryOf(primary, groupRecords),
      severity: severityOf(groupRecords),
      component: componentOut,
      matchedOn,
      fixedVersions: sortVersions(ecosystem, [...fixed]),
      upgradeTo,
      published: earliest(groupRecords.map((r) => r.published)),
      modified: latest(groupRecords.map((r) => r.modified)) ?? primary?.modified ?? '',
      references: referencesOf(primary, groupRecords),
    } satisfies VulnerabilityFinding;
  });
}

/** Union-find over record ids and their aliases: one group per flaw. */
export function groupByAlias(
  ids: readonly string[],
  loadRecord: (id: string) => StoredRecord | null,
): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root) as string;
    let node = x;
    while (node !== root) {
      const next = parent.get(node) as string;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    // The smaller id becomes the root, so grouping does not depend on input order.
    const [low, high] = ra < rb ? [ra, rb] : [rb, ra];
    parent.set(high, low);
  };
  for (const id of ids) {
    union(id, id);
    for (const alias of loadRecord(id)?.aliases ?? []) union(id, alias);
  }
  const groups = new Map<string, string[]>();
  for (const id of [...ids].sort()) {
    const root = find(id);
    const group = groups.get(root) ?? [];
    group.push(id);
    groups.set(root, group);
  }
  return [...groups.values()];
}

const PRIMARY_PREFERENCE = ['GHSA-', 'PYSEC-'];

function choosePrimary(ids: readonly string[], stored: ReadonlySet<string>): string {
  const sorted = [...ids].sort();
  for (const prefix of PRIMARY_PREFERENCE) {
    const pick =
      sorted.find((id) => id.startsWith(prefix) && stored.has(id)) ??
      sorted.find((id) => id.startsWith(prefix));
    if (pick !== undefined) return pick;
  }
  return sorted.find((id) => stored.has(id)) ?? sorted[0] ?? '';
}

function summaryOf(primary: StoredRecord | undefined, records: readonly StoredRecord[]): string {
  // The stored summary is already the summary or, lacking one, the first line of the details.
  if (primary?.summary) return primary.summary;
  for (const r of records) if (r.summary) return r.summary;
  return 'No description in the advisory';
}

function severityOf(records: readonly StoredRecord[]): FindingSeverity | null {
  let best: FindingSeverity | null = null;
  const better = (s: FindingSeverity): boolean => {
    if (best === null) return true;
    if (s.score !== null && best.score === null) return true;
    if (s.score !== null && best.score !== null) return s.score > best.score;
    if (s.score === null && best.score !== null) return false;
    return LABEL_RANK[s.label ?? 'none'] > LABEL_RANK[best.label ?? 'none'];
  };
  for (const record of records) {
    const fallback = labelFromText(record.label);
    const entries = record.severity;
    for (const entry of entries) {
      const score =
        entry.type === 'CVSS_V3' || entry.score.startsWith('CVSS:3.') ? cvss3BaseScore(entry.score) : null;
      const candidate: FindingSeverity = {
        vector: entry.score,
        type: entry.type,
        score,
        label: score !== null ? labelForScore(score) : fallback,
      };
      if (better(candidate)) best = candidate;
    }
    if (entries.length === 0 && fallback !== null) {
      const candidate: FindingSeverity = { vector: null, type: 'label', score: null, label: fallback };
      if (better(candidate)) best = candidate;
    }
  }
  return best;
}

function referencesOf(primary: StoredRecord | undefined, records: readonly StoredRecord[]): string[] {
  const out = new Set<string>(primary?.references ?? []);
  for (const r of records) for (const url of r.references) if (out.size < 5) out.add(url);
  return [...out];
}

/**
 * The lowest version above `current` outside every affected range of this component. Candidates
 * are the `fixed` events of all its advisories plus the released versions the caller knows;
 * pre-releases are only proposed to someone already on a pre-release, or when nothing else fixes.
 */
export function smallestFix(
  ecosystem: string,
  current: string | null,
  entries: readonly CompiledAffected[],
  knownVersions: readonly string[],
): string | null {
  const scheme = listSchemeFor(ecosystem);
  if (scheme === null) return null;
  const pool = new Set<string>(knownVersions);
  for (const entry of entries) for (const f of fixedVersionsOf(entry.data, ecosystem)) pool.add(f);
  const currentValid = current !== null && scheme.valid(current);
  const candidates = [...pool]
    .filter((v) => scheme.valid(v) && (!currentValid || scheme.compare(v, current as string) > 0))
    .sort((a, b) => scheme.compare(a, b));
  const allowPre = currentValid && scheme.isPrerelease(current as string);
  const clean = (v: string) => !entries.some((entry) => entry.affects(v));
  const stable = candidates.find((v) => (allowPre || !scheme.isPrerelease(v)) && clean(v));
  if (stable !== undefined) return stable;
  return candidates.find(clean) ?? null;
}

function sortVersions(ecosystem: string, versions: string[]): string[] {
  const scheme = listSchemeFor(ecosystem);
  if (scheme === null) return versions.sort();
  return versions.sort((a, b) => scheme.compare(a, b));
}

function earliest(values: readonly (string | null)[]): string | null {
  const present = values.filter((v): v is string => v !== null).sort();
  return present[0] ?? null;
}

function latest(values: readonly string[]): string | null {
  const present = [...values].sort();
  return present[present.length - 1] ?? null;
}
