import type { IssueEvidence, Occurrence } from '../../catalog/types.ts';
import type { ReportComponent, ReportVulnerability } from '../../report/model.ts';
import { externalLink, type Html, html } from '../html.ts';
import type { BehaviorView, IssueView, PackageView } from '../package-view.ts';
import { catalogPath, evidencePath, packagePath } from '../paths.ts';
import { bandLabel, formatCount, prevalenceBlock, severityTag, verdictBadge } from './components.ts';
import { page } from './layout.ts';

const MAX_EVIDENCE = 5;

function where(item: { file?: string; line?: number; column?: number; field?: string }): string {
  if (item.field !== undefined) return `${item.file ?? 'metadata'} (${item.field})`;
  const position =
    item.line === undefined ? '' : `:${item.line}${item.column === undefined ? '' : `:${item.column}`}`;
  return `${item.file ?? ''}${position}`;
}

function evidenceList(
  view: PackageView,
  kind: 'behavior' | 'issue',
  id: string,
  items: readonly (Occurrence | IssueEvidence)[] | null,
): Html {
  if (items === null) {
    return html`<p class="muted">Evidence is kept with full reports only: <a href="/scan?target=${encodeURIComponent(`${view.ecosystem}:${view.name}${view.ecosystem === 'npm' ? '@' : '=='}${view.version}`)}">scan this version</a> to see it.</p>`;
  }
  if (items.length === 0) return html``;
  const shown = items.slice(0, MAX_EVIDENCE).map((item, n) => {
    const label = 'component' in item && item.component !== undefined ? item.component : where(item);
    const link =
      item.line !== undefined || item.field !== undefined
        ? html`<a href="${evidencePath(view.ecosystem, view.name, view.version, kind, id, n)}">${label}</a>`
        : html`<span>${label}</span>`;
    return html`<li>${link} <code>${(item.snippet ?? '').slice(0, 200)}</code>${item.detail === undefined ? '' : html` <span class="muted">${item.detail}</span>`}</li>`;
  });
  const more =
    items.length > MAX_EVIDENCE ? html`<li class="muted">and ${items.length - MAX_EVIDENCE} more</li>` : '';
  return html`<ul class="evidence">${shown}${more}</ul>`;
}

function issueCard(view: PackageView, issue: IssueView): Html {
  const refs = Object.entries(issue.references).flatMap(([catalog, ids]) =>
    (ids as readonly string[]).map((id) => `${catalog}: ${id}`),
  );
  return html`<div class="card" id="issue-${issue.id}">
<h3><a href="${catalogPath('issue', issue.id)}">${issue.title}</a></h3>
<p><span class="tag">${issue.category}</span>${severityTag(issue.severity)}<span class="muted">${issue.riskLabel}</span></p>
<p><strong>Problem.</strong> ${issue.problem}${issue.detail === undefined ? '' : html` ${issue.detail}`}</p>
${evidenceList(view, 'issue', issue.id, issue.evidence)}
<p><strong>Prevalence in the community</strong> <span class="muted">(${bandLabel(issue.prevalence)})</span></p>
${prevalenceBlock(issue.prevalence, view.prevalenceIndex?.packages ?? null)}
<p><strong>Next steps</strong></p><ul>${issue.nextSteps.map((step) => html`<li>${step}</li>`)}</ul>
<p class="muted">id ${issue.id}${refs.length === 0 ? '' : html` &middot; also known as ${refs.join(', ')}`}</p>
</div>`;
}

function behaviorRow(view: PackageView, behavior: BehaviorView): Html {
  return html`<tr id="behavior-${behavior.id}">
<td><a href="${catalogPath('behavior', behavior.id)}">${behavior.title}</a><br><span class="muted">${behavior.id}</span>
${evidenceList(view, 'behavior', behavior.id, behavior.occurrences)}</td>
<td><span class="tag">${behavior.category}</span></td>
<td>${formatCount(behavior.count)}</td>
<td>${bandLabel(behavior.prevalence)}${behavior.prevalence === null ? '' : html`<br><span class="muted">${formatCount(behavior.prevalence.top1k)} of ${formatCount(view.prevalenceIndex?.packages.top1k ?? 0)} in Top 1k &middot; ${formatCount(behavior.prevalence.community)} of ${formatCount(view.prevalenceIndex?.packages.community ?? 0)} in community</span>`}</td>
</tr>`;
}

