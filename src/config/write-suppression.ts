import { z } from 'zod';
import { AssayError } from '../core/errors.ts';
import { rootRelativePath } from '../report/fingerprint.ts';

/** What `assay suppress` writes: one entry per component (or file) the issue names. */
export interface NewSuppression {
  readonly policy: string;
  readonly package: string;
  readonly file?: string;
  readonly sha256?: string;
  readonly reason: string;
  readonly expires: string;
  readonly by: string;
}

const evidenceSchema = z.object({ component: z.string().optional(), file: z.string().optional() });
const reportSchema = z.object({
  target: z.object({
    ecosystem: z.enum(['npm', 'pypi']),
    name: z.string(),
    version: z.string(),
    artifact: z.object({ file: z.string(), format: z.string() }),
  }),
  issues: z.array(z.object({ id: z.string(), evidence: z.array(evidenceSchema) })),
  evidenceFiles: z.array(z.object({ path: z.string(), sha256: z.string() })).optional(),
});

/** Reads the parts of a JSON report that a suppression is made from. */
export function parseReportForSuppression(text: string, file: string): z.infer<typeof reportSchema> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AssayError('E_USAGE', `${file}: not JSON; give a report written by assay scan -f json`);
  }
  const parsed = reportSchema.safeParse(data);
  if (!parsed.success) throw new AssayError('E_USAGE', `${file}: not a JSON report of assay scan -f json`);
  return parsed.data;
}

/**
 * Entries that accept one issue of a report as it stands: each component at its exact version, and for findings
 * in a package's own files, the file with its sha256, so that any later change to the file raises it again.
 */
export function suppressionsFor(
  report: z.infer<typeof reportSchema>,
  issueId: string,
  fields: { reason: string; expires: string; by: string },
): NewSuppression[] {
  const issue = report.issues.find((candidate) => candidate.id === issueId);
  if (issue === undefined) {
    const ids = report.issues.map((candidate) => candidate.id).join(', ') || 'none';
    throw new AssayError('E_USAGE', `the report has no issue '${issueId}' (its issues: ${ids})`);
  }
  const { ecosystem, name, version } = report.target;
  const targetPurl = `pkg:${ecosystem}/${encodeURIComponent(name).replace(/%2F/gi, '/')}@${encodeURIComponent(version)}`;
  const target = { ...report.target };
  const seen = new Set<string>();
  const entries: NewSuppression[] = [];
  for (const item of issue.evidence.length > 0 ? issue.evidence : [{}]) {
    const purl = 'component' in item && item.component ? item.component : targetPurl;
    const path =
      !('component' in item && item.component) && 'file' in item && item.file !== undefined
        ? rootRelativePath(target, item.file)
        : undefined;
    const sha256 =
      path === undefined ? undefined : report.evidenceFiles?.find((file) => file.path === path)?.sha256;
    const key = `${purl}\u0000${path ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({
      policy: issueId,
      package: purl,
      ...(path === undefined || sha256 === undefined ? {} : { file: path, sha256 }),
      ...fields,
    });
  }
  return entries;
}

/** TOML for the entries; JSON string syntax is valid TOML basic-string syntax for every character. */
export function suppressionsToml(entries: readonly NewSuppression[]): string {
  return entries
    .map((entry) =>
      [
        '[[suppress]]',
        `policy = ${JSON.stringify(entry.policy)}`,
        `package = ${JSON.stringify(entry.package)}`,
        ...(entry.file === undefined ? [] : [`file = ${JSON.stringify(entry.file)}`]),
        ...(entry.sha256 === undefined ? [] : [`sha256 = ${JSON.stringify(entry.sha256)}`]),
        `reason = ${JSON.stringify(entry.reason)}`,
        `expires = ${entry.expires}`,
        `by = ${JSON.stringify(entry.by)}`,
        '',
      ].join('\n'),
    )
    .join('\n');
}
