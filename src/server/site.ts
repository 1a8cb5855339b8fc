/** What the pages and the API both read: one place builds each model, the two only render it. */
import type { BehaviorDefinition, IssueEvidence, Occurrence, PolicyDefinition } from '../catalog/types.ts';
import type { Ecosystem } from '../metadata/types.ts';
import type { Report } from '../report/model.ts';
import { parseTarget } from '../sources/target.ts';
import { ECOSYSTEMS, type FindingKind, type PackageRef, type SiteIndex } from './data/types.ts';
import { type Catalog, catalogMaps, type PackageView, packageView } from './package-view.ts';
import type { ReportArchive } from './reports.ts';
import type { CatalogEntryView, CatalogItemModel } from './views/catalog.ts';
import type { Excerpt } from './views/evidence.ts';
import type { HomeModel } from './views/home.ts';

/** Reads the lines around an occurrence from the scanned artifact, when the server has it at hand. */
export type ExcerptReader = (report: Report, file: string, line: number) => Promise<Excerpt | null>;

export interface SiteOptions {
  readonly index: SiteIndex;
  readonly reports: ReportArchive;
  readonly behaviors: readonly BehaviorDefinition[];
  readonly policies: readonly PolicyDefinition[];
  readonly excerpt?: ExcerptReader;
}

export interface EvidenceLookup {
  readonly view: PackageView;
  readonly title: string;
  readonly item: Occurrence | IssueEvidence;
  readonly excerpt: Excerpt | null;
}

const RECENT = 20;
const SHOWING = 20;
export const SEARCH_LIMIT = 50;

function behaviorEntry(d: BehaviorDefinition): CatalogEntryView {
  return {
    kind: 'behavior',
    id: d.id,
    title: d.title,
    category: d.category,
    severity: d.severity,
    description: d.description,
    problem: d.problem,
    nextSteps: d.nextSteps,
    references: { ...d.references },
  };
}

function policyEntry(d: PolicyDefinition): CatalogEntryView {
  return {
    kind: 'issue',
    id: d.id,
    title: d.title,
    category: d.category,
    severity: d.severity,
    description: d.description,
    problem: d.problem,
    nextSteps: d.nextSteps,
    riskLabel: d.riskLabel,
    references: { ...d.references },
    uses: d.uses,
  };
}

export class Site {
  readonly index: SiteIndex;
  readonly reports: ReportArchive;
  readonly catalog: Catalog;
  readonly entries: readonly CatalogEntryView[];
  readonly #excerpt: ExcerptReader | undefined;

  constructor(options: SiteOptions) {
    this.index = options.index;
    this.reports = options.reports;
    this.catalog = catalogMaps(options.behaviors, options.policies);
    this.entries = [...options.policies.map(policyEntry), ...options.behaviors.map(behaviorEntry)];
    this.#excerpt = options.excerpt;
  }

  async home(): Promise<HomeModel> {
    const [sources, indexed, recent] = await Promise.all([
      this.index.sources(),
      this.index.indexedCounts(),
      this.index.recent(RECENT),
    ]);
    return { sources, indexed, recent };
  }

  /**
   * An exact package named by a purl or `npm:`/`pypi:` form (for a redirect), else null. A plain word is a
   * name search, never a path: parseTarget would read it as a local file.
   */
  exactTarget(query: string): { ecosystem: Ecosystem; name: string; version?: string } | null {
    const text = query.trim();
    if (!/^(pkg:|npm:|pypi:)/i.test(text)) return null;
    try {
      const target = parseTarget(text);
      if (target.kind !== 'registry') return null;
      const version = target.version;
      // A PyPI specifier (>=1.0) is not one version.
      const exact = version !== undefined && !/^[<>=!~]/.test(version) ? version : undefined;
      return {
        ecosystem: target.ecosystem,
        name: target.name,
        ...(exact === undefined ? {} : { version: exact }),
      };
    } catch {
      return null;
    }
  }

  async search(query: string, ecosystem: Ecosystem | null): Promise<readonly PackageRef[]> {
    const exact = this.exactTarget(query);
    if (exact !== null) return this.index.search(exact.name, exact.ecosystem, SEARCH_LIMIT);
    return this.index.search(query, ecosystem, SEARCH_LIMIT);
  }

  async package(ecosystem: Ecosystem, name: string, version?: string): Promise<PackageView | null> {
    return packageView(
      this.index,
      this.reports.reports(ecosystem, name),
      this.catalog,
      ecosystem,
      name,
      version,
    );
  }

  entry(kind: FindingKind, id: string): CatalogEntryView | null {
    const definition = kind === 'behavior' ? this.catalog.behaviors.get(id) : this.catalog.policies.get(id);
    if (definition === undefined) return null;
    return definition.kind === 'behavior' ? behaviorEntry(definition) : policyEntry(definition);
  }

  async catalogItem(kind: FindingKind, id: string): Promise<CatalogItemModel | null> {
    const entry = this.entry(kind, id);
    if (entry === null) return null;
    const ecosystems = await Promise.all(
      ECOSYSTEMS.map(async (ecosystem) => ({
        ecosystem,
        prevalence: await this.index.prevalence(ecosystem, kind, id),
        packages: await this.index.packagesShowing(ecosystem, kind, id, SHOWING),
      })),
    );
    return { entry, ecosystems };
  }

  /** The n-th evidence item of a behavior or issue of a package version with a full report. */
  async evidence(
    ecosystem: Ecosystem,
    name: string,
    version: string,
    kind: FindingKind,
    id: string,
    n: number,
  ): Promise<EvidenceLookup | null> {
    const report = this.reports.get(ecosystem, name, version);
    if (report === null) return null;
    const view = await this.package(ecosystem, name, version);
    if (view === null) return null;
    const found =
      kind === 'behavior'
        ? report.behaviors.find((b) => b.id === id)
        : report.issues.find((i) => i.id === id);
    if (found === undefined) return null;
    const items: readonly (Occurrence | IssueEvidence)[] =
      'occurrences' in found ? found.occurrences : found.evidence;
    const item = items[n];
    if (item === undefined) return null;
    const excerpt =
      this.#excerpt !== undefined && item.file !== undefined && item.line !== undefined
        ? await this.#excerpt(report, item.file, item.line).catch(() => null)
        : null;
    return { view, title: found.title, item, excerpt };
  }
}
