import semver from 'semver';
import type { AffectedData, OsvEvent, OsvRange } from './osv.ts';
import {
  canonicalVersions,
  listSchemeFor,
  pep440Scheme,
  schemeFor,
  semverScheme,
  type VersionScheme,
} from './versions.ts';

/**
 * OSV evaluation (schema section "Evaluation"): a version is affected when it is listed in
 * `versions[]` or falls inside a SEMVER / ECOSYSTEM range. GIT ranges need the repository's commit
 * graph, which we do not have, so they only count through the `versions[]` list.
 */
export function isVersionAffected(data: AffectedData, ecosystem: string, version: string): boolean {
  return compileAffected(data, ecosystem).affects(version);
}

/** An affected entry prepared once for many version checks (sorted events, indexed version list). */
export interface CompiledAffected {
  readonly data: AffectedData;
  affects(version: string): boolean;
  /** The entry's valid `fixed` versions (fixedVersionsOf), computed on first use and kept. */
  fixed(): readonly string[];
}

export function compileAffected(data: AffectedData, ecosystem: string): CompiledAffected {
  const listed = versionListMatcher(ecosystem, data);
  const ranges: { scheme: VersionScheme; events: Event[] }[] = [];
  for (const range of data.ranges) {
    const scheme = schemeFor(ecosystem, range.type);
    if (scheme === null) continue;
    const events = sortedEvents(range, scheme);
    if (events !== null) ranges.push({ scheme, events });
  }
  let fixed: readonly string[] | undefined;
  return {
    data,
    // Ranges first: they are a few comparisons, while the listed versions are a text search.
    affects: (version) => ranges.some((r) => inSortedRange(r.events, r.scheme, version)) || listed(version),
    fixed: () => {
      if (fixed === undefined) fixed = fixedVersionsOf(data, ecosystem);
      return fixed;
    },
  };
}

export function inVersionsList(versions: readonly string[], ecosystem: string, version: string): boolean {
  return versionListMatcher(ecosystem, { ranges: [], versions })(version);
}

/** Every listed version of an entry, whichever form the importer stored it in. */
export function listedVersions(data: AffectedData): readonly string[] {
  if (data.versionText === undefined) return data.versions;
  const joined = data.versionText.split('\n').filter((v) => v !== '');
  return data.versions.length === 0 ? joined : [...data.versions, ...joined];
}

/**
 * Compares canonical forms, so `1.0` matches a listed `1.0.0`. Lists stored by the importer are
 * already canonical; others are converted once here.
 */
function versionListMatcher(ecosystem: string, data: AffectedData): (version: string) => boolean {
  const text = data.versionText;
  // A line break would let a crafted version span two listed entries, so such versions never match the text.
  const inText =
    text === undefined ? () => false : (v: string) => !v.includes('\n') && text.includes(`\n${v}\n`);
  const scheme = listSchemeFor(ecosystem);
  if (scheme === null) return (version) => data.versions.includes(version) || inText(version);
  const listed = data.canonical === true ? data.versions : canonicalVersions(ecosystem, data.versions);
  if (listed.length === 0 && text === undefined) return () => false;
  const has = (v: string) => listed.includes(v) || inText(v);
  return (version) => {
    const key = scheme.key(version);
    if (key === null) return has(version);
    // PEP 440: a public version in a comparison ignores the candidate's local label, so an
    // advisory listing `1.0` also covers a downstream rebuild `1.0+ubuntu1`. A listed entry with a
    // local label never equals a public part, so this cannot over-match.
    return has(key.full) || (key.hasLocal && has(key.publicPart));
  };
}

type Kind = 'introduced' | 'fixed' | 'last_affected' | 'limit';
interface Event {
  readonly kind: Kind;
  readonly version: string;
}

/** Equal versions sort in this order so that `introduced: X, fixed: X` is an empty range. */
const KIND_ORDER: Readonly<Record<Kind, number>> = { introduced: 0, last_affected: 1, fixed: 2, limit: 3 };

function eventsOf(range: OsvRange): Event[] {
  const out: Event[] = [];
  for (const e of range.events) out.push(...eventKinds(e));
  return out;
}

