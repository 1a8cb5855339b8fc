import type { Location, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import type { IssueEvidence, Occurrence, Severity } from '../catalog/types.ts';
import { FINGERPRINT_KEY, rootRelativePath } from './fingerprint.ts';
import type { Report, ReportBehavior, ReportIssue, ReportSuppressionEntry } from './model.ts';
import { escapeForJson, truncate } from './sanitize.ts';

export interface SarifOptions {
  /**
   * Absolute URL of the folder holding the generated catalog docs (docs/behaviors/, docs/issues/). Without one
   * the rules carry their help text inline and no helpUri, since a relative link means nothing to a dashboard.
   */
  readonly docsBaseUrl?: string;
}

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Related locations per result: enough to review, bounded so one noisy rule cannot bloat the upload. */
const MAX_RELATED = 50;

/**
 * GitHub code scanning ranks security results by `security-severity` (a CVSS-like score given as a string):
 * above 9.0 is critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low.
 */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

const LEVEL: Record<Severity, Result.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

type RuleSource =
  | { kind: 'issue'; item: ReportIssue; suppression?: ReportSuppressionEntry }
  | { kind: 'behavior'; item: ReportBehavior };

function ruleFor(source: RuleSource, options: SarifOptions): ReportingDescriptor {
  const { item } = source;
  const full = source.kind === 'issue' ? source.item.problem : (source.item.description ?? item.title);
  const steps = source.kind === 'issue' ? source.item.nextSteps : [];
  const help = [full, ...(steps.length > 0 ? ['', 'Next steps:', ...steps.map((step) => `- ${step}`)] : [])];
  return {
    id: item.id,
    name: item.id,
    shortDescription: { text: item.title },
    fullDescription: { text: full },
    help: { text: help.join('\n'), markdown: help.join('\n') },
    ...(options.docsBaseUrl === undefined
      ? {}
      : {
          helpUri: `${options.docsBaseUrl.replace(/\/+$/, '')}/${source.kind === 'issue' ? 'issues' : 'behaviors'}/${item.id}.md`,
        }),
    defaultConfiguration: { level: LEVEL[item.severity] },
    properties: {
      tags: ['security', 'supply-chain', item.category, source.kind],
      'security-severity': SECURITY_SEVERITY[item.severity],
      precision: 'medium',
    },
  };
}

/** A URI reference for a path: each segment percent-encoded, so spaces, '#' or '%' in a package path stay a path. */
function pathUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function locationOf(
  report: Report,
  item: IssueEvidence | Occurrence,
  id: number | undefined,
  message: string | undefined,
): Location | undefined {
  if (item.file === undefined) return undefined;
  const line = item.line !== undefined && item.line >= 1 ? item.line : 1;
  const column = item.column !== undefined && item.column >= 1 ? { startColumn: item.column } : {};
  return {
    ...(id === undefined ? {} : { id }),
    physicalLocation: {
      artifactLocation: { uri: pathUri(rootRelativePath(report.target, item.file)) },
      region: { startLine: line, ...column },
    },
    ...(message ? { message: { text: message } } : {}),
  };
}

/** Every result needs a primary location: the first evidence with a file, else the scanned file itself. */
function primaryLocation(report: Report, items: readonly (IssueEvidence | Occurrence)[]): Location {
  for (const item of items) {
    const location = locationOf(report, item, undefined, undefined);
    if (location) return location;
  }
  const location = locationOf(
    report,
    { file: report.target.artifact.file, snippet: '' },
    undefined,
    undefined,
  );
  if (!location) throw new Error('unreachable: the target always has a file');
  return location;
}

function evidenceText(item: IssueEvidence | Occurrence): string {
  const parts = [
    'behavior' in item ? item.behavior : undefined,
    'component' in item ? item.component : undefined,
    item.field === undefined ? undefined : `[${item.field}]`,
    item.snippet ? truncate(item.snippet, 200) : undefined,
    item.detail ? truncate(item.detail, 200) : undefined,
  ].filter((part): part is string => part !== undefined && part !== '');
  return parts.join(' · ') || 'evidence';
}

function resultFor(
  report: Report,
  source: RuleSource,
  ruleIndex: number,
  items: readonly (IssueEvidence | Occurrence)[],
): Result {
  const { item } = source;
  const detail = source.kind === 'issue' ? source.item.detail : `${source.item.count} occurrence(s)`;
  const related = items
    .slice(0, MAX_RELATED)
    .map((evidence, index) => locationOf(report, evidence, index + 1, evidenceText(evidence)))
    .filter((location): location is Location => location !== undefined);
  const components = items.flatMap((evidence) =>
    'component' in evidence && evidence.component ? [evidence.component] : [],
  );
  return {
    ruleId: item.id,
    ruleIndex,
    level: LEVEL[item.severity],
    kind: 'fail',
    message: { text: detail ? `${item.title} ${detail}` : item.title },
    locations: [primaryLocation(report, items)],
    ...(related.length > 0 ? { relatedLocations: related } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: item.fingerprints?.finding ?? item.id },
    ...(source.kind === 'issue' && source.item.baselineState
      ? { baselineState: source.item.baselineState }
      : {}),
    ...(source.kind === 'issue' && source.suppression
      ? {
          suppressions: [
            {
              kind: 'external' as const,
              status: 'accepted' as const,
              justification: `${source.suppression.reason} (by ${source.suppression.by}, until ${source.suppression.expires}, ${source.suppression.origin})`,
            },
          ],
        }
      : {}),
    properties: {
      severity: item.severity,
      category: item.category,
      ...(components.length > 0 ? { components: [...new Set(components)].slice(0, MAX_RELATED) } : {}),
      ...(items.length > MAX_RELATED ? { evidenceNotShown: items.length - MAX_RELATED } : {}),
    },
  };
}

function notifications(report: Report): Notification[] {
  const { completeness } = report;
  return [
    ...completeness.limitHits.map((hit) => ({
      level: 'warning' as const,
      message: { text: `Limit reached: ${hit.limit} (max ${hit.max}, seen ${hit.observed}): ${hit.detail}` },
    })),
    ...completeness.detectorErrors.map((error) => ({
      level: 'error' as const,
      message: { text: `Detector error in ${error.id}: ${error.message}` },
    })),
    ...completeness.analysisProblems.slice(0, MAX_RELATED).map((problem) => ({
      level: 'note' as const,
      message: { text: `${problem.file}: ${problem.kind}: ${problem.message}` },
    })),
  ];
}

/** SARIF 2.1.0 for code-scanning dashboards: one rule per issue and behavior id present, one result per finding. */
export function renderSarif(report: Report, options: SarifOptions = {}): string {
  const sources: RuleSource[] = [
    ...report.issues.map((item) => ({ kind: 'issue' as const, item })),
    // Suppressed findings stay in the log, marked: dashboards show them as dismissed with the reason.
    ...(report.policy?.suppressed ?? []).map(({ entry, issue }) => ({
      kind: 'issue' as const,
      item: issue,
      suppression: entry,
    })),
    ...report.behaviors.map((item) => ({ kind: 'behavior' as const, item })),
  ];
  const ruleIds = [...new Set(sources.map((source) => source.item.id))];
  const rules = ruleIds.map((id) =>
    ruleFor(sources.find((source) => source.item.id === id) as RuleSource, options),
  );
  const results = sources.map((source) =>
    resultFor(
      report,
      source,
      ruleIds.indexOf(source.item.id),
      source.kind === 'issue' ? source.item.evidence : source.item.occurrences,
    ),
  );
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'assay',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            ...(options.docsBaseUrl === undefined ? {} : { informationUri: options.docsBaseUrl }),
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: report.completeness.complete,
            toolExecutionNotifications: notifications(report),
          },
        ],
        results,
        properties: {
          target: `${report.target.ecosystem}:${report.target.name}@${report.target.version}`,
          verdict: report.verdict.level,
          complete: report.completeness.complete,
        },
      },
    ],
  };
  return `${JSON.stringify(log, (_key, value: unknown) => (typeof value === 'string' ? escapeForJson(value) : value), 2)}\n`;
}
