import { canonicalEcosystem, normalizePackageName } from '../store/names.ts';
import type { VulnerabilityRow, VulnStore } from '../store/types.ts';
import { cvss3BaseScore, LABEL_RANK, labelForScore, labelFromText } from './cvss.ts';
import { type AffectedData, isMaliciousRecord, readFindingInfo } from './osv.ts';
import {
  type CompiledAffected,
  compileAffected,
  lowestAllowed,
  type SpecifierIntervals,
  specifierIntervals,
  specifierMayBeAffected,
} from './ranges.ts';
import type { ComponentQuery, FindingSeverity, VulnerabilityFinding } from './types.ts';
import { listSchemeFor } from './versions.ts';

export type { ComponentQuery, FindingSeverity, VulnerabilityFinding } from './types.ts';

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

/** One package's live affected entries, with what the upgrade search computes once for all its queries. */
interface PackageCandidates {
  readonly list: Candidate[];
  /** Every valid `fixed` version of the package's entries, ascending; built on first use. */
  sortedFixes?: readonly string[];
  /** Versions already checked against every entry: true when none affects them. */
  readonly clean: Map<string, boolean>;
  /** The compiled entries, reordered by the upgrade search (the last entry that affected a candidate first). */
  readonly order: CompiledAffected[];
}

/**
 * What matching derived from one store at one revision: each package's compiled entries (null: none) and
 * each record's display data. A long-lived process (a server, a batch of scans on one store) then reads and
 * parses every package once; a new revision (an import in this process or another) starts afresh.
 */
interface MatchCache {
  readonly revision: string;
  readonly packages: Map<string, PackageCandidates | null>;
  readonly records: Map<string, StoredRecord | null>;
}

/** Entries per cache map before it is started again: bounds memory whatever the callers ask. */
const CACHE_LIMIT = 50_000;
const caches = new WeakMap<VulnStore, MatchCache>();

function cacheFor(store: VulnStore): MatchCache {
  const revision = store.revision?.();
  const fresh = (): MatchCache => ({ revision: revision ?? '', packages: new Map(), records: new Map() });
  if (revision === undefined) return fresh();
  let cache = caches.get(store);
  if (cache === undefined || cache.revision !== revision) {
    cache = fresh();
    caches.set(store, cache);
  }
  if (cache.packages.size > CACHE_LIMIT) cache.packages.clear();
  if (cache.records.size > CACHE_LIMIT) cache.records.clear();
  return cache;
}

/**
 * Matches components against the store. One finding per flaw per component: records that name each
 * other through `aliases` (GHSA, PYSEC, CVE …) are merged, keeping all their ids.
 */
export function matchComponents(
  store: VulnStore,
  components: readonly ComponentQuery[],
): VulnerabilityFinding[] {
  const cache = cacheFor(store);
  const records = cache.records;
  // Display rows of the records that hit, read in one query before the findings are built.
  const rows = new Map<string, Pick<VulnerabilityRow, 'summary' | 'published' | 'modified' | 'info'>>();
  const loadRecord = (id: string): StoredRecord | null => {
    if (records.has(id)) return records.get(id) ?? null;
    const row = rows.get(id) ?? store.getVulnerabilities([id])[0];
    let record: StoredRecord | null = null;
    if (row !== undefined) {
      try {
        const info = readFindingInfo(JSON.parse(row.info));
        if (info !== null) {
          record = {
            id,
            summary: row.summary,
            published: row.published,
            modified: row.modified,
            ...info,
          };
        }
      } catch {
        record = null;
      }
    }
    records.set(id, record);
    return record;
  };
  // Deduplicate first, then fetch every package's affected entries in one query per ecosystem.
  const unique: { component: ComponentQuery; ecosystem: string; name: string; dev: boolean }[] = [];
  const seen = new Map<string, { dev: boolean }>();
  const namesByEcosystem = new Map<string, Set<string>>();
  for (const component of components) {
    const ecosystem = canonicalEcosystem(component.ecosystem);
    const name = normalizePackageName(ecosystem, component.name);
    const key = [ecosystem, name, component.version ?? '', component.specifier ?? ''].join('\u0000');
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      // Development-only when every mention is: a runtime mention of the same version wins.
      if (component.dev !== true) earlier.dev = false;
      continue;
    }
    const item = { component, ecosystem, name, dev: component.dev === true };
    seen.set(key, item);
    unique.push(item);
    if (cache.packages.has(`${ecosystem}\u0000${name}`)) continue;
    const names = namesByEcosystem.get(ecosystem) ?? new Set<string>();
    names.add(name);
    namesByEcosystem.set(ecosystem, names);
  }
  const candidates = cache.packages;
  for (const [ecosystem, names] of namesByEcosystem) {
    // A package without advisories is remembered too, so asking again costs nothing.
    for (const name of names) candidates.set(`${ecosystem}\u0000${name}`, null);
    for (const row of store.affectedForPackages(ecosystem, [...names])) {
      if (row.vulnId.startsWith('MAL-')) continue;
      const data = parseAffectedData(row.data);
      if (data === null) continue;
      const key = `${ecosystem}\u0000${row.name}`;
      let known = candidates.get(key) ?? null;
      if (known === null) {
        known = { list: [], clean: new Map(), order: [] };
        candidates.set(key, known);
      }
      const entry = compileAffected(data, ecosystem);
      known.list.push({ vulnId: row.vulnId, entry });
      known.order.push(entry);
    }
  }

  // First which entries each component hits; then the display data of every record that hit, in one query
  // (most entries of a package miss the version asked about, so reading them all would be wasted).
  const matched: { item: (typeof unique)[number]; known: PackageCandidates; hits: Hits }[] = [];
  const hitIds = new Set<string>();
  for (const item of unique) {
    const known = candidates.get(`${item.ecosystem}\u0000${item.name}`);
    if (known === undefined || known === null) continue;
    const hits = hitsOf(item.component, item.ecosystem, known);
    if (hits === null) continue;
    for (const id of hits.entries.keys()) if (!records.has(id)) hitIds.add(id);
    matched.push({ item, known, hits });
  }
  if (hitIds.size > 0) for (const row of store.getVulnerabilities([...hitIds])) rows.set(row.id, row);

  const findings: VulnerabilityFinding[] = [];
  for (const { item, known, hits } of matched) {
    findings.push(...findingsOf(item.component, item.ecosystem, known, hits, loadRecord, item.dev));
  }
  return findings;
}

