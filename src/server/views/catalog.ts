import type { Ecosystem } from '../../metadata/types.ts';
import type { IdPrevalence, RankedPackageRef } from '../data/types.ts';
import { type Html, html } from '../html.ts';
import { catalogPath, packagePath } from '../paths.ts';
import { formatCount, prevalenceBlock, severityTag } from './components.ts';
import { page } from './layout.ts';

export interface CatalogEntryView {
  readonly kind: 'behavior' | 'issue';
  readonly id: string;
  readonly title: string;
  readonly category: string;
  readonly severity: string;
  readonly description: string;
  readonly problem: string;
  readonly nextSteps: readonly string[];
  readonly riskLabel?: string;
  readonly references: Readonly<Record<string, readonly string[] | undefined>>;
  /** Behaviors an issue reads. */
  readonly uses?: readonly string[];
}

export interface CatalogItemModel {
  readonly entry: CatalogEntryView;
  readonly ecosystems: readonly {
    readonly ecosystem: Ecosystem;
    readonly prevalence: IdPrevalence | null;
    readonly packages: readonly RankedPackageRef[];
  }[];
}

export function catalogItemPage(model: CatalogItemModel): Html {
  const e = model.entry;
  const refs = Object.entries(e.references).flatMap(([k, ids]) => (ids ?? []).map((id) => `${k}: ${id}`));
  return page(
    { title: e.title },
    html`<p class="muted"><a href="/catalog">Catalog</a> &rsaquo; ${e.kind === 'behavior' ? 'behaviors' : 'issues'}</p>
<h1>${e.title}</h1>
<p><span class="tag">${e.category}</span>${severityTag(e.severity)}${e.riskLabel === undefined ? '' : html`<span class="muted">${e.riskLabel}</span>`} <span class="muted">id ${e.id}</span></p>
<p>${e.description}</p>
<p><strong>Problem.</strong> ${e.problem}</p>
<p><strong>Next steps</strong></p><ul>${e.nextSteps.map((s) => html`<li>${s}</li>`)}</ul>
${e.uses === undefined || e.uses.length === 0 ? '' : html`<p>Reads the behaviors ${e.uses.map((id) => html`<a href="${catalogPath('behavior', id)}">${id}</a> `)}</p>`}
${refs.length === 0 ? '' : html`<p class="muted">Also known as ${refs.join(', ')}</p>`}
<h2>Prevalence</h2>
<div class="grid">${model.ecosystems.map(
      (eco) => html`<div class="card"><h3>${eco.ecosystem}</h3>
${prevalenceBlock(eco.prevalence?.counts ?? null, eco.prevalence?.source.packages ?? null)}
${eco.prevalence === null ? '' : html`<p class="muted">${eco.prevalence.source.kind}: ${eco.prevalence.source.name}, built ${eco.prevalence.source.built.slice(0, 10)}</p>`}
<p><strong>Most popular packages showing it</strong></p>
${eco.packages.length === 0 ? html`<p class="muted">None in the local index${eco.prevalence?.source.kind === 'shipped snapshot' ? ' (the shipped snapshot records counts, not names)' : ''}.</p>` : html`<ol>${eco.packages.map((p) => html`<li><a href="${packagePath(p.ecosystem, p.name, p.version)}">${p.name}</a> <span class="muted">${p.version}${p.rank === null ? '' : html` &middot; rank ${formatCount(p.rank)}`}</span></li>`)}</ol>`}
</div>`,
    )}</div>`,
  );
}

export function catalogListPage(entries: readonly CatalogEntryView[]): Html {
  const section = (kind: 'behavior' | 'issue', heading: string) =>
    html`<h2>${heading}</h2><table><thead><tr><th>Title</th><th>Category</th><th>Severity</th></tr></thead><tbody>${entries
      .filter((e) => e.kind === kind)
      .map(
        (e) =>
          html`<tr><td><a href="${catalogPath(kind, e.id)}">${e.title}</a><br><span class="muted">${e.id}</span></td><td>${e.category}</td><td>${severityTag(e.severity)}</td></tr>`,
      )}</tbody></table>`;
  return page(
    { title: 'Catalog' },
    html`<h1>Catalog</h1><p>Every issue and behavior assay reports, with how common it is.</p>${section('issue', 'Issues')}${section('behavior', 'Behaviors')}`,
  );
}
