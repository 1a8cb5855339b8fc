import type { IssueEvidence, Occurrence } from '../catalog/types.ts';
import type { ProvenanceResult } from '../provenance/types.ts';
import type { ReportBehavior, ReportIssue } from '../report/model.ts';
import { code } from '../report/render-markdown.ts';
import { formatLocation, formatPrevalence } from '../report/render-text.ts';
import { escapeForJson, escapeForTerminal, truncate } from '../report/sanitize.ts';
import type { DeclarationChange, DiffEvidence, FindingChange, PackageDiff } from './model.ts';

export const DIFF_FORMATS = ['text', 'json', 'markdown'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffRenderOptions {
  /** Evidence lines per finding. */
  readonly maxEvidence: number;
  /** Changed files listed before the rest is summed up. */
  readonly maxFiles: number;
}

export function renderDiff(format: DiffFormat, diff: PackageDiff, options: DiffRenderOptions): string {
  if (format === 'json') {
    return `${JSON.stringify(diff, (_key, value: unknown) => (typeof value === 'string' ? escapeForJson(value) : value), 2)}\n`;
  }
  return renderLines(diff, options, format === 'markdown' ? MARKDOWN : TEXT);
}

/** How the two human formats differ: headings, list items and how a package string is quoted. */
interface Style {
  heading(text: string): string;
  item(text: string, depth: number): string;
  quote(text: string): string;
}

const TEXT: Style = {
  heading: (text) => `\n${text}`,
  item: (text, depth) => `${'  '.repeat(depth + 1)}${text}`,
  quote: (text) => escapeForTerminal(truncate(text, 200)),
};

const MARKDOWN: Style = {
  heading: (text) => `\n## ${text}\n`,
  item: (text, depth) => `${'  '.repeat(depth)}- ${text}`,
  quote: (text) => code(text),
};

const VERDICT = { pass: 'PASS', warning: 'WARNING', fail: 'FAIL' } as const;

function renderLines(diff: PackageDiff, options: DiffRenderOptions, style: Style): string {
  const q = style.quote;
  const out: string[] = [];
  const side = (s: PackageDiff['old']) => `${q(s.name)} ${q(s.version)} (${s.ecosystem}, ${s.verdict})`;
  out.push(
    style === MARKDOWN
      ? `# assay diff: ${side(diff.old)} → ${side(diff.new)}`
      : `assay diff  ${side(diff.old)} → ${side(diff.new)}`,
  );
  out.push(
    `${style === MARKDOWN ? '\n' : ''}What is new: ${VERDICT[diff.verdict.level]}${
      diff.verdict.reasons.length === 0
        ? ''
        : ` (${diff.verdict.reasons.map((r) => `${r.id}, ${r.severity}`).join('; ')})`
    }`,
  );

  out.push(style.heading(`Findings about the change (${diff.findings.length})`));
  if (diff.findings.length === 0) out.push(style.item('None of the diff checks fired.', 0));
  for (const finding of diff.findings) {
    out.push(style.item(`${finding.id} [${finding.severity}]: ${finding.title}`, 0));
    out.push(...evidenceLines(finding.evidence, options.maxEvidence, style, 1));
  }

  out.push(style.heading('Issues'));
  out.push(...findingLines(diff.issues, options, style, 'issue'));
  out.push(style.heading('Behaviors'));
  out.push(...findingLines(diff.behaviors, options, style, 'behavior'));

  out.push(style.heading('Dependencies'));
  if (diff.dependencies.length === 0) out.push(style.item('No dependency added, removed or re-pointed.', 0));
  for (const change of diff.dependencies) {
    const spec =
      change.status === 're-pointed'
        ? `${q(change.oldSpec ?? '')} → ${q(change.newSpec ?? '')}`
        : q((change.status === 'added' ? change.newSpec : change.oldSpec) || '(any version)');
    out.push(style.item(`${change.status}: ${q(change.name)} ${spec} (${change.kind})`, 0));
  }

  for (const [title, changes] of [
    ['Install scripts', diff.installScripts],
    ['Entry points', diff.entryPoints],
    ['Binaries (bin)', diff.bins],
  ] as const) {
    out.push(style.heading(title));
    out.push(...declarationLines(changes, style));
  }
  out.push(style.heading('Maintainers and publisher'));
  if (diff.maintainers === null)
    out.push(style.item('Not compared: the registry was not asked for both versions.', 0));
  else out.push(...declarationLines(diff.maintainers, style));

  out.push(style.heading('Provenance (npm attestations, Sigstore)'));
  if (diff.provenance === null)
    out.push(style.item('Not checked: npm registry versions only, when the registry is asked.', 0));
  else {
    out.push(style.item(`old: ${provenanceLine(diff.provenance.old, q)}`, 0));
    out.push(style.item(`new: ${provenanceLine(diff.provenance.new, q)}`, 0));
  }

  const { files } = diff;
  out.push(
    style.heading(
      `Files: ${files.added} added, ${files.removed} removed, ${files.changed} changed, ${files.unchanged} unchanged`,
    ),
  );
  for (const change of files.changes.slice(0, options.maxFiles)) {
    const size =
      change.status === 'changed'
        ? `${change.oldSize} → ${change.newSize} bytes`
        : `${change.status === 'added' ? change.newSize : change.oldSize} bytes`;
    out.push(style.item(`${change.status.padEnd(7)} ${q(change.path)} (${size})`, 0));
  }
  if (files.changes.length > options.maxFiles) {
    out.push(style.item(`… and ${files.changes.length - options.maxFiles} more (see --format json)`, 0));
  }
  return `${out.join('\n')}\n`;
}

function evidenceLines(
  items: readonly (DiffEvidence | Occurrence | IssueEvidence)[],
  max: number,
  style: Style,
  depth: number,
): string[] {
  const out = items.slice(0, max).map((item) => {
    const where = formatLocation(item);
    const parts = [where === '' ? '' : style.quote(where), item.snippet ? style.quote(item.snippet) : ''];
    if (item.detail) parts.push(`(${style.quote(item.detail)})`);
    return style.item(parts.filter(Boolean).join('  '), depth);
  });
  if (items.length > max) out.push(style.item(`… ${items.length - max} more`, depth));
  return out;
}

function findingLines<T extends ReportBehavior | ReportIssue>(
  changes: readonly FindingChange<T>[],
  options: DiffRenderOptions,
  style: Style,
  kind: 'behavior' | 'issue',
): string[] {
  if (changes.length === 0) return [style.item(`No ${kind} appeared or disappeared.`, 0)];
  const out: string[] = [];
  for (const change of changes) {
    const counts = change.status === 'changed' ? ` (${change.oldCount} → ${change.newCount})` : '';
    const severity = kind === 'issue' ? ` [${change.finding.severity}]` : '';
    out.push(style.item(`${change.status}: ${change.id}${severity}${counts}: ${change.finding.title}`, 0));
    if (change.status === 'disappeared') continue;
    // Evidence for what appeared; a count that moved is listed with its prevalence only (see --format json).
    if (change.status === 'appeared') {
      const evidence = 'occurrences' in change.finding ? change.finding.occurrences : change.finding.evidence;
      out.push(...evidenceLines(evidence, options.maxEvidence, style, 1));
    }
    out.push(style.item(`Prevalence: ${formatPrevalence(change.prevalence, kind).join(' — ')}`, 1));
  }
  return out;
}

function declarationLines(changes: readonly DeclarationChange[], style: Style): string[] {
  if (changes.length === 0) return [style.item('No change.', 0)];
  return changes.map((change) => {
    const value =
      change.status === 'changed'
        ? `${style.quote(change.oldValue ?? '')} → ${style.quote(change.newValue ?? '')}`
        : style.quote((change.status === 'added' ? change.newValue : change.oldValue) ?? '');
    return style.item(`${change.status}: ${style.quote(change.name)}  ${value}`, 0);
  });
}

function provenanceLine(result: ProvenanceResult, quote: (text: string) => string): string {
  switch (result.status) {
    case 'none':
      return 'no attestations';
    case 'not-checked':
      return `not checked (${quote(result.reason)})`;
    case 'failed':
      return `does not verify: ${quote(result.reason)}`;
    case 'verified':
      return `verified, built by ${quote(result.repository)} ${quote(result.workflow ?? '')} ${quote(result.ref ?? '')}; repository ${result.repositoryCheck}; publish attestation ${result.publishAttestation}`;
  }
}