function eventKinds(e: OsvEvent): Event[] {
  // The schema allows one key per event; a record with several is malformed but still readable.
  const out: Event[] = [];
  if (e.introduced !== undefined) out.push({ kind: 'introduced', version: e.introduced });
  if (e.fixed !== undefined) out.push({ kind: 'fixed', version: e.fixed });
  if (e.last_affected !== undefined) out.push({ kind: 'last_affected', version: e.last_affected });
  if (e.limit !== undefined) out.push({ kind: 'limit', version: e.limit });
  return out;
}

const isZero = (e: Event) => e.kind === 'introduced' && e.version === '0';
const isInfinity = (e: Event) => e.kind === 'limit' && e.version.includes('*');

/** Sorted events of an orderable range, or null when the range cannot be evaluated. */
function sortedEvents(range: OsvRange, scheme: VersionScheme): Event[] | null {
  const events = eventsOf(range);
  for (const e of events) {
    if (!isZero(e) && !isInfinity(e) && !scheme.valid(e.version)) return null;
  }
  return events.sort((a, b) => {
    const byVersion = compareEventVersions(a, b, scheme);
    return byVersion !== 0 ? byVersion : KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  });
}

function compareEventVersions(a: Event, b: Event, scheme: VersionScheme): number {
  const aLow = isZero(a);
  const bLow = isZero(b);
  if (aLow || bLow) return aLow === bLow ? 0 : aLow ? -1 : 1;
  const aHigh = isInfinity(a);
  const bHigh = isInfinity(b);
  if (aHigh || bHigh) return aHigh === bHigh ? 0 : aHigh ? 1 : -1;
  return scheme.compare(a.version, b.version);
}

export function inRange(range: OsvRange, ecosystem: string, version: string): boolean {
  const scheme = schemeFor(ecosystem, range.type);
  if (scheme === null) return false;
  const events = sortedEvents(range, scheme);
  return events !== null && inSortedRange(events, scheme, version);
}

function inSortedRange(events: readonly Event[], scheme: VersionScheme, version: string): boolean {
  if (!scheme.valid(version)) return false;
  let limited = false;
  let belowALimit = false;
  let vulnerable = false;
  for (const e of events) {
    if (e.kind === 'limit') {
      limited = true;
      if (isInfinity(e) || scheme.compare(version, e.version) < 0) belowALimit = true;
    } else if (e.kind === 'introduced') {
      if (isZero(e) || scheme.compare(version, e.version) >= 0) vulnerable = true;
    } else if (e.kind === 'fixed') {
      if (scheme.compare(version, e.version) >= 0) vulnerable = false;
    } else if (scheme.compare(version, e.version) > 0) {
      vulnerable = false;
    }
  }
  return vulnerable && (!limited || belowALimit);
}

