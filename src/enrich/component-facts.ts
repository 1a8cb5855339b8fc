import * as pep440 from '@renovatebot/pep440';
import semver from 'semver';
import { type MaliciousRecord, type SnapshotStore, snapshots } from '../community/data/snapshots.ts';
import { mapBounded } from '../core/concurrency.ts';
import { isAssayError } from '../core/errors.ts';
import type { Ecosystem } from '../metadata/types.ts';
import { normalizePackageName } from '../store/names.ts';
import { componentPurl } from './components.ts';
import type {
  CommunityDependents,
  ComponentCommunity,
  ComponentFacts,
  DownloadsLookup,
  Enrichment,
  HuntedComponent,
  MaliciousMatch,
  NotCheckedReason,
  RegistryFactsSource,
  RegistryLookup,
} from './types.ts';
import { TyposquatDetector } from './typosquat.ts';
import { unusualVersion } from './versions.ts';

export interface CollectOptions {
  /** Asked for registry facts; absent means the checks that need them are "not checked". */
  readonly registry?: RegistryFactsSource;
  /** Why there is no registry source: 'offline' (--offline) or 'disabled' (not asked for). */
  readonly offline?: boolean;
  readonly now?: Date;
  /** Registry requests in flight at once. */
  readonly concurrency?: number;
  readonly store?: SnapshotStore;
  readonly detector?: TyposquatDetector;
  /**
   * False for a package scan: its development components are listed, but nobody who installs the package
   * installs them, so they are not looked up in the registry and the hunting policies do not judge them.
   */
  readonly judgeDev?: boolean;
  /** The community index's dependents of names of one ecosystem (registry components only). */
  readonly community?: CommunityDependents;
}

const DEFAULT_CONCURRENCY = 16;

function communityOf(
  source: CommunityDependents | undefined,
  component: HuntedComponent,
): ComponentCommunity | undefined {
  if (source === undefined || component.source !== 'registry' || component.ecosystem !== source.ecosystem)
    return undefined;
  // The index keeps names normalized (PEP 503 for PyPI), as the dependency edges were recorded.
  const name = normalizePackageName(component.ecosystem, component.name);
  return { dependents: source.dependentsOf(name), indexed: source.indexed, index: source.index };
}

let defaultDetector: { store: SnapshotStore; detector: TyposquatDetector } | undefined;

function detectorFor(store: SnapshotStore): TyposquatDetector {
  if (defaultDetector?.store !== store) defaultDetector = { store, detector: new TyposquatDetector(store) };
  return defaultDetector.detector;
}

function satisfies(ecosystem: Ecosystem, version: string, specifier: string): boolean {
  try {
    if (ecosystem === 'npm') return semver.satisfies(version, specifier, { loose: true });
    return pep440.satisfies(version, specifier);
  } catch {
    return false;
  }
}

/**
 * Malicious records that concern this component. A pinned version is matched exactly; for a range only
 * records listing versions the range admits count, since a range says nothing about the other kinds.
 * Withdrawn records never reach here: the snapshot leaves them out when it is built.
 */
function maliciousMatches(store: SnapshotStore, component: HuntedComponent): MaliciousMatch[] {
  if (component.source !== 'registry') return [];
  const matchOf = (record: MaliciousRecord, match: MaliciousMatch['match'], versions?: string[]) => ({
    id: record.id,
    match: record.affected.kind === 'all' ? ('all-versions' as const) : match,
    ...(versions === undefined || versions.length === 0 ? {} : { versions }),
    source: record.source,
  });
  if (component.version !== undefined && component.pinned) {
    return store
      .maliciousRecords(component.ecosystem, component.name, component.version)
      .map((record) => matchOf(record, 'version', [component.version as string]));
  }
  const out: MaliciousMatch[] = [];
  for (const record of store.maliciousRecords(component.ecosystem, component.name)) {
    if (record.affected.kind === 'all') out.push(matchOf(record, 'all-versions'));
    else if (record.affected.kind === 'versions' && component.specifier !== undefined) {
      const specifier = component.specifier;
      const admitted = record.affected.versions.filter((v) => satisfies(component.ecosystem, v, specifier));
      if (admitted.length > 0) out.push(matchOf(record, 'specifier', admitted));
    }
  }
  return out;
}

/**
 * Records that list versions of the same name other than the pinned one: the version in use is not listed,
 * but the project shipped malware before (a hijacked account, a poisoned build).
 */
function maliciousOtherVersions(
  store: SnapshotStore,
  component: HuntedComponent,
  direct: readonly MaliciousMatch[],
): MaliciousMatch[] {
  if (component.source !== 'registry' || !component.pinned || component.version === undefined) return [];
  if (direct.length > 0) return [];
  const out: MaliciousMatch[] = [];
  for (const record of store.maliciousRecords(component.ecosystem, component.name)) {
    if (record.affected.kind !== 'versions') continue;
    const others = record.affected.versions.filter((version) => version !== component.version);
    if (others.length > 0)
      out.push({ id: record.id, match: 'version', versions: others.slice(0, 10), source: record.source });
  }
  return out;
}

