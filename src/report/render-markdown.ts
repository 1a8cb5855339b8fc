import type { IssueEvidence, Occurrence } from '../catalog/types.ts';
import { type FingerprintTarget, rootRelativePath } from './fingerprint.ts';
import type { Report, ReportIssue } from './model.ts';
import { policyLines } from './policy-lines.ts';
import { formatLocation, formatPrevalence } from './render-text.ts';
import { escapeForTerminal, truncate } from './sanitize.ts';

/** GitHub refuses comments above 65,536 characters; the cap leaves room for a bot's own header. */
export const MARKDOWN_LIMIT = 60_000;

export interface MarkdownOptions {
  /** Evidence lines per finding. */
  readonly maxEvidence: number;
  readonly limit?: number;
}

/**
 * A package string as an inline code span. Inside a code span Markdown, HTML and @mentions are inert; the fence is
 * longer than any backtick run in the text, so the text cannot close it. Table cells also need their pipes
 * escaped: GitHub splits table rows on them before it reads code spans.
 */
export function code(text: string, options: { max?: number; inTable?: boolean } = {}): string {
  let body = escapeForTerminal(truncate(text, options.max ?? 200)).replace(/\s+/g, ' ');
  if (options.inTable) body = body.replaceAll('|', '\\|');
  if (body === '') return '';
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

const VERDICT = { pass: 'PASS', warning: 'WARNING', fail: 'FAIL' } as const;

function evidenceLine(target: FingerprintTarget, item: IssueEvidence | Occurrence): string {
  // Paths relative to the scanned folder: a runner's absolute checkout path means nothing in a review.
  const location = formatLocation(
    item.file === undefined ? item : { ...item, file: rootRelativePath(target, item.file) },
  );
  const parts = [
    'behavior' in item && item.behavior ? item.behavior : '',
    'component' in item && item.component ? code(item.component) : '',
    location ? code(location) : '',
    item.snippet ? code(item.snippet, { max: 160 }) : '',
    item.detail ? code(item.detail, { max: 160 }) : '',
  ].filter(Boolean);
  return `- ${parts.join(' ')}`;
}

function evidenceList(
  target: FingerprintTarget,
  items: readonly (IssueEvidence | Occurrence)[],
  max: number,
  total = items.length,
): string[] {
  const lines = items.slice(0, max).map((item) => evidenceLine(target, item));
  const shown = Math.min(max, items.length);
  if (total > shown) lines.push(`- … and ${total - shown} more`);
  return lines;
}

function issueDetails(issue: ReportIssue, report: Report, options: MarkdownOptions): string {
  // The summary line is HTML, where Markdown is not read: only our own catalog words go there.
  const lines = [
    `<details><summary>${issue.severity.toUpperCase()} · ${issue.title} (${issue.id})</summary>`,
    '',
    `*${issue.riskLabel}*`,
    '',
  ];
  if (issue.detail) lines.push(code(issue.detail, { max: 400 }), '');
  lines.push(`**Problem.** ${issue.problem}`, '');
  if (issue.evidence.length > 0)
    lines.push('**Evidence**', '', ...evidenceList(report.target, issue.evidence, options.maxEvidence), '');
  lines.push(
    `**Prevalence in the ${report.target.ecosystem} community:** ${formatPrevalence(issue.prevalence, 'issue').join(' · ')}`,
    '',
    '**Next steps**',
    '',
    ...issue.nextSteps.map((step) => `- ${step}`),
    '',
    '</details>',
    '',
  );
  return lines.join('\n');
}

function header(report: Report): string {
  const { target, verdict } = report;
  const lines = [
    `## assay: ${VERDICT[verdict.level]} · ${target.ecosystem} ${code(target.name)} ${target.version === 'project' ? '(project)' : code(target.version)}`,
    '',
    verdict.reasons.length === 0
      ? `**Verdict: ${VERDICT[verdict.level]}**: no issue at warning level or above.`
      : `**Verdict: ${VERDICT[verdict.level]}** because of ${verdict.reasons.map((reason) => `\`${reason.issue}\` (${reason.severity})`).join(', ')}.`,
    '',
  ];
  if (!report.completeness.complete) {
    lines.push(
      `> **Incomplete scan**: ${report.completeness.limitHits.length} limit(s) reached, ${report.completeness.analysisProblems.length} file(s) not fully analyzed, ${report.completeness.detectorErrors.length} detector error(s). An incomplete scan is not a clean one.`,
      '',
    );
  }
  return lines.join('\n');
}

function issuesTable(report: Report): string {
  if (report.issues.length === 0) return `### Issues (0)\n\nNo issues found.\n\n`;
  const rows = report.issues.map(
    (issue) =>
      `| ${issue.baselineState === 'new' ? '**new** ' : ''}${issue.severity}${issue.level ? ` (as ${issue.level})` : ''} | ${issue.title} | \`${issue.id}\` | ${issue.category} | ${issue.evidence.length} |`,
  );
  return [
    `### Issues (${report.issues.length})`,
    '',
    '| Severity | Issue | Id | Category | Evidence |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '',
  ].join('\n');
}