/** `fixed` versions of the orderable ranges: the candidates for an upgrade. */
export function fixedVersionsOf(data: AffectedData, ecosystem: string): string[] {
  const out: string[] = [];
  for (const range of data.ranges) {
    const scheme = schemeFor(ecosystem, range.type);
    if (scheme === null) continue;
    for (const e of eventsOf(range)) {
      if (e.kind === 'fixed' && scheme.valid(e.version)) out.push(e.version);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Intervals, for matching a specifier (`>=2.0,<2.20`, `^1.2.0`) when no exact version is known.

export interface Bound {
  readonly version: string;
  readonly inclusive: boolean;
}

/** `low` null is minus infinity, `high` null is plus infinity. */
export interface Interval {
  readonly low: Bound | null;
  readonly high: Bound | null;
}

const EVERYTHING: Interval = { low: null, high: null };

/** The version intervals one range covers, in the given ordering. */
export function rangeIntervals(range: OsvRange, scheme: VersionScheme): Interval[] | null {
  const events = sortedEvents(range, scheme);
  if (events === null) return null;
  const limitEvents = events.filter((e) => e.kind === 'limit');
  // "Before any limit" means below the greatest one.
  let limit: Bound | null = null;
  if (limitEvents.length > 0 && !limitEvents.some(isInfinity)) {
    const greatest = limitEvents.reduce((a, b) => (scheme.compare(a.version, b.version) >= 0 ? a : b));
    limit = { version: greatest.version, inclusive: false };
  }
  const out: Interval[] = [];
  let open: Bound | null | undefined;
  for (const e of events) {
    if (e.kind === 'introduced' && open === undefined) {
      open = isZero(e) ? null : { version: e.version, inclusive: true };
    } else if ((e.kind === 'fixed' || e.kind === 'last_affected') && open !== undefined) {
      out.push({ low: open, high: { version: e.version, inclusive: e.kind === 'last_affected' } });
      open = undefined;
    }
  }
  if (open !== undefined) out.push({ low: open, high: null });
  if (limit === null) return out;
  return out.flatMap((interval) => {
    const clipped = intersect(interval, { low: null, high: limit }, scheme);
    return clipped === null ? [] : [clipped];
  });
}

export function intersect(a: Interval, b: Interval, scheme: VersionScheme): Interval | null {
  const low = maxLow(a.low, b.low, scheme);
  const high = minHigh(a.high, b.high, scheme);
  if (low !== null && high !== null) {
    const order = scheme.compare(low.version, high.version);
    if (order > 0 || (order === 0 && !(low.inclusive && high.inclusive))) return null;
  }
  return { low, high };
}

function maxLow(a: Bound | null, b: Bound | null, scheme: VersionScheme): Bound | null {
  if (a === null) return b;
  if (b === null) return a;
  const order = scheme.compare(a.version, b.version);
  if (order !== 0) return order > 0 ? a : b;
  return a.inclusive ? b : a;
}

function minHigh(a: Bound | null, b: Bound | null, scheme: VersionScheme): Bound | null {
  if (a === null) return b;
  if (b === null) return a;
  const order = scheme.compare(a.version, b.version);
  if (order !== 0) return order < 0 ? a : b;
  return a.inclusive ? b : a;
}

export function contains(interval: Interval, version: string, scheme: VersionScheme): boolean {
  if (interval.low !== null) {
    const order = scheme.compare(version, interval.low.version);
    if (order < 0 || (order === 0 && !interval.low.inclusive)) return false;
  }
  if (interval.high !== null) {
    const order = scheme.compare(version, interval.high.version);
    if (order > 0 || (order === 0 && !interval.high.inclusive)) return false;
  }
  return true;
}

/** A parsed specifier: the union of intervals it allows, in the ecosystem's ordering. */
export interface SpecifierIntervals {
  readonly scheme: VersionScheme;
  readonly intervals: readonly Interval[];
}

/**
 * Turns a version specifier into intervals. Exclusions (`!=`) are ignored, which can only widen
 * the set, so a range match errs towards reporting. Returns null when the specifier is unreadable.
 */
export function specifierIntervals(ecosystem: string, specifier: string): SpecifierIntervals | null {
  const spec = specifier.trim();
  if (ecosystem === 'PyPI') {
    const interval = pep440Interval(spec);
    return interval === null ? null : { scheme: pep440Scheme, intervals: [interval] };
  }
  if (ecosystem === 'npm') {
    const intervals = semverIntervals(spec);
    return intervals === null ? null : { scheme: semverScheme, intervals };
  }
  return null;
}

const PEP440_CLAUSE = /^(~=|===|==|!=|<=|>=|<|>)\s*([^\s,;]+)$/;

function pep440Interval(spec: string): Interval | null {
  if (spec === '' || spec === '*') return EVERYTHING;
  let result: Interval | null = EVERYTHING;
  for (const rawClause of spec.split(',')) {
    const clause = rawClause.trim();
    if (clause === '') continue;
    const match = PEP440_CLAUSE.exec(clause);
    if (match === null) return null;
    const op = match[1] as string;
    const version = match[2] as string;
    const clauseInterval = pep440Clause(op, version);
    if (clauseInterval === undefined) return null;
    if (clauseInterval === null || result === null) continue;
    result = intersect(result, clauseInterval, pep440Scheme);
  }
  // An empty intersection allows nothing; represent it by a point that nothing can reach.
  return result ?? { low: { version: '0', inclusive: false }, high: { version: '0', inclusive: false } };
}

/** undefined: unreadable; null: the clause does not restrict the interval (`!=`). */
function pep440Clause(op: string, version: string): Interval | null | undefined {
  if (op === '!=') return null;
  if (op === '==' && version.endsWith('.*')) {
    const prefix = version.slice(0, -2);
    const next = bumpLastRelease(prefix, 0);
    if (next === null) return undefined;
    return {
      low: { version: `${prefix}.dev0`, inclusive: true },
      high: { version: `${next}.dev0`, inclusive: false },
    };
  }
  if (!pep440Scheme.valid(version)) return undefined;
  switch (op) {
    case '==':
    case '===':
      return { low: { version, inclusive: true }, high: { version, inclusive: true } };
    case '>=':
      return { low: { version, inclusive: true }, high: null };
    case '>':
      return { low: { version, inclusive: false }, high: null };
    case '<=':
      return { low: null, high: { version, inclusive: true } };
    case '<':
      return { low: null, high: { version, inclusive: false } };
    case '~=': {
      // ~=X.Y.Z means >=X.Y.Z, ==X.Y.*
      const next = bumpLastRelease(version, 1);
      if (next === null) return undefined;
      return { low: { version, inclusive: true }, high: { version: `${next}.dev0`, inclusive: false } };
    }
    default:
      return undefined;
  }
}

/** Drops `drop` trailing release segments (after removing pre/post/dev) and increments the last. */
function bumpLastRelease(version: string, drop: number): string | null {
  const match = /^(?:(\d+)!)?(\d+(?:\.\d+)*)/.exec(version.trim().replace(/^v/i, ''));
  if (match === null) return null;
  const release = (match[2] as string).split('.').map(Number);
  if (drop > 0) {
    if (release.length <= drop) return null;
    release.splice(release.length - drop, drop);
  }
  release[release.length - 1] = (release[release.length - 1] ?? 0) + 1;
  const epoch = match[1] === undefined ? '' : `${match[1]}!`;
  return `${epoch}${release.join('.')}`;
}

function semverIntervals(spec: string): Interval[] | null {
  let range: semver.Range;
  try {
    range = new semver.Range(spec === '' ? '*' : spec, { loose: true, includePrerelease: true });
  } catch {
    return null;
  }
  const out: Interval[] = [];
  for (const set of range.set) {
    let interval: Interval | null = EVERYTHING;
    for (const comparator of set) {
      if (interval === null) break;
      // The match-anything comparator (`*`) has an empty value and no version.
      if (comparator.value === '') continue;
      const version = comparator.semver.version;
      let clause: Interval;
      switch (comparator.operator) {
        case '>=':
          clause = { low: { version, inclusive: true }, high: null };
          break;
        case '>':
          clause = { low: { version, inclusive: false }, high: null };
          break;
        case '<=':
          clause = { low: null, high: { version, inclusive: true } };
          break;
        case '<':
          clause = { low: null, high: { version, inclusive: false } };
          break;
        default:
          clause = { low: { version, inclusive: true }, high: { version, inclusive: true } };
      }
      interval = intersect(interval, clause, semverScheme);
    }
    if (interval !== null) out.push(interval);
  }
  return out;
}

/** Does any version the specifier allows fall inside this affected entry? */
export function specifierMayBeAffected(
  data: AffectedData,
  ecosystem: string,
  spec: SpecifierIntervals,
): boolean {
  const { scheme, intervals } = spec;
  const list = listSchemeFor(ecosystem);
  if (list !== null) {
    for (const listed of listedVersions(data)) {
      if (list.valid(listed) && intervals.some((i) => contains(i, listed, list))) return true;
    }
  }
  for (const range of data.ranges) {
    const rangeScheme = schemeFor(ecosystem, range.type);
    // Intervals of different orderings cannot be intersected; SEMVER ranges on a PyPI package are
    // checked with PEP 440, which agrees with SemVer on plain X.Y.Z versions.
    if (rangeScheme === null) continue;
    const affected = rangeIntervals(range, rangeScheme.name === scheme.name ? rangeScheme : scheme);
    if (affected === null) continue;
    for (const a of affected) {
      if (intervals.some((s) => intersect(a, s, scheme) !== null)) return true;
    }
  }
  return false;
}

/** The lowest bound a specifier allows, used as "current" when choosing an upgrade. */
export function lowestAllowed(spec: SpecifierIntervals): string | null {
  let lowest: string | null = null;
  for (const interval of spec.intervals) {
    if (interval.low === null) return null;
    if (lowest === null || spec.scheme.compare(interval.low.version, lowest) < 0)
      lowest = interval.low.version;
  }
  return lowest;
}
