import { createHash } from 'node:crypto';
import type { PackageFile } from '../artifacts/types.ts';
import { MAX_OCCURRENCES } from '../behaviors/lib/occurrence.ts';
import { formerIds } from '../catalog/aliases.ts';
import { severityRank } from '../catalog/engine.ts';
import type { BehaviorDefinition, PolicyDefinition } from '../catalog/types.ts';
import type { Enrichment } from '../enrich/types.ts';
import type { ScanResult } from '../scan/types.ts';
import { isCoverageGap } from './completeness.ts';
import { componentHashes } from './component-hashes.ts';
import { reportEndpoints } from './endpoints.ts';
import { fingerprintsOf } from './fingerprint.ts';
import type {
  DataSourceUsed,
  Report,
  ReportBehavior,
  ReportComponent,
  ReportIssue,
  VulnerabilityCoverage,
} from './model.ts';
import { REPORT_SCHEMA_VERSION } from './model.ts';
import { reportVulnerabilities } from './vulnerabilities.ts';

/** Occurrences of one behavior kept as evidence in a report (the count covers them all). */
export const REPORTED_OCCURRENCES = 50;

export interface ReportContext {
  readonly toolVersion: string;
  readonly behaviors: readonly BehaviorDefinition[];
  readonly policies: readonly PolicyDefinition[];
  readonly snapshots?: readonly DataSourceUsed[];
  readonly now?: Date;
}

/** What the report says of the scanned subject: a package's files, metadata and facts, or a project's manifests. */
function subjectParts(result: ScanResult): Pick<Report, 'target' | 'metadata'> & {
  readonly limitHits: Report['completeness']['limitHits'];
  readonly analysisProblems: Report['completeness']['analysisProblems'];
  readonly stats: Omit<Report['stats'], 'durationMs'>;
  readonly project?: Report['project'];
} {
  if (result.subject === 'project') {
    const { ecosystem, name, artifact, files, used, notes, deep, problems } = result.project;
    return {
      // Schema 1.x names a project's version 'project': consumers of the JSON tell projects apart by it.
      target: { ecosystem, name, version: 'project', artifact },
      metadata: { sources: [], conflicts: [], dependencies: 0 },
      limitHits: [],
      analysisProblems: problems,
      stats: { files: 0, bytes: 0, sourceFiles: 0 },
      project: { files, used, notes, ...(deep === undefined ? {} : { deep }) },
    };
  }
  const { snapshot, facts } = result;
  return {
    target: {
      ecosystem: snapshot.ecosystem,
      name: snapshot.name,
      version: snapshot.version,
      ...(snapshot.metadata.license ? { license: snapshot.metadata.license } : {}),
      artifact: snapshot.artifact,
    },
    metadata: {
      sources: snapshot.metadata.sources,
      conflicts: snapshot.metadata.conflicts,
      dependencies: snapshot.metadata.dependencies.length,
    },
    limitHits: snapshot.limitHits,
    analysisProblems: facts.problems,
    stats: {
      files: snapshot.files.length,
      bytes: snapshot.files.reduce((sum, file) => sum + file.data.length, 0),
      sourceFiles: facts.sources.length,
    },
  };
}

