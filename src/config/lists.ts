/**
 * The [allow] and [deny] lists of assay.toml, applied to a report before levels and suppressions:
 * - deny.licenses / allow.licenses judge the declared license of the package and of every production component;
 * - deny.packages names packages (purl patterns) that must not be used at all;
 * - deny.hosts names hosts the code must not contact (a subdomain counts as its host);
 * - allow.packages and allow.hosts take findings of the `hunting` category off the components and hosts the team
 *   has vetted. They never hide malware, tampering, secrets or vulnerability findings: an allowed host that receives
 *   stolen credentials is still reported.
 */
import type { IssueEvidence } from '../catalog/types.ts';
import { fingerprintsOf } from '../report/fingerprint.ts';
import type { Report, ReportAllowedEvidence, ReportIssue } from '../report/model.ts';
import { licenseChoices, normalizedLicenseId } from './license-choices.ts';
import { purlMatches } from './purl-pattern.ts';
import type { AssayConfig, PolicyLists } from './types.ts';

/** Issue ids the lists raise; assay.toml may set their level or suppress them like any policy's. */
export const LIST_ISSUE_IDS = [
  'denied-license',
  'license-not-allowed',
  'denied-package',
  'denied-host',
] as const;
export type ListIssueId = (typeof LIST_ISSUE_IDS)[number];

/** Evidence items per list issue: a lockfile of thousands of components must not make an unreadable report. */
const MAX_EVIDENCE = 200;

type IssueText = Pick<ReportIssue, 'title' | 'category' | 'severity' | 'riskLabel' | 'problem' | 'nextSteps'>;

const TEXTS: Record<ListIssueId, IssueText> = {
  'denied-license': {
    title: 'Uses a license that assay.toml denies.',
    category: 'licenses',
    severity: 'high',
    riskLabel: 'License denied by policy',
    problem:
      'The project configuration lists this license as one the team may not ship. Every choice the declared ' +
      'license expression offers includes a denied license, so using the component means accepting its terms.',
    nextSteps: [
      'Replace the component with one under a license the team accepts.',
      'If the team agreed to an exception, record it as a suppression with a reason and an expiry date.',
    ],
  },
  'license-not-allowed': {
    title: 'Uses a license that is not on the allow list of assay.toml.',
    category: 'licenses',
    severity: 'medium',
    riskLabel: 'License outside the allow list',
    problem:
      'The project configuration accepts only the licenses on its allow list, and no choice of the declared ' +
      'license expression is made of allowed licenses alone. The license has not been reviewed by the team.',
    nextSteps: [
      'Have the license reviewed; add it to the allow list when it is acceptable.',
      'Otherwise replace the component with one under an allowed license.',
    ],
  },
  'denied-package': {
    title: 'Uses a package that assay.toml denies.',
    category: 'hunting',
    severity: 'high',
    riskLabel: 'Package denied by policy',
    problem:
      'The project configuration names this package (or this range of its versions) as one that must not be ' +
      'used, for example after an incident, a licence dispute or an internal decision.',
    nextSteps: [
      'Remove the package or move to a version outside the denied range.',
      'Find out why it was denied before asking for an exception.',
    ],
  },
  'denied-host': {
    title: 'Contacts a host that assay.toml denies.',
    category: 'hunting',
    severity: 'high',
    riskLabel: 'Network host denied by policy',
    problem:
      'The code names a URL on a host that the project configuration denies. Traffic to it is against the ' +
      "team's rules, whether the host is a known exfiltration endpoint or a service the team does not use.",
    nextSteps: [
      'Read the code around the URL to see what is sent to the host and when.',
      'Remove the dependency or ask its maintainers why it contacts that host.',
    ],
  },
};

function hostMatches(pattern: string, host: string): boolean {
  const want = pattern.trim().toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
  const have = host.toLowerCase().replace(/\.$/, '');
  return want !== '' && (have === want || have.endsWith(`.${want}`));
}

/** The hosts of the URLs a snippet holds. */
function hostsIn(text: string): string[] {
  return [
    ...text.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s'"`]*@)?(\[[0-9a-f:]+\]|[^/\s:'"`?#\\]+)/gi),
  ].map((match) => (match[1] ?? '').toLowerCase());
}

interface Licensed {
  readonly purl: string;
  readonly license: string;
  readonly file: string;
  readonly line?: number;
}

/** The declared licenses that ship: the package itself and its production components. */
function licensed(report: Report): Licensed[] {
  const out: Licensed[] = [];
  const seen = new Set<string>();
  const targetPurl = report.components?.find((c) => c.role === 'target')?.purl;
  if (report.target.license !== undefined && report.target.version !== 'project') {
    const purl =
      targetPurl ?? `pkg:${report.target.ecosystem}/${report.target.name}@${report.target.version}`;
    seen.add(purl);
    out.push({
      purl,
      license: report.target.license,
      file: report.metadata.sources[0]?.file ?? report.target.artifact.file,
    });
  }
  for (const component of report.components ?? []) {
    // A development dependency is not shipped to users, so its license terms do not reach them.
    if (component.dev || component.license === undefined || seen.has(component.purl)) continue;
    seen.add(component.purl);
    out.push({
      purl: component.purl,
      license: component.license,
      file: component.declaredIn.file,
      ...(component.declaredIn.line === undefined ? {} : { line: component.declaredIn.line }),
    });
  }
  return out;
}

