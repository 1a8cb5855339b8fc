/**
 * The enrich stage: what a scan learns about its components from outside the package — the shipped data sets
 * (popularity, malicious list, typosquats), registry facts when the registry may be asked, known vulnerabilities
 * from the local database, and community prevalence. The scan calls it once, beside the code analysis and before
 * the policies, so the policies and the report read the same look-ups and nothing is asked twice.
 */
import { NO_PREVALENCE, type PrevalenceLookup, prevalenceLookup } from '../community/index/lookup.ts';
import type { Ecosystem } from '../metadata/types.ts';
import { withKnownExploited } from '../vulns/kev.ts';
import type { VulnerabilityContext, VulnerabilitySource } from '../vulns/types.ts';
import { collectComponentFacts } from './component-facts.ts';
import { collectProvenance, type DocumentFetcher, type ProvenanceSubject } from './provenance.ts';
import type { CommunityDependents, Enrichment, HuntedComponent, RegistryFactsSource } from './types.ts';
import { componentQueries, databaseVulnerabilitySource } from './vulnerabilities.ts';

/** Where the local data lives: the assay database (vulnerabilities, community index) named by --db or the env. */
export interface LocalData {
  readonly db?: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface EnrichOptions {
  /** Registry facts for the component checks; absent means they read "not checked". */
  readonly registry?: RegistryFactsSource;
  /** Set with --offline, so the report says why the registry was not asked. */
  readonly offline?: boolean;
  /** The clock the recency checks use. */
  readonly now?: Date;
  /** False skips the component facts altogether (the per-component scans of `--deep`). */
  readonly componentFacts?: boolean;
  /** A vulnerability look-up to use instead of the local database (tests inject one). */
  readonly vulnerabilities?: VulnerabilitySource;
  /** The local database and prevalence snapshots; without it no vulnerability or prevalence look-up happens. */
  readonly localData?: LocalData;
  /** A prevalence look-up to use instead of the local index and snapshots (tests inject one). */
  readonly prevalence?: PrevalenceLookup;
  /** Where linked attestations are fetched without registry checks (the proxy); see collectProvenance. */
  readonly documents?: DocumentFetcher;
}

/** What the scan is: its ecosystem, its components, and whether development components count. */
export interface EnrichSubject {
  readonly ecosystem: Ecosystem;
  readonly components: readonly HuntedComponent[];
  /**
   * Projects look up their development components too (they run on developers' machines and in CI); a
   * package's development dependencies are never installed by the people who install it.
   */
  readonly includeDev: boolean;
  /** The scanned artifact, when it came from a registry: its provenance is asked for with registry checks. */
  readonly artifact?: ProvenanceSubject;
}

export interface ScanEnrichment {
  /** Component facts the hunting policies judge (absent when skipped). */
  readonly components?: Enrichment;
  /** The vulnerability look-up (absent when the scan has no database and no injected source). */
  readonly vulnerabilities?: VulnerabilityContext;
  /** Community prevalence of behaviors and issues, for the report. */
  readonly prevalence: PrevalenceLookup;
}

/**
 * The index's dependents of the scan's components (its own ecosystem only: the look-up is per ecosystem), or
 * undefined when the index records no dependency edges.
 */
function communityOf(ecosystem: Ecosystem, prevalence: PrevalenceLookup): CommunityDependents | undefined {
  const { index, dependentsOf } = prevalence;
  if (index === null || dependentsOf === null) return undefined;
  return {
    ecosystem,
    indexed: index.packages.community,
    index: `${index.name}, built ${index.built.slice(0, 10)}`,
    dependentsOf,
  };
}

export async function enrich(subject: EnrichSubject, options: EnrichOptions = {}): Promise<ScanEnrichment> {
  const source =
    options.vulnerabilities ??
    (options.localData === undefined ? undefined : databaseVulnerabilitySource(options.localData));
  const prevalence =
    options.prevalence ??
    (options.localData === undefined
      ? NO_PREVALENCE
      : prevalenceLookup(subject.ecosystem, options.localData));
  // Registry look-ups wait on the network: they start first, and the local look-ups run meanwhile.
  const components =
    options.componentFacts === false
      ? undefined
      : collectComponentFacts(subject.components, {
          ...(options.registry === undefined ? {} : { registry: options.registry }),
          ...(options.offline === true ? { offline: true } : {}),
          ...(options.now === undefined ? {} : { now: options.now }),
          judgeDev: subject.includeDev,
          community: communityOf(subject.ecosystem, prevalence),
        });
  // Provenance verification overlaps the component look-ups; the previous version comes from the target's facts.
  const provenance =
    components === undefined || subject.artifact === undefined
      ? undefined
      : collectProvenance(
          subject.artifact,
          {
            ...(options.registry === undefined ? {} : { registry: options.registry }),
            ...(options.offline === true ? { offline: true } : {}),
            ...(options.documents === undefined ? {} : { documents: options.documents }),
          },
          components.then(
            (facts) => facts.components.find((entry) => entry.component.role === 'target')?.registry,
          ),
        );
  const [collected, vulnerabilities, provenanceFacts] = await Promise.all([
    components,
    // Findings are marked when CISA's catalog lists them as exploited in the wild.
    Promise.resolve()
      .then(() => source?.(componentQueries(subject.components, { includeDev: subject.includeDev })))
      .then(withKnownExploited),
    provenance,
  ]);
  const facts =
    collected === undefined || provenanceFacts === undefined
      ? collected
      : { ...collected, provenance: provenanceFacts };
  return {
    ...(facts === undefined ? {} : { components: facts }),
    ...(vulnerabilities === undefined ? {} : { vulnerabilities }),
    prevalence,
  };
}