/** The component list of the report: each component's version, source, popularity and the issues naming it. */
export function reportComponents(
  enrichment: Enrichment,
  issues: readonly { readonly id: string; readonly evidence: readonly { readonly component?: string }[] }[],
): ReportComponent[] {
  const issuesOf = new Map<string, Set<string>>();
  for (const issue of issues) {
    for (const item of issue.evidence) {
      if (item.component === undefined) continue;
      const set = issuesOf.get(item.component) ?? new Set<string>();
      set.add(issue.id);
      issuesOf.set(item.component, set);
    }
  }
  return enrichment.components.map((facts) => {
    const c = facts.component;
    const versionKind =
      c.version !== undefined && c.pinned ? 'resolved' : c.specifier ? 'specifier' : 'unspecified';
    const p = facts.popularity;
    const hashes = componentHashes(c.integrity ?? []);
    return {
      purl: facts.purl,
      ecosystem: c.ecosystem,
      name: c.name,
      ...(c.version === undefined ? {} : { version: c.version }),
      ...(c.specifier === undefined ? {} : { specifier: c.specifier }),
      versionKind,
      source: c.source,
      ...(c.url === undefined ? {} : { url: c.url }),
      ...(c.license === undefined ? {} : { license: c.license }),
      ...(hashes.length === 0 ? {} : { hashes }),
      dev: c.dev,
      direct: c.direct,
      role: c.role,
      declaredIn: c.declaredIn,
      popularity:
        p.status === 'known'
          ? { status: 'known', tier: p.tier, rank: p.rank, source: p.source }
          : { status: 'unknown', coveredDownTo: p.coveredDownTo.description, source: p.source },
      registry: facts.registry.status === 'checked' ? 'checked' : facts.registry.message,
      issues: [...(issuesOf.get(facts.purl) ?? [])].sort(),
    };
  });
}

/** Turns a scan result into the one report model every renderer reads. */
export function buildReport(result: ScanResult, context: ReportContext): Report {
  const subject = subjectParts(result);
  const behaviorById = new Map(context.behaviors.map((definition) => [definition.id, definition]));
  const policyById = new Map(context.policies.map((definition) => [definition.id, definition]));
  // An index built before a rename counts the finding under its former id.
  const prevalenceOf = (kind: 'behavior' | 'issue', id: string) =>
    result.prevalence.prevalenceOf(kind, id) ??
    formerIds(id).reduce<ReturnType<typeof result.prevalence.prevalenceOf>>(
      (found, former) => found ?? result.prevalence.prevalenceOf(kind, former),
      null,
    );

  const behaviors: ReportBehavior[] = result.behaviors.map((hit) => {
    const definition = behaviorById.get(hit.id);
    if (!definition) throw new Error(`behavior '${hit.id}' is not in the registry`);
    // The count is the true one; the evidence is the first occurrences, and the report says when it is cut.
    const kept = hit.occurrences.slice(0, REPORTED_OCCURRENCES);
    return {
      id: hit.id,
      title: definition.title,
      description: definition.description,
      category: definition.category,
      severity: definition.severity,
      count: hit.occurrences.length,
      occurrences: kept,
      ...(kept.length < hit.occurrences.length ? { evidenceTruncated: true as const } : {}),
      ...(hit.occurrences.length >= MAX_OCCURRENCES ? { countIsLowerBound: true as const } : {}),
      prevalence: prevalenceOf('behavior', hit.id),
      fingerprints: fingerprintsOf(hit.id, subject.target, kept),
    };
  });
  behaviors.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) || b.count - a.count || a.id.localeCompare(b.id),
  );

  const issues: ReportIssue[] = result.issues.map((issue) => {
    const definition = policyById.get(issue.id);
    if (!definition) throw new Error(`policy '${issue.id}' is not in the registry`);
    return {
      id: issue.id,
      title: definition.title,
      category: definition.category,
      severity: issue.severity,
      riskLabel: definition.riskLabel,
      problem: definition.problem,
      nextSteps: definition.nextSteps,
      ...(issue.finding.detail === undefined ? {} : { detail: issue.finding.detail }),
      references: definition.references,
      evidence: issue.finding.evidence,
      prevalence: prevalenceOf('issue', issue.id),
      fingerprints: fingerprintsOf(issue.id, subject.target, issue.finding.evidence),
    };
  });

  const detectorErrors = [
    ...result.detectorOutcomes.flatMap((outcome) =>
      outcome.status === 'error' ? [{ id: outcome.id, message: outcome.message }] : [],
    ),
    ...result.policyErrors,
  ];
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'assay', version: context.toolVersion },
    generatedAt: (context.now ?? new Date()).toISOString(),
    target: subject.target,
    verdict: {
      level: result.verdict.level,
      reasons: result.verdict.reasons.map((reason) => ({
        ...reason,
        title: policyById.get(reason.issue)?.title ?? reason.issue,
      })),
    },
    issues,
    behaviors,
    vulnerabilities: reportVulnerabilities(result.vulnerabilities, subject.target.ecosystem),
    vulnerabilityCoverage: vulnerabilityCoverage(
      subject.target.ecosystem,
      result.vulnerabilities?.database ?? null,
    ),
    completeness: {
      complete:
        subject.limitHits.length === 0 &&
        // A project's problems are manifests or includes that could not be read: each leaves components unlisted.
        !subject.analysisProblems.some((p) => result.subject === 'project' || isCoverageGap(p)) &&
        detectorErrors.length === 0 &&
        // Advisories from an import that did not finish: the vulnerability list may be short.
        result.vulnerabilities?.database?.complete !== false,
      limitHits: subject.limitHits,
      analysisProblems: subject.analysisProblems,
      detectorErrors,
    },
    metadata: subject.metadata,
    data: {
      prevalenceIndex: result.prevalence.index,
      vulnerabilityDatabase: result.vulnerabilities?.database ?? null,
      snapshots: [
        ...(context.snapshots ?? result.enrichment?.snapshots ?? []),
        // The KEV catalog is named whenever the findings were compared with it.
        ...(result.vulnerabilities?.knownExploitedCatalog
          ? [
              {
                name: 'known-exploited-vulnerabilities',
                source: `${result.vulnerabilities.knownExploitedCatalog.source} ${result.vulnerabilities.knownExploitedCatalog.catalogVersion}`,
                date: result.vulnerabilities.knownExploitedCatalog.dateReleased,
              },
            ]
          : []),
      ],
    },
    ...(result.enrichment === undefined
      ? {}
      : {
          components: reportComponents(result.enrichment, issues),
          componentChecks: { registry: result.enrichment.registry, checkedAt: result.enrichment.now },
        }),
    ...(subject.project === undefined ? {} : { project: subject.project }),
    ...endpointsPart(result),
    evidenceFiles: evidenceFileHashes(result.subject === 'package' ? result.snapshot.files : [], issues),
    stats: { ...subject.stats, durationMs: Math.round(result.durationMs) },
  };
}