function licenseEvidence(item: Licensed, detail: string): IssueEvidence {
  return {
    component: item.purl,
    file: item.file,
    ...(item.line === undefined ? {} : { line: item.line }),
    snippet: item.license,
    detail,
  };
}

function licenseFindings(
  report: Report,
  allow: PolicyLists,
  deny: PolicyLists,
): Map<ListIssueId, IssueEvidence[]> {
  const denied = new Set(deny.licenses.map(normalizedLicenseId));
  const allowed = new Set(allow.licenses.map(normalizedLicenseId));
  const out = new Map<ListIssueId, IssueEvidence[]>();
  const add = (id: ListIssueId, evidence: IssueEvidence) => out.set(id, [...(out.get(id) ?? []), evidence]);
  for (const item of licensed(report)) {
    const choices = licenseChoices(item.license).map((choice) => choice.map(normalizedLicenseId));
    if (denied.size > 0 && choices.every((choice) => choice.some((id) => denied.has(id)))) {
      const named = [...new Set(choices.flat().filter((id) => denied.has(id)))];
      add('denied-license', licenseEvidence(item, `denied by assay.toml: ${named.join(', ')}`));
      continue;
    }
    if (allowed.size > 0 && !choices.some((choice) => choice.every((id) => allowed.has(id)))) {
      add('license-not-allowed', licenseEvidence(item, 'no choice of this license is on the allow list'));
    }
  }
  return out;
}

function packageFindings(report: Report, deny: PolicyLists): IssueEvidence[] {
  if (deny.packages.length === 0) return [];
  const out: IssueEvidence[] = [];
  for (const component of report.components ?? []) {
    const pattern = deny.packages.find((candidate) => purlMatches(candidate, component.purl));
    if (pattern === undefined) continue;
    out.push({
      component: component.purl,
      file: component.declaredIn.file,
      ...(component.declaredIn.line === undefined ? {} : { line: component.declaredIn.line }),
      detail: `denied by assay.toml: ${pattern}`,
    });
  }
  return out;
}

function hostFindings(report: Report, deny: PolicyLists): IssueEvidence[] {
  if (deny.hosts.length === 0) return [];
  const out: IssueEvidence[] = [];
  for (const endpoint of report.endpoints ?? []) {
    const pattern = deny.hosts.find((candidate) => hostMatches(candidate, endpoint.host));
    if (pattern === undefined) continue;
    out.push({
      file: endpoint.file,
      ...(endpoint.line === undefined ? {} : { line: endpoint.line }),
      snippet: endpoint.url,
      detail: `host ${endpoint.host} is denied by assay.toml (${pattern})`,
    });
  }
  return out;
}

function listIssue(report: Report, id: ListIssueId, evidence: readonly IssueEvidence[]): ReportIssue {
  const kept = evidence.slice(0, MAX_EVIDENCE);
  return {
    id,
    ...TEXTS[id],
    ...(evidence.length > kept.length
      ? { detail: `${evidence.length} items; the first ${kept.length} are listed.` }
      : {}),
    references: {},
    evidence: kept,
    prevalence: null,
    fingerprints: fingerprintsOf(id, report.target, kept),
  };
}

/** Whether an allow list vouches for one evidence item: its component, or every URL host in its snippet. */
function allowedBy(lists: PolicyLists, item: IssueEvidence): string | undefined {
  if (item.component !== undefined) {
    const pattern = lists.packages.find((candidate) => purlMatches(candidate, item.component ?? ''));
    if (pattern !== undefined) return pattern;
  }
  const hosts = hostsIn(`${item.snippet ?? ''} ${item.detail ?? ''}`);
  if (hosts.length === 0) return undefined;
  const patterns = hosts.map((host) => lists.hosts.find((candidate) => hostMatches(candidate, host)));
  return patterns.every((pattern) => pattern !== undefined) ? patterns[0] : undefined;
}

export interface ListedReport {
  readonly report: Report;
  /** Evidence the allow lists took off hunting findings, with the entry that did it. */
  readonly allowed: readonly ReportAllowedEvidence[];
}

/** Adds the deny-list issues and takes allowed evidence off hunting issues. A report without lists is unchanged. */
export function applyLists(report: Report, config: Pick<AssayConfig, 'allow' | 'deny'>): ListedReport {
  const { allow, deny } = config;
  const allowed: ReportAllowedEvidence[] = [];
  const issues: ReportIssue[] = [];
  const allowing = allow.packages.length > 0 || allow.hosts.length > 0;
  for (const issue of report.issues) {
    if (!allowing || issue.category !== 'hunting' || issue.evidence.length === 0) {
      issues.push(issue);
      continue;
    }
    const kept: IssueEvidence[] = [];
    for (const item of issue.evidence) {
      const entry = allowedBy(allow, item);
      if (entry === undefined) kept.push(item);
      else allowed.push({ issue: issue.id, entry, evidence: item });
    }
    if (kept.length === issue.evidence.length) issues.push(issue);
    else if (kept.length > 0)
      issues.push({ ...issue, evidence: kept, fingerprints: fingerprintsOf(issue.id, report.target, kept) });
  }
  const found = licenseFindings(report, allow, deny);
  found.set('denied-package', packageFindings(report, deny));
  found.set('denied-host', hostFindings(report, deny));
  for (const id of LIST_ISSUE_IDS) {
    const evidence = found.get(id) ?? [];
    if (evidence.length > 0) issues.push(listIssue(report, id, evidence));
  }
  return { report: { ...report, issues }, allowed };
}