function behaviorsBlock(report: Report, options: MarkdownOptions): string {
  if (report.behaviors.length === 0) return '';
  const lines = [
    `<details><summary>Behaviors (${report.behaviors.length})</summary>`,
    '',
    '| Severity | Behavior | Id | Category | Count |',
    '| --- | --- | --- | --- | --- |',
    ...report.behaviors.map(
      (behavior) =>
        `| ${behavior.severity} | ${behavior.title} | \`${behavior.id}\` | ${behavior.category} | ${behavior.countIsLowerBound ? '≥ ' : ''}${behavior.count} |`,
    ),
    '',
  ];
  for (const behavior of report.behaviors) {
    lines.push(
      `**${behavior.title}** (\`${behavior.id}\`)`,
      '',
      ...evidenceList(report.target, behavior.occurrences, options.maxEvidence, behavior.count),
      '',
    );
  }
  lines.push('</details>', '', '');
  return lines.join('\n');
}

function vulnerabilitiesBlock(report: Report): string {
  if (report.vulnerabilities.length === 0) return '### Vulnerabilities (0)\n\nNo vulnerabilities found.\n\n';
  return [
    `### Vulnerabilities (${report.vulnerabilities.length})`,
    '',
    '| Id | Component | Severity | Fixed in |',
    '| --- | --- | --- | --- |',
    ...report.vulnerabilities.map((vulnerability) => {
      const component = vulnerability.component;
      const severity = vulnerability.severity;
      return `| ${code(vulnerability.id, { inTable: true })} | ${code(`${component.name} ${component.version ?? component.specifier ?? ''}`, { inTable: true })} | ${severity ? [severity.label, severity.score?.toFixed(1)].filter(Boolean).join(' ') : 'unknown'} | ${vulnerability.fixedVersions.length > 0 ? code(vulnerability.fixedVersions.join(', '), { inTable: true }) : 'no fixed version known'} |`;
    }),
    '',
    '',
  ].join('\n');
}

function policyBlock(report: Report): string {
  const lines = policyLines(report);
  if (lines === undefined) return '';
  const list = (title: string, items: readonly string[]) =>
    items.length === 0
      ? []
      : [`**${title} (${items.length})**`, '', ...items.map((item) => `- ${code(item, { max: 400 })}`), ''];
  return [
    `### Suppressed findings (${lines.suppressed.length})`,
    '',
    ...(lines.summary ? [code(lines.summary, { max: 400 }), ''] : []),
    ...(lines.suppressed.length === 0 ? ['None.', ''] : list('Accepted', lines.suppressed)),
    ...list('Expired suppressions', lines.expired),
    ...list('Unused suppressions', lines.unused),
    ...list('Allowed by the [allow] lists', lines.allowed),
  ].join('\n');
}

function footer(report: Report): string {
  const data = report.data;
  const sources = [
    data.prevalenceIndex
      ? `prevalence: ${data.prevalenceIndex.name} (${data.prevalenceIndex.built})`
      : 'no community index',
    data.vulnerabilityDatabase
      ? `vulnerabilities: ${data.vulnerabilityDatabase.records} records${data.vulnerabilityDatabase.complete === false ? ' (INCOMPLETE: an import did not finish)' : ''}`
      : 'no vulnerability database loaded',
    ...data.snapshots.map((snapshot) => `${snapshot.name} (${snapshot.date})`),
  ];
  return `<sub>assay ${report.tool.version} · ${sources.join(' · ')}</sub>\n`;
}

/**
 * A pull-request comment: the verdict, a table of issues, collapsible details with evidence. Built from blocks
 * that are each complete Markdown, so that when the comment must be cut it is cut between blocks and never
 * leaves a <details> open.
 */
export function renderMarkdown(report: Report, options: MarkdownOptions): string {
  const limit = options.limit ?? MARKDOWN_LIMIT;
  const blocks = [
    header(report),
    issuesTable(report),
    ...report.issues.map((issue) => issueDetails(issue, report, options)),
    vulnerabilitiesBlock(report),
    policyBlock(report),
    behaviorsBlock(report, options),
  ]
    .filter((block) => block.trim() !== '')
    .map((block) => `${block.trimEnd()}\n\n`);
  const end = footer(report);
  let out = '';
  for (const [index, block] of blocks.entries()) {
    const note = `\n> **This comment was cut at ${limit.toLocaleString('en-US')} characters**: ${blocks.length - index} of ${blocks.length} sections are not shown. The full report is in the JSON or SARIF output of the same run.\n\n`;
    if (out.length + block.length + note.length + end.length > limit) return out + note + end;
    out += block;
  }
  return out + end;
}
