import type { IssueEvidence, Occurrence } from '../../catalog/types.ts';
import { type Html, html } from '../html.ts';
import { catalogPath, packagePath } from '../paths.ts';
import { page } from './layout.ts';

export interface Excerpt {
  /** Consecutive lines of the file, the first one numbered `first`. */
  readonly first: number;
  readonly lines: readonly string[];
}

export interface EvidenceModel {
  readonly ecosystem: 'npm' | 'pypi';
  readonly name: string;
  readonly version: string;
  readonly kind: 'behavior' | 'issue';
  readonly id: string;
  readonly title: string;
  readonly item: Occurrence | IssueEvidence;
  /** The lines around the occurrence, re-read from the artifact; null when it is not at hand. */
  readonly excerpt: Excerpt | null;
}

/** Long lines (minified code) are cut so that one line cannot make the page megabytes long. */
const MAX_LINE = 400;

function excerptTable(excerpt: Excerpt, marked: number | undefined): Html {
  return html`<table class="excerpt">${excerpt.lines.map((line, i) => {
    const n = excerpt.first + i;
    const text = line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)} \u2026` : line;
    return html`<tr${n === marked ? html` class="hit" id="marked"` : ''}><td class="n">${n}</td><td>${text}</td></tr>`;
  })}</table>`;
}

export function evidencePage(model: EvidenceModel): Html {
  const { item } = model;
  const position = [
    item.line === undefined ? null : `line ${item.line}`,
    item.column === undefined ? null : `column ${item.column}`,
    item.field === undefined ? null : `field ${item.field}`,
  ].filter((part) => part !== null);
  const marked = item.line;
  const fallback: Excerpt | null =
    item.snippet === undefined ? null : { first: marked ?? 1, lines: [item.snippet] };
  const shown = model.excerpt ?? fallback;
  return page(
    { title: `Evidence: ${model.id} in ${model.name}` },
    html`<p class="muted"><a href="${packagePath(model.ecosystem, model.name, model.version)}">${model.name} ${model.version}</a> &rsaquo; evidence</p>
<h1><a href="${catalogPath(model.kind, model.id)}">${model.title}</a></h1>
<p><strong>File</strong> <code>${item.file ?? 'metadata'}</code> ${position.join(', ')}</p>
${item.detail === undefined ? '' : html`<p>${item.detail}</p>`}
${shown === null ? html`<p class="muted">No text is recorded for this evidence.</p>` : excerptTable(shown, marked)}
${model.excerpt === null ? html`<p class="muted">The file itself is not at hand (the artifact is not in this server's cache): shown is the matched text as the scan recorded it.</p>` : ''}`,
  );
}
