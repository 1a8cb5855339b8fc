// Runs only the behaviors and policies of the assessment categories (secrets, licenses, serialized data, wheel
// integrity) over every archive of the given folders and prints each hit (secrets masked) and issue, for checking
// the findings on the benign and malicious corpora by hand. Reads archives in memory only; no code analysis.
//
//   tsx scripts/assessments-probe.ts DIR [DIR …]
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadArtifact } from '../src/artifacts/load.ts';
import { wheelRecordMismatch } from '../src/behaviors/anomaly/wheel-record-mismatch.ts';
import { licensesBehaviors } from '../src/behaviors/licenses/index.ts';
import { secretsBehaviors } from '../src/behaviors/secrets/index.ts';
import { serializedDataBehaviors } from '../src/behaviors/serialized-data/index.ts';
import { runBehaviors, runPolicies } from '../src/catalog/engine.ts';
import { describeError } from '../src/core/errors.ts';
import { huntingPolicies } from '../src/policies/hunting/index.ts';
import { integrityPolicies } from '../src/policies/integrity/index.ts';
import { licensesPolicies } from '../src/policies/licenses/index.ts';
import { secretsPolicies } from '../src/policies/secrets/index.ts';
import { buildSnapshot } from '../src/scan/scan.ts';

const BEHAVIORS = [
  ...secretsBehaviors,
  ...serializedDataBehaviors,
  ...licensesBehaviors,
  wheelRecordMismatch,
];
const POLICIES = [
  ...secretsPolicies,
  ...licensesPolicies,
  ...integrityPolicies,
  ...huntingPolicies.filter((policy) => policy.id.startsWith('serialized-')),
];
const ARCHIVE = /\.(whl|zip|egg|tar|tar\.gz|tgz|tar\.bz2|tar\.xz)$/i;

function list(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...list(full));
    else if (ARCHIVE.test(entry.name)) out.push(full);
  }
  return out.sort();
}

const counts = new Map<string, Set<string>>();
for (const dir of process.argv.slice(2)) {
  for (const path of list(resolve(dir))) {
    try {
      const artifact = await loadArtifact(path);
      const snapshot = await buildSnapshot(artifact);
      const detection = { snapshot, facts: { sources: [], urls: [], embedded: [], problems: [] } };
      const { hits, outcomes } = runBehaviors(BEHAVIORS, detection);
      const { issues } = runPolicies(POLICIES, detection, hits);
      for (const issue of issues) {
        const key = `issue ${issue.id} ${issue.severity}`;
        const packages = counts.get(key) ?? new Set<string>();
        packages.add(path);
        counts.set(key, packages);
        process.stdout.write(
          `ISSUE\t${issue.id}\t${issue.severity}\t${path.split('/').pop()}\t${issue.finding.detail ?? ''}\n`,
        );
      }
      for (const outcome of outcomes)
        if (outcome.status === 'error')
          process.stdout.write(`ERROR ${path} ${outcome.id} ${outcome.message}\n`);
      for (const hit of hits) {
        const packages = counts.get(hit.id) ?? new Set<string>();
        packages.add(path);
        counts.set(hit.id, packages);
        for (const occurrence of hit.occurrences.slice(0, 5))
          process.stdout.write(
            `${hit.id}\t${path.split('/').pop()}\t${occurrence.file}:${occurrence.line}\t${occurrence.snippet}\t${occurrence.detail}\n`,
          );
      }
    } catch (error) {
      process.stdout.write(`UNREADABLE ${path} ${describeError(error).message}\n`);
    }
  }
}
for (const [id, packages] of [...counts].sort())
  process.stdout.write(`TOTAL\t${id}\t${packages.size} packages\n`);
