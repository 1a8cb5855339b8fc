import { AssayError } from '../core/errors.ts';
import type { Report } from './model.ts';
import { renderHtml } from './render-html.ts';
import { renderJson } from './render-json.ts';
import { renderMarkdown } from './render-markdown.ts';
import { renderSarif } from './render-sarif.ts';
import { renderText } from './render-text.ts';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'cyclonedx', 'markdown', 'html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface RenderOptions {
  readonly color: boolean;
  readonly maxEvidence: number;
  readonly docsBaseUrl?: string;
}

let cycloneDx: ((report: Report) => string) | undefined;

/**
 * Loads what rendering `format` needs beyond this module. CycloneDX's library (its SPDX tables, its JSON-schema
 * validator with ajv) is loaded only for `-f cyclonedx`: initialising it cost every other scan's start about
 * 30 ms of CPU. Await it before renderAs or renderManyAs.
 */
export async function loadRenderer(format: OutputFormat): Promise<void> {
  if (format === 'cyclonedx') cycloneDx ??= (await import('./render-cyclonedx.ts')).renderCycloneDx;
}

/** One report in the chosen format (after `await loadRenderer(format)`). */
export function renderAs(format: OutputFormat, report: Report, options: RenderOptions): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(
        report,
        options.docsBaseUrl === undefined ? {} : { docsBaseUrl: options.docsBaseUrl },
      );
    case 'cyclonedx':
      if (cycloneDx === undefined) throw new Error("renderAs: loadRenderer('cyclonedx') was not awaited");
      return cycloneDx(report);
    case 'markdown':
      return renderMarkdown(report, { maxEvidence: options.maxEvidence });
    case 'html':
      return renderHtml(report, { maxEvidence: options.maxEvidence });
    case 'text':
      return renderText(report, { color: options.color, maxEvidence: options.maxEvidence, width: 100 });
  }
}

/**
 * Several reports in one output (several artifacts or targets in one run): SARIF gets one run per report in one
 * log, Markdown and HTML are placed one after the other. An SBOM describes one thing, so it refuses.
 */
export function renderManyAs(
  format: Exclude<OutputFormat, 'text' | 'json'>,
  reports: readonly Report[],
  options: RenderOptions,
): string {
  if (format === 'sarif') {
    const logs = reports.map(
      (report) => JSON.parse(renderAs('sarif', report, options)) as { runs: unknown[] },
    );
    const [first] = logs;
    if (first === undefined) return '';
    return `${JSON.stringify({ ...first, runs: logs.flatMap((log) => log.runs) }, null, 2)}\n`;
  }
  if (format === 'cyclonedx') {
    throw new AssayError(
      'E_USAGE',
      'a CycloneDX SBOM describes one package or project: scan one target (or one artifact) per SBOM',
    );
  }
  return reports.map((report) => renderAs(format, report, options)).join('\n');
}