function notChecked(reason: NotCheckedReason, message: string): RegistryLookup & DownloadsLookup {
  return { status: 'not-checked', reason, message };
}

function errorReason(error: unknown): { reason: NotCheckedReason; message: string } {
  if (isAssayError(error) && error.code === 'E_OFFLINE')
    return { reason: 'offline', message: 'not checked (offline)' };
  const message = error instanceof Error ? error.message : String(error);
  return { reason: 'error', message: `not checked: ${message.slice(0, 200)}` };
}

/**
 * Collect: everything the hunting policies judge, per component. Snapshot lookups are local index probes;
 * registry facts are fetched once per name, a bounded number at a time, through the registry source's cache.
 */
export async function collectComponentFacts(
  components: readonly HuntedComponent[],
  options: CollectOptions = {},
): Promise<Enrichment> {
  const store = options.store ?? snapshots();
  const detector = options.detector ?? detectorFor(store);
  const registry = options.registry;
  const state: Enrichment['registry'] =
    registry !== undefined ? 'checked' : options.offline === true ? 'offline' : 'disabled';
  const absent =
    state === 'offline'
      ? notChecked('offline', 'not checked (offline)')
      : notChecked('disabled', 'not checked (registry checks were not requested)');

  // One request per name even when a lockfile holds several versions of it.
  const factsByName = new Map<string, Promise<RegistryLookup>>();
  const judgeDev = options.judgeDev ?? true;
  const lookUp = (component: HuntedComponent): Promise<RegistryLookup> => {
    if (component.dev && !judgeDev)
      return Promise.resolve(
        notChecked('not-installed', 'not checked: a development dependency of a package'),
      );
    if (component.source !== 'registry')
      return Promise.resolve(notChecked('not-registry', `not checked: installed from a ${component.source}`));
    if (registry === undefined) return Promise.resolve(absent);
    const key = `${component.ecosystem}\0${component.name}`;
    let pending = factsByName.get(key);
    if (pending === undefined) {
      pending = registry.facts(component.ecosystem, component.name).then(
        (facts): RegistryLookup => ({ status: 'checked', facts }),
        (error: unknown) => {
          const { reason, message } = errorReason(error);
          return notChecked(reason, message);
        },
      );
      factsByName.set(key, pending);
    }
    return pending;
  };

  // Registry requests go out first, so the network wait overlaps the snapshot lookups below.
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const registryPending = mapBounded(components, concurrency, lookUp);

  const base = components.map((component) => {
    const popularity = store.popularity(component.ecosystem, component.name);
    const highDependents =
      component.ecosystem === 'npm' ? store.isInHighDependents(component.name) : undefined;
    const impersonation =
      component.source === 'path' ? null : detector.find(component.ecosystem, component.name);
    const unusual =
      component.version !== undefined && component.pinned
        ? unusualVersion(component.ecosystem, component.version)
        : null;
    const malicious = maliciousMatches(store, component);
    const others = maliciousOtherVersions(store, component, malicious);
    const community = communityOf(options.community, component);
    return {
      component,
      purl: componentPurl(component),
      popularity,
      ...(highDependents === undefined ? {} : { highDependents }),
      malicious,
      ...(others.length === 0 ? {} : { maliciousOtherVersions: others }),
      impersonation,
      unusualVersion: unusual,
      ...(community === undefined ? {} : { community }),
    };
  });

  const registryLookups = await registryPending;

  // Downloads only matter where the snapshots cannot tell popularity: npm names below the high-impact list.
  const downloadsByName = new Map<string, Promise<DownloadsLookup>>();
  const downloads = await mapBounded(
    base,
    concurrency,
    async (item): Promise<DownloadsLookup | undefined> => {
      const { component } = item;
      if (component.ecosystem !== 'npm' || component.source !== 'registry') return undefined;
      if (component.dev && !judgeDev) return undefined;
      if (item.popularity.status === 'known') return undefined;
      if (registry?.weeklyDownloads === undefined) return absent;
      const ask = registry.weeklyDownloads.bind(registry);
      let pending = downloadsByName.get(component.name);
      if (pending === undefined) {
        pending = ask(component.name).then(
          (weekly): DownloadsLookup =>
            weekly === undefined
              ? notChecked('error', 'not checked: the npm downloads API did not answer')
              : { status: 'checked', weekly, source: 'npm downloads API (last week)' },
          (error: unknown) => {
            const { reason, message } = errorReason(error);
            return notChecked(reason, message);
          },
        );
        downloadsByName.set(component.name, pending);
      }
      return pending;
    },
  );

  const facts: ComponentFacts[] = base.map((item, index) => {
    const lookup = registryLookups[index] ?? absent;
    const download = downloads[index];
    return { ...item, registry: lookup, ...(download === undefined ? {} : { downloads: download }) };
  });
  return {
    components: facts,
    snapshots: store.snapshotsUsed().map((s) => ({ name: s.name, source: s.source, date: s.date })),
    registry: state,
    now: (options.now ?? new Date()).toISOString(),
    ...(judgeDev ? {} : { judgeDev: false }),
  };
}
