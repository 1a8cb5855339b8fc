/**
 * Facts about each component of a scan (the package itself and its dependencies, or a project's
 * components), collected before any policy judges them: snapshot data, name checks and, when the
 * registry may be asked, registry facts. Policies in src/policies/hunting/ read these; they never fetch.
 */
import type { Popularity } from '../community/data/snapshots.ts';
import type { Ecosystem } from '../metadata/types.ts';
import type { ComponentSource } from '../sources/manifests/types.ts';
import type { PackageStatus, RemovedReason } from '../sources/types.ts';
import type { Impersonation } from './typosquat.ts';
import type { UnusualVersion } from './versions.ts';

/** What the hunting checks need to know about one component, whatever it was read from. */
export interface HuntedComponent {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly version?: string;
  readonly specifier?: string;
  /** True when `version` is an exact resolved version. */
  readonly pinned: boolean;
  readonly source: ComponentSource;
  readonly url?: string;
  /** The license a lockfile records for it, as written. */
  readonly license?: string;
  /** Digests a lockfile or requirements file pins: npm SRI strings and `algorithm:hex` hashes. */
  readonly integrity?: readonly string[];
  readonly dev: boolean;
  readonly direct: boolean;
  readonly declaredIn: { readonly file: string; readonly line?: number };
  /** Read from a lockfile: the project did install this exact version at some point. */
  readonly locked: boolean;
  /** 'target' for the scanned package itself (a package scan), 'dependency' otherwise. */
  readonly role: 'target' | 'dependency';
}

/** Registry facts reduced to what the checks read, small enough to cache one per name. */
export interface RegistryFacts {
  readonly status: PackageStatus;
  readonly removedReason?: RemovedReason;
  readonly firstPublishedAt?: string;
  readonly latestPublishedAt?: string;
  readonly latestVersion?: string;
  readonly versionCount: number;
  /** Publish time of each listed version the registry dates (at most the newest 1000). */
  readonly versionTimes: Readonly<Record<string, string>>;
  readonly repository?: string;
  /** The registry that answered (base URL), named in evidence. */
  readonly registry: string;
  /** When these facts were fetched (ISO), so a cached answer can be dated. */
  readonly fetchedAt: string;
}

export type NotCheckedReason = 'offline' | 'disabled' | 'not-registry' | 'not-installed' | 'error';

export type RegistryLookup =
  | { readonly status: 'checked'; readonly facts: RegistryFacts }
  | { readonly status: 'not-checked'; readonly reason: NotCheckedReason; readonly message: string };

/** Weekly downloads from the npm downloads API, when it could be asked. */
export type DownloadsLookup =
  | { readonly status: 'checked'; readonly weekly: number; readonly source: string }
  | { readonly status: 'not-checked'; readonly reason: NotCheckedReason; readonly message: string };

export interface MaliciousMatch {
  readonly id: string;
  /** 'version': the exact version is listed; 'all-versions': every version is; 'specifier': the range admits a listed version. */
  readonly match: 'version' | 'all-versions' | 'specifier';
  /** The listed versions, when the record lists some (for 'specifier' matches, those the range admits). */
  readonly versions?: readonly string[];
  readonly source: string;
}

export interface ComponentFacts {
  readonly component: HuntedComponent;
  /** purl-like id used in evidence: `pkg:npm/name@1.2.3` (no version when none is pinned). */
  readonly purl: string;
  readonly popularity: Popularity;
  /** npm only: in the list of packages with the most dependents. */
  readonly highDependents?: boolean;
  readonly malicious: readonly MaliciousMatch[];
  /**
   * Records of the malicious-packages data that list other versions of this name, not the one used: a past
   * compromise of the project (pinned registry components only; empty when the version itself is listed).
   */
  readonly maliciousOtherVersions?: readonly MaliciousMatch[];
  readonly impersonation: Impersonation | null;
  readonly unusualVersion: UnusualVersion | null;
  readonly registry: RegistryLookup;
  /** npm registry components only. */
  readonly downloads?: DownloadsLookup;
}

/** A data snapshot a lookup used, for the report's data section. */
export interface SnapshotUsed {
  readonly name: string;
  readonly source: string;
  readonly date: string;
}

/** What the scan pipeline hands the hunting policies (DetectionContext.enrichment). */
export interface Enrichment {
  readonly components: readonly ComponentFacts[];
  readonly snapshots: readonly SnapshotUsed[];
  /** 'checked': the registry was asked; otherwise why it was not. */
  readonly registry: 'checked' | 'offline' | 'disabled';
  /** The time the recency checks measure against (ISO). */
  readonly now: string;
  /**
   * False in a package scan: development components are listed but never judged (the package's users do not
   * install them). Absent means every component is judged.
   */
  readonly judgeDev?: false;
}

/** Where registry facts come from: the live registry through the cache, or recorded answers in tests. */
export interface RegistryFactsSource {
  /** Base URL or label named in evidence. */
  readonly label: (ecosystem: Ecosystem) => string;
  /** Throws AssayError (E_OFFLINE, E_NETWORK …) when the registry cannot answer. */
  facts(ecosystem: Ecosystem, name: string): Promise<RegistryFacts>;
  /** npm weekly downloads; undefined when the downloads API cannot be asked. */
  weeklyDownloads?(name: string): Promise<number | undefined>;
}
