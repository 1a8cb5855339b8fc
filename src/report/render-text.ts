import pc from 'picocolors';
import type { Occurrence, Severity } from '../catalog/types.ts';
import { formatCount } from '../core/format-count.ts';
import type { Prevalence, Report, ReportIssue } from './model.ts';
import { policyLines } from './policy-lines.ts';
import { escapeForTerminal, truncate } from './sanitize.ts';

export interface TextOptions {
  readonly color: boolean;
  /** Evidence lines shown per behavior or issue. */
  readonly maxEvidence: number;
  readonly width: number;
}

const ECOSYSTEM_LABEL = { pypi: 'PyPI', npm: 'npm' } as const;

/** Every package-controlled string goes through here before it reaches the terminal. */
function safe(text: string, max = 200): string {
  return escapeForTerminal(truncate(text, max));
}

function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\n+/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line !== '' && indent.length + line.length + 1 + word.length > width) {
        lines.push(indent + line);
        line = word;
      } else {
        line = line === '' ? word : `${line} ${word}`;
      }
    }
    if (line !== '') lines.push(indent + line);
  }
  return lines;
}

export function formatLocation(item: {
  file?: string;
  line?: number;
  column?: number;
  field?: string;
}): string {
  const file = item.file ?? '';
  if (item.line !== undefined)
    return `${file}:${item.line}${item.column === undefined ? '' : `:${item.column}`}`;
  if (item.field !== undefined) return file === '' ? `[${item.field}]` : `${file} [${item.field}]`;
  return file;
}

export function formatPrevalence(prevalence: Prevalence | null, kind: 'behavior' | 'issue'): string[] {
  if (prevalence === null) {
    return [
      kind === 'behavior'
        ? 'No behavior prevalence information at this time'
        : 'No prevalence information at this time',
    ];
  }
  const band = {
    common: 'Often found in this community (Common)',
    uncommon: 'Sometimes found in this community (Uncommon)',
    rare: 'Seldom found in this community (Rare)',
    unrated: 'Too few packages indexed to rate how common this is',
  }[prevalence.band];
  return [band, formatTierFigures(prevalence)];
}

const TIER_LABELS = [
  ['top100', 'Top 100', 100],
  ['top1k', 'Top 1k', 1000],
  ['top10k', 'Top 10k', 10_000],
] as const;

/**
 * `12 of 100 in Top 100 · 90 of 1,000 in Top 1k · 505 of 10,000 in Top 10k · 15,950 of 25,341 in community`:
 * each count with its denominator (the indexed packages of the tier); a tier the index does not cover says
 * how much of it was indexed instead of a count.
 */
export function formatTierFigures(prevalence: Prevalence): string {
  const n = (value: number) => formatCount(value);
  const parts = TIER_LABELS.map(([key, label, size]) =>
    prevalence.covered[key]
      ? `${n(prevalence[key])} of ${n(prevalence.packages[key])} in ${label}`
      : `${label} not covered (${n(prevalence.packages[key])} of its ${n(size)} indexed)`,
  );
  parts.push(`${n(prevalence.community)} of ${n(prevalence.packages.community)} in community`);
  return parts.join(' · ');
}

