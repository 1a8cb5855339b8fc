// Runs only the secrets behaviors over every archive of the given folders and prints each hit (masked), for
// checking the findings on the benign and malicious corpora by hand. Reads archives in memory only.
//
//   tsx scripts/secrets-probe.ts DIR [DIR …]
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadArtifact } from '../src/artifacts/load.ts';
import { secretsBehaviors } from '../src/behaviors/secrets/index.ts';
import { runBehaviors, runPolicies } from '../src/catalog/engine.ts';
import { describeError } from '../src/core/errors.ts';
import type { PackageSnapshot } from '../src/metadata/snapshot.ts';
import { secretsPolicies } from '../src/policies/secrets/index.ts';

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
      const snapshot = {
        ecosystem: 'pypi',
        name: path,
        version: '',
        artifact: { file: path, sha256: artifact.sha256, size: artifact.size, format: artifact.format },
        files: artifact.files,
        metadata: {},
        anomalies: artifact.anomalies,
        limitHits: artifact.limitHits,
      } as unknown as PackageSnapshot;
      const detection = { snapshot, facts: { sources: [], urls: [], embedded: [], problems: [] } };
      const { hits, outcomes } = runBehaviors(secretsBehaviors, detection);
      const { issues } = runPolicies(secretsPolicies, detection, hits);
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