/** What one component hits: the affected entries per record id, and how the component was matched. */
interface Hits {
  readonly entries: Map<string, CompiledAffected[]>;
  readonly version: string | undefined;
  readonly spec: SpecifierIntervals | null;
}

function hitsOf(component: ComponentQuery, ecosystem: string, known: PackageCandidates): Hits | null {
  const version = component.version?.trim() || undefined;
  let spec: SpecifierIntervals | null = null;
  if (version === undefined) {
    spec = specifierIntervals(ecosystem, component.specifier ?? '');
    if (spec === null) return null;
  }
  const entries = new Map<string, CompiledAffected[]>();
  for (const candidate of known.list) {
    const hit =
      version !== undefined
        ? candidate.entry.affects(version)
        : specifierMayBeAffected(candidate.entry.data, ecosystem, spec as SpecifierIntervals);
    if (!hit) continue;
    const list = entries.get(candidate.vulnId) ?? [];
    list.push(candidate.entry);
    entries.set(candidate.vulnId, list);
  }
  return entries.size === 0 ? null : { entries, version, spec };
}

function parseAffectedData(text: string): AffectedData | null {
  try {
    const value = JSON.parse(text) as Partial<AffectedData>;
    if (!Array.isArray(value.ranges) || !Array.isArray(value.versions)) return null;
    return {
      ranges: value.ranges,
      versions: value.versions,
      canonical: value.canonical === true,
      ...(typeof value.versionText === 'string' ? { versionText: value.versionText } : {}),
    };
  } catch {
    return null;
  }
}

function findingsOf(
  component: ComponentQuery,
  ecosystem: string,
  known: PackageCandidates,
  matched: Hits,
  loadRecord: (id: string) => StoredRecord | null,
  dev: boolean,
): VulnerabilityFinding[] {
  const candidates = known.list;
  const { version, spec } = matched;
  const matchedOn = version === undefined ? 'range' : 'version';
  // A record's aliases may reveal a MAL- report: those are malware, judged elsewhere, never a vulnerability.
  const hits = new Map<string, CompiledAffected[]>();
  for (const [id, entries] of matched.entries) {
    const record = loadRecord(id);
    if (record !== null && !isMaliciousRecord(record)) hits.set(id, entries);
  }
  if (hits.size === 0) return [];

  const current = version ?? (spec === null ? null : lowestAllowed(spec));
  const knownVersions = component.knownVersions ?? [];
  const upgradeTo =
    knownVersions.length > 0
      ? smallestFix(
          ecosystem,
          current,
          candidates.map((c) => c.entry),
          knownVersions,
        )
      : smallestKnownFix(ecosystem, current, known);
  const componentOut = {
    ecosystem,
    name: component.name,
    ...(version !== undefined ? { version } : {}),
    ...(version === undefined && component.specifier !== undefined ? { specifier: component.specifier } : {}),
    ...(dev ? { dev: true as const } : {}),
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
      for (const entry of hits.get(id) ?? []) for (const f of entry.fixed()) fixed.add(f);
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
  for (const entry of entries) for (const f of entry.fixed()) pool.add(f);
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

/**
 * smallestFix without caller-supplied versions: the same choice, but the sorted candidates and each
 * candidate's clean/affected answer are computed once per package, however many queries name it.
 */
function smallestKnownFix(
  ecosystem: string,
  current: string | null,
  known: PackageCandidates,
): string | null {
  const scheme = listSchemeFor(ecosystem);
  if (scheme === null) return null;
  if (known.sortedFixes === undefined) {
    const pool = new Set<string>();
    for (const { entry } of known.list) for (const f of entry.fixed()) if (scheme.valid(f)) pool.add(f);
    known.sortedFixes = [...pool].sort((a, b) => scheme.compare(a, b));
  }
  const currentValid = current !== null && scheme.valid(current);
  const allowPre = currentValid && scheme.isPrerelease(current as string);
  // Most candidates are affected, usually by the same entry as the candidate before them: trying that
  // entry first (move to front) keeps the search near one check per candidate instead of one per entry.
  const entries = known.order;
  const isClean = (version: string): boolean => {
    let clean = known.clean.get(version);
    if (clean === undefined) {
      const index = entries.findIndex((entry) => entry.affects(version));
      clean = index < 0;
      if (index > 0) entries.unshift(...entries.splice(index, 1));
      known.clean.set(version, clean);
    }
    return clean;
  };
  let firstClean: string | null = null;
  for (const version of known.sortedFixes) {
    if (currentValid && scheme.compare(version, current as string) <= 0) continue;
    const pre = scheme.isPrerelease(version);
    if (!allowPre && pre && firstClean !== null) continue;
    if (!isClean(version)) continue;
    if (allowPre || !pre) return version;
    firstClean ??= version;
  }
  return firstClean;
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
