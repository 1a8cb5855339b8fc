/**
 * What a package page and its API twin show, built either from a full report (with evidence) or, when
 * the server holds no report for the version, from the index's ids and counts and the catalog's text.
 * The second is marked `fromIndex`: its verdict uses the catalog severities (a scan may raise or lower
 * an issue's severity), and it has no evidence until the package is scanned again.
 */
import { type VerdictLevel, verdictFor } from '../catalog/engine.ts';
import type { BehaviorDefinition, IssueEvidence, Occurrence, PolicyDefinition } from '../catalog/types.ts';
import { toPrevalence } from '../community/index/bands.ts';
import type { Ecosystem } from '../metadata/types.ts';
import type {
  Prevalence,
  Report,
  ReportComponent,
  ReportIssue,
  ReportVulnerability,
} from '../report/model.ts';
import type { IndexedPackage, IndexedVersion, SiteIndex, TierCounts } from './data/types.ts';

export interface Catalog {
  readonly behaviors: ReadonlyMap<string, BehaviorDefinition>;
  readonly policies: ReadonlyMap<string, PolicyDefinition>;
}

export interface Denominators {
  readonly name: string;
  readonly packages: TierCounts;
  readonly built: string;
}

export interface IssueView extends Omit<ReportIssue, 'evidence'> {
  /** null: not stored for this version (index-only view). */
  readonly evidence: readonly IssueEvidence[] | null;
}

export interface BehaviorView {
  readonly id: string;
  readonly title: string;
  readonly category: string;
  readonly severity: string;
  readonly count: number;
  readonly occurrences: readonly Occurrence[] | null;
  readonly prevalence: Prevalence | null;
}

export interface VersionSummary {
  readonly version: string;
  readonly indexedAt: string | null;
  readonly verdict: VerdictLevel | null;
  /** Whether the server holds the full report (with evidence) for this version. */
  readonly report: boolean;
}

export interface PackageView {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly version: string;
  readonly fromIndex: boolean;
  readonly verdict: {
    readonly level: VerdictLevel;
    readonly reasons: readonly {
      readonly issue: string;
      readonly severity: string;
      readonly title: string;
    }[];
  };
  readonly complete: boolean;
  readonly artifact: { readonly file: string; readonly sha256: string; readonly size: number } | null;
  readonly analyzerVersion: string | null;
  readonly scannedAt: string | null;
  readonly issues: readonly IssueView[];
  readonly behaviors: readonly BehaviorView[];
  /** null: not known without a full report. */
  readonly vulnerabilities: readonly ReportVulnerability[] | null;
  readonly components: readonly ReportComponent[] | null;
  readonly dependents: number | null;
  readonly prevalenceIndex: Denominators | null;
  readonly versions: readonly VersionSummary[];
}

export function catalogMaps(
  behaviors: readonly BehaviorDefinition[],
  policies: readonly PolicyDefinition[],
): Catalog {
  return {
    behaviors: new Map(behaviors.map((b) => [b.id, b])),
    policies: new Map(policies.map((p) => [p.id, p])),
  };
}

/** The verdict of an indexed version from its issue ids and the catalog severities. */
export function estimatedVerdict(version: IndexedVersion, catalog: Catalog): PackageView['verdict'] {
  const issues = version.findings
    .filter((f) => f.kind === 'issue')
    .flatMap((f) => {
      const definition = catalog.policies.get(f.id);
      return definition === undefined
        ? []
        : [{ id: f.id, severity: definition.severity, finding: { evidence: [] } }];
    });
  const verdict = verdictFor(issues);
  return {
    level: verdict.level,
    reasons: verdict.reasons.map((r) => ({
      issue: r.issue,
      severity: r.severity,
      title: catalog.policies.get(r.issue)?.title ?? r.issue,
    })),
  };
}

function versionList(
  indexed: IndexedPackage | null,
  reports: ReadonlyMap<string, Report>,
  catalog: Catalog,
): VersionSummary[] {
  const out: VersionSummary[] = [];
  const seen = new Set<string>();
  for (const v of indexed?.versions ?? []) {
    seen.add(v.version);
    const report = reports.get(v.version);
    out.push({
      version: v.version,
      indexedAt: v.indexedAt,
      verdict: report?.verdict.level ?? estimatedVerdict(v, catalog).level,
      report: report !== undefined,
    });
  }
  for (const [version, report] of reports) {
    if (!seen.has(version)) {
      out.push({ version, indexedAt: null, verdict: report.verdict.level, report: true });
    }
  }
  return out;
}