export function renderText(report: Report, options: TextOptions): string {
  const c = pc.createColors(options.color);
  const severityColor: Record<Severity, (text: string) => string> = {
    critical: (text) => c.bold(c.red(text)),
    high: c.red,
    medium: c.yellow,
    low: c.cyan,
    info: c.dim,
  };
  const tag = (text: string) => c.dim(`[${text}]`);
  const out: string[] = [];
  const ecosystem = ECOSYSTEM_LABEL[report.target.ecosystem];
  const { target, verdict } = report;

  out.push(c.bold(`assay ${report.tool.version} · risk report`));
  out.push(`Package   ${ecosystem} ${safe(target.name)} ${safe(target.version)}`);
  out.push(
    `Artifact  ${safe(target.artifact.file)} (${target.artifact.format}, ${target.artifact.size} bytes) sha256 ${target.artifact.sha256}`,
  );
  const verdictText = { pass: c.green('PASS'), warning: c.yellow('WARNING'), fail: c.red('FAIL') }[
    verdict.level
  ];
  out.push(
    `Verdict   ${c.bold(verdictText)}${
      verdict.reasons.length === 0
        ? ' · no issue at warning level or above'
        : ` · because of: ${verdict.reasons.map((reason) => `${reason.issue} (${reason.severity})`).join(', ')}`
    }`,
  );
  if (!report.completeness.complete) {
    out.push(c.yellow('Coverage  INCOMPLETE: see "Scan coverage" at the end'));
  }
  const policy = policyLines(report);
  if (policy?.summary) out.push(`Config    ${safe(policy.summary, 400)}`);
  out.push('');

  out.push(c.bold(`Top issues (${report.issues.length})`));
  if (report.issues.length === 0) out.push('  No issues found.');
  for (const issue of report.issues)
    out.push(...renderIssue(issue, options, c, severityColor, tag, ecosystem), '');
  if (report.issues.length > 0) out.pop();
  out.push('');

  out.push(c.bold(`Top behaviors (${report.behaviors.length})`));
  if (report.behaviors.length === 0) out.push('  No behaviors found.');
  for (const behavior of report.behaviors) {
    out.push(
      `  ${behavior.title} ${tag(behavior.category)} ${severityColor[behavior.severity](behavior.severity)} · ${behavior.countIsLowerBound ? 'at least ' : ''}${behavior.count} ${
        behavior.count === 1 ? 'occurrence' : 'occurrences'
      } · ${c.dim(behavior.id)}`,
    );
    out.push(...renderEvidence(behavior.occurrences, options, '      ', behavior));
    out.push(
      `    Prevalence in ${ecosystem} community: ${formatPrevalence(behavior.prevalence, 'behavior').join(' · ')}`,
    );
  }
  out.push('');

  out.push(c.bold(`Top vulnerabilities (${report.vulnerabilities.length})`));
  if (report.vulnerabilities.length === 0) out.push(`  ${noVulnerabilities(report)}`);
  for (const vulnerability of report.vulnerabilities) {
    const component = vulnerability.component;
    const version = component.version ?? component.specifier ?? '';
    const severity = vulnerability.severity;
    out.push(
      `  ${safe(vulnerability.id)}${vulnerability.aliases.length > 0 ? ` (${vulnerability.aliases.map((a) => safe(a)).join(', ')})` : ''} · ${safe(component.name)} ${safe(version)}${
        vulnerability.matchedOn === 'range' ? ' (matched on the version range)' : ''
      }${severity ? ` · ${[severity.label, severity.score?.toFixed(1)].filter(Boolean).join(' ')}` : ''}`,
    );
    out.push(`    ${safe(vulnerability.summary, 300)}`);
    if (vulnerability.knownExploited)
      out.push(
        `    Exploited in the wild: listed by CISA KEV since ${safe(vulnerability.knownExploited.dateAdded)}${
          vulnerability.knownExploited.ransomware ? ', used by ransomware campaigns' : ''
        }`,
      );
    out.push(
      `    Fixed in: ${vulnerability.fixedVersions.length > 0 ? vulnerability.fixedVersions.map((v) => safe(v)).join(', ') : 'no fixed version known'}${
        vulnerability.upgradeTo ? ` · smallest upgrade that fixes all: ${safe(vulnerability.upgradeTo)}` : ''
      }`,
    );
  }
  out.push('');

  if (policy) out.push(...renderPolicy(policy, c));
  out.push(...renderComponents(report, c));
  out.push(...renderCoverage(report, c));
  return `${out.join('\n')}\n`;
}

type Colors = ReturnType<typeof pc.createColors>;

function renderIssue(
  issue: ReportIssue,
  options: TextOptions,
  c: Colors,
  severityColor: Record<Severity, (text: string) => string>,
  tag: (text: string) => string,
  ecosystem: string,
): string[] {
  const out: string[] = [];
  out.push(
    `  ${issue.baselineState === 'new' ? c.bold('NEW ') : ''}${severityColor[issue.severity](issue.severity.toUpperCase())}${issue.level ? ` (counts as ${issue.level})` : ''} ${c.bold(issue.title)} ${tag(issue.category)} ${c.dim(issue.id)}`,
  );
  out.push(`    ${issue.riskLabel}`);
  if (issue.detail) out.push(...wrap(safe(issue.detail, 400), options.width, '    '));
  const refs = Object.entries(issue.references).flatMap(([catalog, ids]) =>
    (ids as readonly string[]).map((id) => `${catalog} ${id}`),
  );
  if (refs.length > 0) out.push(`    ${c.dim(`References: ${refs.join(', ')}`)}`);
  out.push('    Problem');
  out.push(...wrap(issue.problem, options.width, '      '));
  if (issue.evidence.length > 0) {
    out.push('    Evidence');
    const shown = issue.evidence.slice(0, options.maxEvidence);
    for (const item of shown) {
      const parts = [
        item.behavior ? c.dim(item.behavior) : '',
        item.component ? safe(item.component) : '',
        formatLocation(item) ? safe(formatLocation(item)) : '',
        item.snippet ? safe(item.snippet, 160) : '',
        item.detail ? c.dim(safe(item.detail, 160)) : '',
      ].filter(Boolean);
      out.push(`      ${parts.join('  ')}`);
    }
    if (issue.evidence.length > shown.length)
      out.push(c.dim(`      … and ${issue.evidence.length - shown.length} more`));
  }
  out.push(`    Prevalence in ${ecosystem} community`);
  for (const line of formatPrevalence(issue.prevalence, 'issue')) out.push(`      ${line}`);
  out.push('    Next steps');
  for (const step of issue.nextSteps) out.push(...wrap(`- ${step}`, options.width, '      '));
  return out;
}

