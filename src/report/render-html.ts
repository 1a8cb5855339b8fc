import type { IssueEvidence, Occurrence } from '../catalog/types.ts';
import type { Report, ReportIssue } from './model.ts';
import { policyLines } from './policy-lines.ts';
import { formatLocation, formatPrevalence } from './render-text.ts';
import { escapeForTerminal, truncate } from './sanitize.ts';

export interface HtmlOptions {
  /** Evidence lines per finding. */
  readonly maxEvidence: number;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Every string goes through here, our own words included: markup comes only from the templates below.
 * Invisible and bidirectional characters are first made visible, as on the terminal.
 */
export function escapeHtml(text: string, max = 400): string {
  return escapeForTerminal(truncate(text, max)).replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1b1f24}
h1{font-size:1.4rem}h2{font-size:1.15rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
.verdict{display:inline-block;padding:.1rem .5rem;border-radius:.3rem;font-weight:600}
.pass{background:#dafbe1}.warning{background:#fff8c5}.fail{background:#ffebe9}
.sev{font-weight:600;text-transform:uppercase;font-size:.8rem}.critical,.high{color:#cf222e}.medium{color:#9a6700}
.low{color:#0969da}.info{color:#57606a}.tag{color:#57606a;font-size:.85rem}
code{background:#f6f8fa;padding:.05rem .25rem;border-radius:.2rem;word-break:break-all}
table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:.2rem .5rem;text-align:left}
.note{background:#fff8c5;padding:.5rem;border-radius:.3rem}`;

function evidenceItems(
  items: readonly (IssueEvidence | Occurrence)[],
  max: number,
  total = items.length,
): string {
  const shown = items.slice(0, max).map((item) => {
    const parts = [
      'behavior' in item && item.behavior ? `<span class="tag">${escapeHtml(item.behavior)}</span>` : '',
      'component' in item && item.component ? `<code>${escapeHtml(item.component, 200)}</code>` : '',
      formatLocation(item) ? `<code>${escapeHtml(formatLocation(item), 200)}</code>` : '',
      item.snippet ? `<code>${escapeHtml(item.snippet, 160)}</code>` : '',
      item.detail ? `<span class="tag">${escapeHtml(item.detail, 160)}</span>` : '',
    ].filter(Boolean);
    return `<li>${parts.join(' ')}</li>`;
  });
  const count = Math.min(max, items.length);
  if (total > count) shown.push(`<li>… and ${total - count} more</li>`);
  return `<ul>${shown.join('')}</ul>`;
}

function issueSection(issue: ReportIssue, report: Report, options: HtmlOptions): string {
  return [
    `<section class="issue" id="issue-${escapeHtml(issue.id)}">`,
    `<h3>${issue.baselineState === 'new' ? '<strong>NEW</strong> ' : ''}<span class="sev ${issue.severity}">${escapeHtml(issue.severity)}</span>${issue.level ? ` (counts as ${issue.level})` : ''} ${escapeHtml(issue.title)} <span class="tag">[${escapeHtml(issue.category)}] ${escapeHtml(issue.id)}</span></h3>`,
    `<p><em>${escapeHtml(issue.riskLabel)}</em></p>`,
    issue.detail ? `<p>${escapeHtml(issue.detail)}</p>` : '',
    `<h4>Problem</h4><p>${escapeHtml(issue.problem, 4000)}</p>`,
    issue.evidence.length > 0 ? `<h4>Evidence</h4>${evidenceItems(issue.evidence, options.maxEvidence)}` : '',
    `<h4>Prevalence in the ${escapeHtml(report.target.ecosystem)} community</h4><p>${formatPrevalence(
      issue.prevalence,
      'issue',
    )
      .map((line) => escapeHtml(line))
      .join('<br>')}</p>`,
    `<h4>Next steps</h4><ul>${issue.nextSteps.map((step) => `<li>${escapeHtml(step, 2000)}</li>`).join('')}</ul>`,
    '</section>',
  ].join('\n');
}

function coverage(report: Report): string {
  const { completeness, stats, data } = report;
  const items = [
    `Files read: ${stats.files} (${stats.bytes} bytes), source files analyzed: ${stats.sourceFiles}`,
    ...completeness.limitHits.map(
      (hit) => `Limit reached: ${hit.limit} (max ${hit.max}, seen ${hit.observed}): ${hit.detail}`,
    ),
    ...completeness.analysisProblems
      .slice(0, 20)
      .map((p) => `Not fully analyzed: ${p.file}: ${p.kind}: ${p.message}`),
    ...completeness.detectorErrors.map((error) => `Detector error in ${error.id}: ${error.message}`),
    data.prevalenceIndex
      ? `Prevalence: ${data.prevalenceIndex.name}, built ${data.prevalenceIndex.built}`
      : 'Prevalence: no community index available',
    data.vulnerabilityDatabase
      ? `Vulnerabilities: ${data.vulnerabilityDatabase.records} records, newest ${data.vulnerabilityDatabase.newestModified ?? 'unknown'}${data.vulnerabilityDatabase.complete === false ? ' (INCOMPLETE: an import did not finish)' : ''}`
      : 'Vulnerabilities: no vulnerability database loaded',
    ...data.snapshots.map((snapshot) => `Data: ${snapshot.name} (${snapshot.source}, ${snapshot.date})`),
  ];
  return `<h2>Scan coverage and data</h2><ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
}

function policySection(report: Report): string {
  const lines = policyLines(report);
  if (lines === undefined) return '';
  const list = (title: string, items: readonly string[]) =>
    items.length === 0
      ? ''
      : `<h3>${title} (${items.length})</h3><ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
  return [
    `<h2>Suppressed findings (${lines.suppressed.length})</h2>`,
    lines.summary ? `<p>${escapeHtml(lines.summary)}</p>` : '',
    lines.suppressed.length === 0 ? '<p>None.</p>' : list('Accepted', lines.suppressed),
    list('Expired suppressions', lines.expired),
    list('Unused suppressions', lines.unused),
    list('Allowed by the [allow] lists', lines.allowed),
  ].join('');
}

function components(report: Report): string {
  const list = report.components;
  if (list === undefined) return '';
  const rows = list.map((component) => {
    const version =
      component.versionKind === 'resolved'
        ? (component.version ?? '')
        : component.versionKind === 'specifier'
          ? `${component.specifier ?? ''} (specifier)`
          : '(no version given)';
    const scope = component.role === 'target' ? 'this package' : component.direct ? 'direct' : 'transitive';
    return `<tr><td><code>${escapeHtml(component.name, 200)}</code></td><td>${escapeHtml(version, 120)}</td><td>${scope}${component.dev ? ', dev' : ''}</td><td>${escapeHtml(component.source)}</td><td>${escapeHtml(component.issues.join(', '))}</td></tr>`;
  });
  return `<h2>Components (${list.length})</h2><table><tr><th>Name</th><th>Version</th><th>Scope</th><th>Source</th><th>Issues</th></tr>${rows.join('')}</table>`;
}

/**
 * One self-contained page: no script, no external style, font or image, and a Content-Security-Policy that
 * forbids loading any, so that a hostile package string could not fetch anything even if it escaped.
 */
export function renderHtml(report: Report, options: HtmlOptions): string {
  const { target, verdict } = report;
  const title = `assay report: ${target.ecosystem} ${target.name} ${target.version}`;
  const body = [
    `<h1>assay ${escapeHtml(report.tool.version)} · risk report</h1>`,
    `<p>Package: ${escapeHtml(target.ecosystem)} <code>${escapeHtml(target.name, 200)}</code> <code>${escapeHtml(target.version, 100)}</code><br>`,
    `Artifact: <code>${escapeHtml(target.artifact.file, 300)}</code> (${escapeHtml(target.artifact.format)}, ${target.artifact.size} bytes) sha256 <code>${escapeHtml(target.artifact.sha256)}</code></p>`,
    `<p>Verdict: <span class="verdict ${verdict.level}">${verdict.level.toUpperCase()}</span> ${
      verdict.reasons.length === 0
        ? 'no issue at warning level or above'
        : `because of ${verdict.reasons.map((reason) => `${escapeHtml(reason.issue)} (${reason.severity})`).join(', ')}`
    }</p>`,
    report.completeness.complete
      ? ''
      : '<p class="note">Coverage INCOMPLETE: see “Scan coverage and data” at the end. An incomplete scan is not a clean one.</p>',
    `<h2>Top issues (${report.issues.length})</h2>`,
    report.issues.length === 0 ? '<p>No issues found.</p>' : '',
    ...report.issues.map((issue) => issueSection(issue, report, options)),
    `<h2>Top behaviors (${report.behaviors.length})</h2>`,
    report.behaviors.length === 0 ? '<p>No behaviors found.</p>' : '',
    ...report.behaviors.map(
      (behavior) =>
        `<section class="behavior"><h3><span class="sev ${behavior.severity}">${behavior.severity}</span> ${escapeHtml(behavior.title)} <span class="tag">[${escapeHtml(behavior.category)}] ${escapeHtml(behavior.id)} · ${behavior.countIsLowerBound ? 'at least ' : ''}${behavior.count} occurrence(s)</span></h3>${evidenceItems(behavior.occurrences, options.maxEvidence, behavior.count)}<p>Prevalence: ${formatPrevalence(
          behavior.prevalence,
          'behavior',
        )
          .map((line) => escapeHtml(line))
          .join(' · ')}</p></section>`,
    ),
    `<h2>Top vulnerabilities (${report.vulnerabilities.length})</h2>`,
    report.vulnerabilities.length === 0
      ? '<p>No vulnerabilities found.</p>'
      : `<ul>${report.vulnerabilities
          .map(
            (v) =>
              `<li><code>${escapeHtml(v.id)}</code> ${escapeHtml(v.component.name)} ${escapeHtml(v.component.version ?? v.component.specifier ?? '')}: ${escapeHtml(v.summary)} · fixed in: ${v.fixedVersions.length > 0 ? escapeHtml(v.fixedVersions.join(', ')) : 'no fixed version known'}</li>`,
          )
          .join('')}</ul>`,
    policySection(report),
    components(report),
    coverage(report),
  ].filter(Boolean);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}
