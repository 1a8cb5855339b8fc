import type { PackageFacts } from '../analysis/types.ts';
import type { Enrichment } from '../enrich/types.ts';
import type { PackageSnapshot } from '../metadata/snapshot.ts';
import type { VulnerabilityContext } from '../vulns/types.ts';

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export const SEVERITY_ORDER: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export type BehaviorCategory =
  | 'network'
  | 'file'
  | 'execution'
  | 'settings'
  | 'search'
  | 'behavior'
  | 'anomaly'
  | 'permissions'
  | 'evasion'
  | 'sensitive-data'
  | 'persistence'
  | 'metadata'
  | 'secrets'
  | 'serialized-data'
  | 'licenses';

export type IssueCategory =
  | 'hunting'
  | 'malware'
  | 'tampering'
  | 'vulnerabilities'
  | 'secrets'
  | 'licenses'
  | 'integrity';

/**
 * Equivalent ids in other public catalogs. Ids are facts; their wording is never copied.
 * reversinglabs: policy ids such as TH17115; guarddog: rule names; cwe: CWE-94 …
 */
export interface CatalogReferences {
  readonly reversinglabs?: readonly string[];
  readonly guarddog?: readonly string[];
  readonly cwe?: readonly string[];
  readonly mitreAttack?: readonly string[];
}

/** Where a finding was seen. A behavior occurrence needs a file and a line, or a metadata field. */
export interface Occurrence {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** For metadata findings: the field ('Home-page', 'project_urls.Source'). */
  readonly field?: string;
  /** The matched text (escaped only by renderers). */
  readonly snippet: string;
  /** A short note on what matched ('URL uses port 8080 with http'). */
  readonly detail?: string;
}

export interface DetectionContext {
  readonly snapshot: PackageSnapshot;
  readonly facts: PackageFacts;
  /**
   * Facts about each component (the package and its declared dependencies, or a project's components)
   * collected before judging: snapshot data and, when the registry was asked, registry facts.
   */
  readonly enrichment?: Enrichment;
  /**
   * Known vulnerabilities of the same components, looked up in the local OSV database before judging;
   * absent when the scan was given no look-up, `database: null` when no database has been imported.
   */
  readonly vulnerabilities?: VulnerabilityContext;
}

interface CatalogText {
  /** kebab-case; also the file name, the docs slug and the SARIF ruleId. */
  readonly id: string;
  /** One sentence, as it reads in a report: 'Renames a file or directory.' */
  readonly title: string;
  /** What is detected and how, for the catalog docs. */
  readonly description: string;
  /** Why it can matter: the Problem paragraph. */
  readonly problem: string;
  /** What a reader should do about it, one step per entry. */
  readonly nextSteps: readonly string[];
  readonly severity: Severity;
  readonly references: CatalogReferences;
}

export interface BehaviorDefinition extends CatalogText {
  readonly kind: 'behavior';
  readonly category: BehaviorCategory;
  readonly ecosystems: readonly ('pypi' | 'npm')[];
  /** Pure: facts in, occurrences out. Must not throw on odd input; a throw is reported as a detector error. */
  detect(context: DetectionContext): readonly Occurrence[];
}

export interface BehaviorHit {
  readonly id: string;
  readonly occurrences: readonly Occurrence[];
}

/** The outcome of one detector: hits, or the error it threw (the scan goes on). */
export type DetectorOutcome =
  | { readonly status: 'hit'; readonly hit: BehaviorHit }
  | { readonly status: 'clear'; readonly id: string }
  | { readonly status: 'error'; readonly id: string; readonly message: string };

/** Evidence of an issue: behaviors it combines, with their occurrences, or metadata / component facts. */
export interface IssueEvidence {
  readonly behavior?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly field?: string;
  readonly snippet?: string;
  /** For component-level issues: 'pkg:pypi/requests@2.0.0'. */
  readonly component?: string;
  readonly detail?: string;
}

/**
 * A judgement over code facts that a policy needs but that the report does not list as a behavior: where each file
 * runs, which calls run decoded or downloaded text, the commands an install script starts. It lives in the behaviors
 * layer (src/behaviors/signals/), is pure over the facts like a behavior, and is computed at most once per scan,
 * when a policy first asks for it. Policies read signals and behaviors, never the facts themselves.
 */
export interface SignalDefinition<T> {
  readonly kind: 'signal';
  /** kebab-case, unique among signals; listed in the `signals` of every policy that reads it. */
  readonly id: string;
  /** What the signal tells, for the catalog docs. */
  readonly description: string;
  derive(context: DetectionContext): T;
}

/** What a policy may read: the package's metadata and enrichment, its behavior hits, and signals. */
export interface PolicyContext {
  readonly snapshot: PackageSnapshot;
  readonly enrichment?: Enrichment;
  readonly vulnerabilities?: VulnerabilityContext;
  readonly behaviors: ReadonlyMap<string, BehaviorHit>;
  /** The value of a signal for this package (computed once per scan, shared by every policy). */
  signal<T>(definition: SignalDefinition<T>): T;
}

export interface IssueFinding {
  readonly evidence: readonly IssueEvidence[];
  /** Specific sentence for this package ('Runs curl in setup.py at install time'). */
  readonly detail?: string;
  /** Overrides the definition's severity when the evidence makes it worse or milder. */
  readonly severity?: Severity;
}

export interface PolicyDefinition extends CatalogText {
  readonly kind: 'policy';
  readonly category: IssueCategory;
  /** Short risk label: 'Causes risk: components prone to hijacking'. */
  readonly riskLabel: string;
  /**
   * Behavior ids this policy reads. With `signals`, everything it reads: test/catalog/policy-reads.test.ts fails when a
   * policy reads a behavior or a signal it does not list, or lists one that does not exist.
   */
  readonly uses: readonly string[];
  /** The signals this policy reads (src/behaviors/signals/), if any. */
  readonly signals?: readonly SignalDefinition<unknown>[];
  evaluate(context: PolicyContext): IssueFinding | null;
}

export interface Issue {
  readonly id: string;
  readonly severity: Severity;
  readonly finding: IssueFinding;
}

/** The behaviors and policies a scan runs: the registries by default, a subset in tests. */
export interface Catalog {
  readonly behaviors: readonly BehaviorDefinition[];
  readonly policies: readonly PolicyDefinition[];
}