function vulnerabilities(list: readonly ReportVulnerability[] | null): Html {
  if (list === null) return html`<p class="muted">Known only with a full report.</p>`;
  if (list.length === 0) return html`<p class="muted">No known vulnerabilities in the local database.</p>`;
  return html`<table><thead><tr><th>Id</th><th>Component</th><th>Summary</th><th>Fixed in</th></tr></thead><tbody>${list.map(
    (v) =>
      html`<tr><td>${v.id}${v.aliases.length === 0 ? '' : html`<br><span class="muted">${v.aliases.join(', ')}</span>`}</td><td>${v.component.name} ${v.component.version ?? v.component.specifier ?? ''}</td><td>${v.summary}${v.severity?.label === undefined ? '' : html` ${severityTag(v.severity.label.toLowerCase())}`}</td><td>${v.fixedVersions.join(', ')}</td></tr>`,
  )}</tbody></table>`;
}

function components(list: readonly ReportComponent[] | null): Html {
  if (list === null) return html`<p class="muted">Known only with a full report.</p>`;
  const deps = list.filter((c) => c.role === 'dependency');
  if (deps.length === 0) return html`<p class="muted">No dependencies declared.</p>`;
  return html`<table><thead><tr><th>Component</th><th>Version</th><th>Kind</th><th>Issues</th></tr></thead><tbody>${deps.map(
    (c) =>
      html`<tr><td><a href="${packagePath(c.ecosystem, c.name)}">${c.name}</a>${c.url === undefined ? '' : html`<br>${externalLink(c.url)}`}</td><td>${c.version ?? c.specifier ?? ''}</td><td>${c.dev ? 'dev' : 'runtime'}${c.direct ? '' : ', transitive'}</td><td>${c.issues.map((id) => html`<a href="#issue-${id}">${id}</a> `)}</td></tr>`,
  )}</tbody></table>`;
}

export function packagePage(view: PackageView): Html {
  const title = `${view.name} ${view.version}`;
  const reasons = view.verdict.reasons.map(
    (r) => html`<li>${severityTag(r.severity)} <a href="#issue-${r.issue}">${r.title}</a></li>`,
  );
  return page(
    { title },
    html`<p class="muted">${view.ecosystem} package</p>
<h1>${view.name} <span class="muted">${view.version}</span></h1>
<p>${verdictBadge(view.verdict.level)} ${view.complete ? '' : html`<span class="tag sev-medium">incomplete scan</span>`}</p>
${view.fromIndex ? html`<p class="note">From the community index: the verdict follows the catalog severities of the issues found, and the evidence is not stored. <a href="/scan?target=${encodeURIComponent(`${view.ecosystem}:${view.name}${view.ecosystem === 'npm' ? '@' : '=='}${view.version}`)}">Scan this version</a> for the full report.</p>` : ''}
${reasons.length === 0 ? '' : html`<ul>${reasons}</ul>`}
<p class="muted">${view.artifact === null ? '' : html`${view.artifact.file} &middot; ${formatCount(view.artifact.size)} bytes &middot; sha256 ${view.artifact.sha256} &middot; `}scanned ${(view.scannedAt ?? '').slice(0, 10)} by assay ${view.analyzerVersion ?? ''}</p>
<p class="muted">${view.dependents === null ? 'Dependents: no information' : `${formatCount(view.dependents)} indexed packages depend on it`}${view.prevalenceIndex === null ? ' \u00b7 No prevalence information at this time' : html` &middot; prevalence from ${view.prevalenceIndex.name}, built ${view.prevalenceIndex.built.slice(0, 10)}`}</p>
<h2>Top issues (${view.issues.length})</h2>
${view.issues.length === 0 ? html`<p class="muted">No issues.</p>` : view.issues.map((issue) => issueCard(view, issue))}
<h2>Top behaviors (${view.behaviors.length})</h2>
${view.behaviors.length === 0 ? html`<p class="muted">No behaviors.</p>` : html`<table><thead><tr><th>Behavior</th><th>Category</th><th>Count</th><th>Prevalence</th></tr></thead><tbody>${view.behaviors.map((b) => behaviorRow(view, b))}</tbody></table>`}
<h2>Top vulnerabilities</h2>
${vulnerabilities(view.vulnerabilities)}
<h2>Components</h2>
${components(view.components)}
<h2>Indexed versions</h2>
<table><thead><tr><th>Version</th><th>Verdict</th><th>Indexed</th><th>Report</th></tr></thead><tbody>${view.versions.map(
      (v) =>
        html`<tr><td><a href="${packagePath(view.ecosystem, view.name, v.version)}">${v.version}</a></td><td>${verdictBadge(v.verdict)}</td><td class="muted">${(v.indexedAt ?? '').slice(0, 10)}</td><td class="muted">${v.report ? 'full report' : 'index only'}</td></tr>`,
    )}</tbody></table>`,
  );
}
