/**
 * Facts about each component of a scan (the package itself and its dependencies, or a project's
 * components), collected before any policy judges them: snapshot data, name checks and, when the
 * registry may be asked, registry facts. Policies in src/policies/hunting/ read these; they never fetch.
 */
import type { Popularity } from '../community/data/snapshots.ts';
import type { DependentsCount } from '../community/index/lookup.ts';
import type { Ecosystem } from '../metadata/types.ts';
import type { ProvenanceResult } from '../provenance/types.ts';
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
  /** npm: the versions published with provenance (their manifest lists `dist.attestations`). */
  readonly attestedVersions?: readonly string[];
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
  /** How many packages of the community index depend on this name (the scan's ecosystem only). */
  readonly community?: ComponentCommunity;
}

/** A component's dependents in the community index, with the index's size and name for the evidence. */
export interface ComponentCommunity {
  readonly dependents: DependentsCount;
  /** Packages in the index. */
  readonly indexed: number;
  /** `assay prevalence snapshot (…), built 2026-12-07`. */
  readonly index: string;
}

/** The index's dependents look-up as the enrich stage receives it. */
export interface CommunityDependents {
  readonly ecosystem: Ecosystem;
  readonly indexed: number;
  readonly index: string;
  dependentsOf(name: string): DependentsCount;
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
  /** The scanned artifact's provenance, when it came from a registry (see ProvenanceFacts). */
  readonly provenance?: ProvenanceFacts;
}

/**
 * The provenance of the scanned artifact as its registry publishes it: npm attestations (Sigstore bundles linked
 * from the version's `dist.attestations`) or PEP 740 provenance (linked from the index's file entry), verified
 * against the shipped trusted root. Only asked with registry checks; otherwise it says why not.
 */
export type ProvenanceFacts =
  | {
      readonly status: 'checked';
      /** `pkg:npm/name@1.0.0`, or the PyPI file name: what the attestations must be about. */
      readonly subject: string;
      /** The file the evidence points at: package.json, or the PyPI file name. */
      readonly file: string;
      /** The registry field the attestations are linked from (`dist.attestations`, `provenance`). */
      readonly field: string;
      /** Where the attestations were fetched from, when the registry links some. */
      readonly url?: string;
      readonly result: ProvenanceResult;
      /**
       * The version published before this one (by publish time) and whether it had provenance; npm only, from
       * the packument the registry checks fetch. Absent when there is no earlier version or no registry facts.
       */
      readonly previous?: { readonly version: string; readonly attested: boolean };
    }
  | { readonly status: 'not-checked'; readonly reason: NotCheckedReason; readonly message: string };

/** Where registry facts come from: the live registry through the cache, or recorded answers in tests. */
export interface RegistryFactsSource {
  /** Base URL or label named in evidence. */
  readonly label: (ecosystem: Ecosystem) => string;
  /** Throws AssayError (E_OFFLINE, E_NETWORK …) when the registry cannot answer. */
  facts(ecosystem: Ecosystem, name: string): Promise<RegistryFacts>;
  /** npm weekly downloads; undefined when the downloads API cannot be asked. */
  weeklyDownloads?(name: string): Promise<number | undefined>;
  /**
   * A JSON document the registry links from a version or a file: npm attestations, PEP 740 provenance. Throws
   * when it cannot be fetched (the provenance is then "not checked", never "none").
   */
  document?(url: string): Promise<unknown>;
}