function fromReport(
  report: Report,
  indexed: IndexedPackage | null,
  reports: ReadonlyMap<string, Report>,
  catalog: Catalog,
): PackageView {
  const index = report.data.prevalenceIndex;
  return {
    ecosystem: report.target.ecosystem,
    name: report.target.name,
    version: report.target.version,
    fromIndex: false,
    verdict: report.verdict,
    complete: report.completeness.complete,
    artifact: report.target.artifact,
    analyzerVersion: report.tool.version,
    scannedAt: report.generatedAt,
    issues: report.issues,
    behaviors: report.behaviors,
    vulnerabilities: report.vulnerabilities,
    components: report.components ?? [],
    dependents: indexed?.dependents ?? null,
    prevalenceIndex:
      index === null ? null : { name: index.name, packages: index.packages, built: index.built },
    versions: versionList(indexed, reports, catalog),
  };
}

async function fromIndex(
  index: SiteIndex,
  indexed: IndexedPackage,
  version: IndexedVersion,
  reports: ReadonlyMap<string, Report>,
  catalog: Catalog,
): Promise<PackageView> {
  const ecosystem = indexed.ecosystem;
  let denominators: Denominators | null = null;
  const prevalenceOf = async (kind: 'behavior' | 'issue', id: string): Promise<Prevalence | null> => {
    const found = await index.prevalence(ecosystem, kind, id);
    if (found === null) return null;
    denominators ??= { name: found.source.name, packages: found.source.packages, built: found.source.built };
    return found.counts === null ? null : toPrevalence(found.counts, found.source.packages);
  };
  const issues: IssueView[] = [];
  const behaviors: BehaviorView[] = [];
  for (const finding of version.findings) {
    if (finding.kind === 'issue') {
      const d = catalog.policies.get(finding.id);
      if (d === undefined) continue;
      issues.push({
        id: d.id,
        title: d.title,
        category: d.category,
        severity: d.severity,
        riskLabel: d.riskLabel,
        problem: d.problem,
        nextSteps: d.nextSteps,
        references: d.references,
        evidence: null,
        prevalence: await prevalenceOf('issue', d.id),
      });
    } else {
      const d = catalog.behaviors.get(finding.id);
      if (d === undefined) continue;
      behaviors.push({
        id: d.id,
        title: d.title,
        category: d.category,
        severity: d.severity,
        count: finding.count,
        occurrences: null,
        prevalence: await prevalenceOf('behavior', d.id),
      });
    }
  }
  const rank = (s: string) => ['info', 'low', 'medium', 'high', 'critical'].indexOf(s);
  issues.sort((a, b) => rank(b.severity) - rank(a.severity) || a.id.localeCompare(b.id));
  behaviors.sort(
    (a, b) => rank(b.severity) - rank(a.severity) || b.count - a.count || a.id.localeCompare(b.id),
  );
  return {
    ecosystem,
    name: indexed.name,
    version: version.version,
    fromIndex: true,
    verdict: estimatedVerdict(version, catalog),
    complete: version.complete,
    artifact:
      version.artifact === null
        ? null
        : { file: version.artifact.filename, sha256: version.artifact.sha256, size: version.artifact.size },
    analyzerVersion: version.analyzerVersion,
    scannedAt: version.indexedAt,
    issues,
    behaviors,
    vulnerabilities: null,
    components: null,
    dependents: indexed.dependents,
    prevalenceIndex: denominators,
    versions: versionList(indexed, reports, catalog),
  };
}

/**
 * The page of a package at `version` (its latest indexed version, or newest report, when omitted), or null
 * when neither the index nor the server's reports know it.
 */
export async function packageView(
  index: SiteIndex,
  reports: ReadonlyMap<string, Report>,
  catalog: Catalog,
  ecosystem: Ecosystem,
  name: string,
  version: string | undefined,
): Promise<PackageView | null> {
  const indexed = await index.package(ecosystem, name);
  const wanted =
    version ??
    indexed?.latest ??
    [...reports.values()].sort((a, b) => b.generatedAt.localeCompare(a.generatedAt))[0]?.target.version;
  if (wanted === undefined) return null;
  const report = reports.get(wanted);
  if (report !== undefined) return fromReport(report, indexed, reports, catalog);
  const entry = indexed?.versions.find((v) => v.version === wanted);
  if (indexed === null || entry === undefined) return null;
  return fromIndex(index, indexed, entry, reports, catalog);
}
