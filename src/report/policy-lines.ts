import type { Report, ReportSuppressionEntry } from './model.ts';

/** What assay.toml did to a report, as plain sentences that every renderer escapes its own way. */
export interface PolicyLines {
  readonly summary?: string;
  readonly suppressed: readonly string[];
  readonly expired: readonly string[];
  readonly unused: readonly string[];
  /** Evidence the [allow] lists took off hunting findings. */
  readonly allowed: readonly string[];
}

function entryName(entry: ReportSuppressionEntry): string {
  return `${entry.origin} (${entry.policy}, ${entry.package}${entry.file ? `, ${entry.file}` : ''})`;
}

export function policyLines(report: Report): PolicyLines | undefined {
  const policy = report.policy;
  if (policy === undefined) return undefined;
  const baseline = policy.baseline;
  const parts = [
    `profile ${policy.profile}${policy.config ? ` from ${policy.config}` : ''}`,
    policy.off.length > 0 ? `off: ${policy.off.join(', ')}` : '',
    baseline
      ? `baseline ${baseline.file}: ${baseline.newIssues} new, ${baseline.unchangedIssues} unchanged; the exit code follows the new ones (${baseline.verdict.toUpperCase()})`
      : '',
  ].filter(Boolean);
  return {
    summary: parts.join(' · '),
    suppressed: policy.suppressed.map(({ entry, issue }) => {
      const what = issue.evidence
        .map((item) => item.component ?? item.file ?? '')
        .filter(Boolean)
        .slice(0, 5)
        .join(', ');
      return `${issue.id}${what ? ` [${what}]` : ''}: "${entry.reason}", accepted by ${entry.by} until ${entry.expires} (${entry.origin})`;
    }),
    expired: policy.expired.map(
      ({ entry, issues }) =>
        `${entryName(entry)} expired on ${entry.expires}${issues.length > 0 ? `: no longer suppresses ${issues.join(', ')}` : ''}`,
    ),
    unused: policy.unused.map((entry) => `${entryName(entry)} matched nothing in this scan`),
    allowed: (policy.allowed ?? []).map(({ issue, entry, evidence }) => {
      const where =
        evidence.component ??
        (evidence.file ? `${evidence.file}${evidence.line ? `:${evidence.line}` : ''}` : '');
      return `${issue}${where ? ` [${where}]` : ''}: allowed by ${entry}`;
    }),
  };
}