function endpointsPart(result: ScanResult): Pick<Report, 'endpoints' | 'endpointsTruncated'> {
  if (result.subject !== 'package') return {};
  const { endpoints, truncated } = reportEndpoints(result.facts.urls);
  return { endpoints, ...(truncated ? { endpointsTruncated: true } : {}) };
}

/** Hashes of the package files that issues point at, so a suppression can name the exact file it accepted. */
function evidenceFileHashes(
  files: readonly PackageFile[],
  issues: readonly ReportIssue[],
): { path: string; sha256: string }[] {
  const named = new Set(issues.flatMap((issue) => issue.evidence.flatMap((item) => item.file ?? [])));
  return files
    .filter((file) => named.has(file.path))
    .map((file) => ({ path: file.path, sha256: createHash('sha256').update(file.data).digest('hex') }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** What the database could say about this ecosystem, so that an empty list is never read as "checked and clean". */
export function vulnerabilityCoverage(
  ecosystem: string,
  database: Report['data']['vulnerabilityDatabase'],
): VulnerabilityCoverage {
  if (database === null) return { status: 'no-database', ecosystem, advisories: 0, databaseEcosystems: [] };
  const held = (database.ecosystems ?? []).filter((e) => e.records > 0);
  // An older caller that does not say which ecosystems it holds: trust that it covers this one.
  if (database.ecosystems === undefined)
    return { status: 'checked', ecosystem, advisories: database.records, databaseEcosystems: [] };
  const mine = held.find((e) => e.ecosystem.toLowerCase() === ecosystem.toLowerCase());
  return {
    status: mine === undefined ? 'no-advisories-for-ecosystem' : 'checked',
    ecosystem,
    advisories: mine?.records ?? 0,
    databaseEcosystems: held.map((e) => e.ecosystem),
  };
}