function renderEvidence(
  occurrences: readonly Occurrence[],
  options: TextOptions,
  indent: string,
  total: { readonly count: number; readonly evidenceTruncated?: true } = { count: occurrences.length },
): string[] {
  const shown = occurrences.slice(0, options.maxEvidence);
  const lines = shown.map(
    (occurrence) =>
      `${indent}${safe(formatLocation(occurrence))}  ${safe(occurrence.snippet, 160)}${occurrence.detail ? `  (${safe(occurrence.detail, 120)})` : ''}`,
  );
  const more = Math.max(total.count, occurrences.length) - shown.length;
  if (more > 0)
    lines.push(
      `${indent}… and ${more} more${total.evidenceTruncated ? ` (the report keeps the first ${occurrences.length} as evidence)` : ''}`,
    );
  return lines;
}

function renderCoverage(report: Report, c: Colors): string[] {
  const out: string[] = [c.bold('Scan coverage and data')];
  const { completeness, stats, data } = report;
  out.push(
    `  Files read: ${stats.files} (${stats.bytes} bytes), source files analyzed: ${stats.sourceFiles}, in ${stats.durationMs} ms`,
  );
  for (const hit of completeness.limitHits) {
    out.push(
      c.yellow(
        `  Limit reached: ${hit.limit} (max ${hit.max}, seen ${hit.observed})${hit.member ? ` at ${safe(hit.member)}` : ''}: ${safe(hit.detail)}`,
      ),
    );
  }
  const problems = completeness.analysisProblems;
  if (problems.length > 0) {
    out.push(c.yellow(`  Files not fully analyzed: ${problems.length}`));
    for (const problem of problems.slice(0, 5))
      out.push(`    ${safe(problem.file)}: ${problem.kind}: ${safe(problem.message, 160)}`);
    if (problems.length > 5) out.push(`    … and ${problems.length - 5} more`);
  }
  for (const error of completeness.detectorErrors)
    out.push(c.yellow(`  Detector error in ${error.id}: ${safe(error.message, 160)}`));
  for (const conflict of report.metadata.conflicts) {
    out.push(
      `  Metadata disagrees on ${safe(conflict.field)}: ${conflict.values.map((value) => `${safe(value.value, 80)} (${safe(value.source.file)})`).join(' vs ')}`,
    );
  }
  out.push(
    `  Prevalence: ${data.prevalenceIndex ? `${data.prevalenceIndex.name}, built ${data.prevalenceIndex.built}` : 'no community index available'}`,
  );
  out.push(
    `  Vulnerabilities: ${
      data.vulnerabilityDatabase
        ? `${data.vulnerabilityDatabase.records} records, newest ${data.vulnerabilityDatabase.newestModified ?? 'unknown'}`
        : 'no vulnerability database loaded (run `assay db import`)'
    }`,
  );
  for (const unfinished of data.vulnerabilityDatabase?.unfinishedImports ?? [])
    out.push(
      c.yellow(
        `  Vulnerabilities INCOMPLETE: the import of ${safe(unfinished.source, 160)} started ${unfinished.startedAt} did not finish (${unfinished.seen} records read); advisories may be missing — run it again`,
      ),
    );
  for (const snapshot of data.snapshots)
    out.push(`  Data: ${snapshot.name} (${snapshot.source}, ${snapshot.date})`);
  return out;
}

