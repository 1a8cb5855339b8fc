import type { Ecosystem } from '../../metadata/types.ts';
import type { PackageRef, PrevalenceSource } from '../data/types.ts';
import { type Html, html } from '../html.ts';
import { packagePath } from '../paths.ts';
import { formatCount } from './components.ts';
import { page } from './layout.ts';

export interface HomeModel {
  readonly sources: readonly PrevalenceSource[];
  readonly indexed: Readonly<Record<Ecosystem, number>>;
  readonly recent: readonly PackageRef[];
}

export function packageList(refs: readonly PackageRef[]): Html {
  if (refs.length === 0) return html`<p class="muted">None.</p>`;
  return html`<table><thead><tr><th>Package</th><th>Ecosystem</th><th>Version</th><th>Indexed</th></tr></thead><tbody>${refs.map(
    (r) =>
      html`<tr><td><a href="${packagePath(r.ecosystem, r.name)}">${r.name}</a></td><td>${r.ecosystem}</td><td><a href="${packagePath(r.ecosystem, r.name, r.version)}">${r.version}</a></td><td class="muted">${r.indexedAt.slice(0, 10)}</td></tr>`,
  )}</tbody></table>`;
}

export function homePage(model: HomeModel): Html {
  const sources = model.sources.map(
    (s) => html`<div class="card"><h3>${s.ecosystem}</h3>
<p><strong>${formatCount(s.packages.community)}</strong> packages behind the prevalence figures
(${formatCount(s.packages.top100)} in Top 100 &middot; ${formatCount(s.packages.top1k)} in Top 1k &middot; ${formatCount(s.packages.top10k)} in Top 10k)</p>
<p class="muted">${s.kind}: ${s.name}, built ${s.built.slice(0, 10)}; analyzer ${s.analyzerVersion}</p>
<p class="muted">${formatCount(model.indexed[s.ecosystem] ?? 0)} packages with pages in the local index</p></div>`,
  );
  return page(
    { title: 'Packages and their behaviors' },
    html`<h1>What open-source packages do, and how common it is</h1>
<form action="/search" method="get" class="card">
<label for="q">Find a package by name or purl</label><br>
<input id="q" type="search" name="q" placeholder="express, pypi:requests, pkg:npm/lodash@4.17.21">
<button type="submit">Search</button>
</form>
<h2>Index</h2>
<div class="grid">${sources.length === 0 ? html`<p class="muted">No index and no shipped snapshot found.</p>` : sources}</div>
<h2>Recently indexed</h2>
${packageList(model.recent)}`,
  );
}

export function searchPage(query: string, results: readonly PackageRef[]): Html {
  return page(
    { title: `Search: ${query}`, query },
    html`<h1>Packages matching &ldquo;${query}&rdquo;</h1>
${packageList(results)}
<p class="muted">Not there? <a href="/scan?target=${encodeURIComponent(query)}">Scan it</a>.</p>`,
  );
}
