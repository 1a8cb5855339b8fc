// The provenance state of the most-downloaded npm packages: for the latest version of each of the top N (from the
// shipped popularity snapshot), whether the registry lists attestations, whether they verify against the shipped
// trusted root (subject digest = the registry's sha512 of the tarball), and whether the repository that built it
// is the declared one.
//
//   npx tsx scripts/provenance-top.ts [--top 100] [--registry https://registry.npmjs.org] [--json out.json]
import { writeFileSync } from 'node:fs';
import { SnapshotStore } from '../src/community/data/snapshots.ts';
import { mapBounded } from '../src/core/concurrency.ts';
import { fetchJson, npmProvenance } from '../src/provenance/npm.ts';
import type { ProvenanceResult } from '../src/provenance/types.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? (args[index + 1] ?? fallback) : fallback;
};
const top = Number(option('--top', '100'));
const registry = option('--registry', 'https://registry.npmjs.org').replace(/\/+$/, '');
const jsonOut = args.includes('--json') ? option('--json', 'provenance-top.json') : undefined;

const snapshot = new SnapshotStore().npmHighImpact();
const names = snapshot.topDownload.slice(0, top);

interface Row {
  readonly name: string;
  readonly version?: string;
  readonly listsAttestations: boolean;
  readonly result: ProvenanceResult | { readonly status: 'error'; readonly reason: string };
}

const rows = await mapBounded(names, 4, async (name): Promise<Row> => {
  try {
    const manifest = (await fetchJson(`${registry}/${name.replace('/', '%2f')}/latest`)) as Record<
      string,
      unknown
    >;
    const dist = (manifest['dist'] ?? {}) as Record<string, unknown>;
    const result = await npmProvenance(manifest);
    return {
      name,
      version: String(manifest['version'] ?? ''),
      listsAttestations: dist['attestations'] !== undefined,
      result,
    };
  } catch (error) {
    return { name, listsAttestations: false, result: { status: 'error', reason: (error as Error).message } };
  }
});

const count = (test: (row: Row) => boolean) => rows.filter(test).length;
const verified = rows.filter((row) => row.result.status === 'verified');
const summary = {
  date: new Date().toISOString(),
  registry,
  popularity: `${snapshot.source} (${snapshot.sourceDate})`,
  packages: rows.length,
  withAttestations: count((row) => row.listsAttestations),
  verified: verified.length,
  failed: count((row) => row.result.status === 'failed'),
  notChecked: count((row) => row.result.status === 'not-checked' || row.result.status === 'error'),
  repositoryMismatch: count(
    (row) => row.result.status === 'verified' && row.result.repositoryCheck === 'mismatch',
  ),
  repositoryNotDeclared: count(
    (row) => row.result.status === 'verified' && row.result.repositoryCheck === 'not-declared',
  ),
  publishAttestationVerified: count(
    (row) => row.result.status === 'verified' && row.result.publishAttestation === 'verified',
  ),
};
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
for (const row of rows) {
  if (
    row.result.status === 'failed' ||
    (row.result.status === 'verified' && row.result.repositoryCheck === 'mismatch')
  ) {
    process.stdout.write(`${row.name}@${row.version}: ${JSON.stringify(row.result)}\n`);
  }
}
if (jsonOut !== undefined) writeFileSync(jsonOut, `${JSON.stringify({ summary, rows }, null, 2)}\n`);
