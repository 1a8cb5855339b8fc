import { type IssueLevel, levelOfSeverity, verdictFor } from '../catalog/engine.ts';
import { evidenceFingerprint, fingerprintsOf, rootRelativePath } from '../report/fingerprint.ts';
import type { Report, ReportIssue, ReportPolicy, ReportSuppressionEntry } from '../report/model.ts';
import type { Baseline } from './baseline.ts';
import { applyLists, LIST_ISSUE_IDS } from './lists.ts';
import { profileLevel } from './profiles.ts';
import { purlMatches } from './purl-pattern.ts';
import type { AssayConfig } from './types.ts';

const LIST_ISSUES: ReadonlySet<string> = new Set(LIST_ISSUE_IDS);

export interface JudgeOptions {
  readonly config: AssayConfig;
  readonly baseline?: Baseline;
  /** The day suppressions are checked against (UTC). */
  readonly now: Date;
}

type Evidence = ReportIssue['evidence'][number];

function levelOf(config: AssayConfig, issue: ReportIssue): IssueLevel {
  const override = config.levels[issue.id];
  if (override !== undefined) return override;
  // The lists are the team's own rules: no profile turns them down or up.
  if (LIST_ISSUES.has(issue.id)) return levelOfSeverity(issue.severity);
  return profileLevel(config.profile, issue, issue.severity);
}

function targetPurl(report: Report): string {
  const { ecosystem, name, version } = report.target;
  return `pkg:${ecosystem}/${encodeURIComponent(name).replace(/%2F/gi, '/')}@${encodeURIComponent(version)}`;
}

/** Whether an entry accepts one evidence item of an issue (the package, and the file with its hash if named). */
function entryMatches(
  entry: ReportSuppressionEntry,
  report: Report,
  issue: ReportIssue,
  item: Evidence | undefined,
): boolean {
  if (entry.policy !== issue.id) return false;
  const purl = item?.component ?? (report.target.version === 'project' ? undefined : targetPurl(report));
  if (purl === undefined || !purlMatches(entry.package, purl)) return false;
  if (entry.file === undefined) return true;
  if (item?.file === undefined || rootRelativePath(report.target, item.file) !== entry.file) return false;
  if (entry.sha256 === undefined) return true;
  // The hash pins the exact file that was reviewed: any change to it raises the finding again.
  return (report.evidenceFiles ?? []).some(
    (file) => file.path === entry.file && file.sha256 === entry.sha256,
  );
}

function withEvidence(report: Report, issue: ReportIssue, evidence: readonly Evidence[]): ReportIssue {
  return { ...issue, evidence, fingerprints: fingerprintsOf(issue.id, report.target, evidence) };
}

function isNew(report: Report, issue: ReportIssue, baseline: Baseline): boolean {
  const known = baseline.evidence.get(issue.id);
  if (known === undefined) return true;
  if (issue.evidence.length === 0) return !known.has(issue.fingerprints?.finding ?? '');
  // New as soon as one piece of evidence is: an old finding that gained a new component or file is news.
  return issue.evidence.some((item) => !known.has(evidenceFingerprint(issue.id, report.target, item)));
}

/**
 * Applies assay.toml to a report: the [allow] / [deny] lists (src/config/lists.ts), each issue's level (profile, then per-policy override), suppressions (accepted
 * evidence leaves the issue; an issue with nothing left moves to the suppressed section), expired and unused
 * entries, and the baseline. The verdict is computed again from the levels, over what is still reported.
 */
export function judgeReport(scanned: Report, options: JudgeOptions): Report {
  const { config, baseline } = options;
  const { report, allowed } = applyLists(scanned, config);
  const today = options.now.toISOString().slice(0, 10);
  const active = config.suppressions.filter((entry) => entry.expires >= today);
  const expired = config.suppressions.filter((entry) => entry.expires < today);
  const used = new Set<ReportSuppressionEntry>();
  const expiredHits = new Map<ReportSuppressionEntry, Set<string>>();
  const suppressed: { entry: ReportSuppressionEntry; issue: ReportIssue }[] = [];
  const off: string[] = [];
  const issues: ReportIssue[] = [];

  for (const issue of report.issues) {
    const level = levelOf(config, issue);
    if (level === 'off') {
      off.push(issue.id);
      continue;
    }
    const items: (Evidence | undefined)[] = issue.evidence.length === 0 ? [undefined] : [...issue.evidence];
    const kept: Evidence[] = [];
    const accepted = new Map<ReportSuppressionEntry, Evidence[]>();
    let wholeIssue: ReportSuppressionEntry | undefined;
    for (const item of items) {
      for (const entry of expired) {
        if (entryMatches(entry, report, issue, item))
          expiredHits.set(entry, (expiredHits.get(entry) ?? new Set()).add(issue.id));
      }
      const entry = active.find((candidate) => entryMatches(candidate, report, issue, item));
      if (entry === undefined) {
        if (item !== undefined) kept.push(item);
        continue;
      }
      used.add(entry);
      if (item === undefined) wholeIssue = entry;
      else accepted.set(entry, [...(accepted.get(entry) ?? []), item]);
    }
    if (wholeIssue !== undefined) {
      suppressed.push({ entry: wholeIssue, issue });
      continue;
    }
    for (const [entry, evidence] of accepted)
      suppressed.push({ entry, issue: withEvidence(report, issue, evidence) });
    if (issue.evidence.length > 0 && kept.length === 0) continue;
    const remaining = accepted.size === 0 ? issue : withEvidence(report, issue, kept);
    issues.push({
      ...remaining,
      ...(level === levelOfSeverity(issue.severity) ? {} : { level }),
      ...(baseline === undefined
        ? {}
        : { baselineState: isNew(report, remaining, baseline) ? 'new' : 'unchanged' }),
    });
  }

  const levelFor = (issue: ReportIssue) => issue.level ?? levelOfSeverity(issue.severity);
  const titled = (verdict: ReturnType<typeof verdictFor>): Report['verdict'] => ({
    level: verdict.level,
    reasons: verdict.reasons.map((reason) => ({
      ...reason,
      title: report.issues.find((issue) => issue.id === reason.issue)?.title ?? reason.issue,
    })),
  });
  const newIssues = issues.filter((issue) => issue.baselineState === 'new');
  const policy: ReportPolicy = {
    ...(config.file === undefined ? {} : { config: config.file }),
    profile: config.profile,
    off,
    suppressed,
    expired: expired.map((entry) => ({ entry, issues: [...(expiredHits.get(entry) ?? [])].sort() })),
    unused: active.filter((entry) => !used.has(entry)),
    ...(allowed.length === 0 ? {} : { allowed }),
    ...(baseline === undefined
      ? {}
      : {
          baseline: {
            file: baseline.file,
            newIssues: newIssues.length,
            unchangedIssues: issues.length - newIssues.length,
            verdict: verdictFor(newIssues, levelFor).level,
          },
        }),
  };
  return { ...report, issues, verdict: titled(verdictFor(issues, levelFor)), policy };
}