const REGISTRY_CHECKS = {
  checked: 'registry facts checked',
  offline: 'registry not asked (offline): removal, publish dates and repositories not checked',
  disabled: 'registry not asked (registry checks off): removal, publish dates and repositories not checked',
} as const;

/** The scan's components: version (resolved or specifier), source, scope, popularity, and the issues naming each. */
function renderComponents(report: Report, c: Colors): string[] {
  const components = report.components;
  if (components === undefined) return [];
  const out: string[] = [];
  // The scanned package is listed first as "this package"; it is neither its own direct nor its own dev dependency.
  const dependencies = components.filter((component) => component.role !== 'target');
  const target = components.length - dependencies.length;
  const direct = dependencies.filter((component) => component.direct).length;
  const dev = dependencies.filter((component) => component.dev).length;
  out.push(
    c.bold(
      `Components (${target > 0 ? `this package and ${dependencies.length}` : components.length}: ${direct} direct, ${dev} dev)`,
    ) + (report.componentChecks ? c.dim(` · ${REGISTRY_CHECKS[report.componentChecks.registry]}`) : ''),
  );
  if (report.project) {
    for (const used of report.project.used)
      out.push(`  Read ${safe(used.file)} (${used.format}, ${used.kind})`);
    for (const note of report.project.notes) out.push(c.dim(`  Note: ${safe(note, 300)}`));
    const deep = report.project.deep;
    if (deep) {
      out.push(`  Deep scan: ${deep.scanned} components fetched and analyzed, ${deep.failed.length} not`);
      for (const failed of deep.failed.slice(0, 5))
        out.push(c.yellow(`    ${safe(failed.component)}: ${safe(failed.message, 160)}`));
      if (deep.failed.length > 5) out.push(`    … and ${deep.failed.length - 5} more`);
    }
  }
  if (components.length === 0) out.push('  No components found.');
  for (const component of components) {
    const version =
      component.versionKind === 'resolved'
        ? `${safe(component.version ?? '')} (resolved)`
        : component.versionKind === 'specifier'
          ? `${safe(component.specifier ?? '')} (specifier)`
          : '(no version given)';
    const scope = [
      component.role === 'target' ? 'this package' : component.direct ? 'direct' : 'transitive',
      component.dev ? 'dev' : '',
      component.source === 'registry' ? '' : `from ${component.source} ${safe(component.url ?? '', 120)}`,
    ].filter(Boolean);
    const popularity =
      component.popularity.status === 'known'
        ? `${component.popularity.tier} (rank ${component.popularity.rank})`
        : 'popularity unknown';
    const issues = component.issues.length > 0 ? ` · issues: ${component.issues.join(', ')}` : '';
    out.push(`  ${safe(component.name)} ${version} · ${scope.join(', ')} · ${popularity}${issues}`);
  }
  out.push('');
  return out;
}

/** Suppressed findings, expired and unused suppression entries: each in its own section, never silently dropped. */
function renderPolicy(policy: NonNullable<ReturnType<typeof policyLines>>, c: Colors): string[] {
  const out: string[] = [];
  const section = (title: string, lines: readonly string[], empty: string) => {
    out.push(c.bold(`${title} (${lines.length})`));
    if (lines.length === 0) out.push(`  ${empty}`);
    for (const line of lines) out.push(`  ${safe(line, 400)}`);
    out.push('');
  };
  section('Suppressed findings', policy.suppressed, 'None.');
  if (policy.expired.length > 0) section('Expired suppressions', policy.expired, '');
  if (policy.unused.length > 0) section('Unused suppressions', policy.unused, '');
  if (policy.allowed.length > 0) section('Allowed by the [allow] lists', policy.allowed, '');
  return out;
}

/** The empty list of vulnerabilities, worded by what was checked: "none found" only when something could be. */
function noVulnerabilities(report: Report): string {
  const coverage = report.vulnerabilityCoverage;
  if (coverage === undefined) return 'No vulnerabilities found.';
  const ecosystem = coverage.ecosystem === 'pypi' ? 'PyPI' : coverage.ecosystem;
  if (coverage.status === 'no-database')
    return 'Not checked: no vulnerability database is loaded (`assay db import` or `assay db update`).';
  if (coverage.status === 'no-advisories-for-ecosystem')
    return `Not checked: no advisories for ${ecosystem} in this database (it holds ${coverage.databaseEcosystems.join(', ') || 'none'}).`;
  return `No known vulnerabilities among the database's ${coverage.advisories} advisories for ${ecosystem}.`;
}
