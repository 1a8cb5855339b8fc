import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { currentId } from '../catalog/aliases.ts';
import { AssayError } from '../core/errors.ts';

/** Built on first use: most runs read no baseline, and building a schema costs a few ms of a run's start. */
function buildBaselineSchema() {
  const issueSchema = z.object({
    id: z.string(),
    fingerprints: z.object({ finding: z.string(), evidence: z.array(z.string()) }).optional(),
  });
  const reportSchema = z.object({ schemaVersion: z.string(), issues: z.array(issueSchema) });
  return z.union([reportSchema, z.object({ reports: z.array(reportSchema) })]);
}

/** The findings of an earlier run: the evidence fingerprints of each issue id it reported. */
export interface Baseline {
  readonly file: string;
  readonly evidence: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Reads a JSON report (or a multi-report document) written by `assay scan -f json`. */
export function readBaseline(file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AssayError(
      'E_CONFIG',
      `baseline ${file}: cannot read it as JSON (${(error as Error).message})`,
      {
        cause: error,
      },
    );
  }
  const parsed = buildBaselineSchema().safeParse(data);
  if (!parsed.success) {
    throw new AssayError('E_CONFIG', `baseline ${file}: not a JSON report of assay scan -f json`);
  }
  const reports = 'reports' in parsed.data ? parsed.data.reports : [parsed.data];
  const evidence = new Map<string, Set<string>>();
  for (const issue of reports.flatMap((report) => report.issues)) {
    if (issue.fingerprints === undefined) {
      throw new AssayError(
        'E_CONFIG',
        `baseline ${file}: issue ${issue.id} has no fingerprints; write the baseline again with this version of assay`,
      );
    }
    // A report saved before a rename (src/catalog/aliases.ts) names the issue by its former id.
    const id = currentId(issue.id);
    const set = evidence.get(id) ?? new Set<string>();
    for (const fingerprint of [issue.fingerprints.finding, ...issue.fingerprints.evidence])
      set.add(fingerprint);
    evidence.set(id, set);
  }
  return { file, evidence };
}
