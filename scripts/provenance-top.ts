// The provenance state of the most-downloaded npm packages: for the latest version of each of the top N (from the
// shipped popularity snapshot), whether the registry lists attestations, whether they verify against the shipped
// trusted root (subject digest = the registry's sha512 of the tarball), and whether the repository that built it
// is the declared one.
//
// A registry mirror may strip `dist.attestations` from its manifests and refuse the attestations endpoint. Each
// package's endpoint (/-/npm/v1/attestations/<name>@<version>) is therefore asked too, and when the registry served
// no attestations at all the script says so instead of reporting "0 verified" as if it had been measured.
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
  /** The HTTP status of the attestations endpoint for this version (0: no answer). */
  readonly endpointStatus?: number;
  readonly result: ProvenanceResult | { readonly status: 'error'; readonly reason: string };
}

const rows = await mapBounded(names, 4, async (name): Promise<Row> => {
  try {
    const manifest = (await fetchJson(`${registry}/${name.replace('/', '%2f')}/latest`)) as Record<
      string,
      unknown
    >;
    const dist = (manifest['dist'] ?? {}) as Record<string, unknown>;
    const version = String(manifest['version'] ?? '');
    const result = await npmProvenance(manifest);
    const endpointStatus = await fetch(
      `${registry}/-/npm/v1/attestations/${name.replace('/', '%2f')}@${version}`,
      {
        signal: AbortSignal.timeout(30_000),
      },
    ).then(
      async (response) => {
        await response.body?.cancel();
        return response.status;
      },
      () => 0,
    );
    return { name, version, listsAttestations: dist['attestations'] !== undefined, endpointStatus, result };
  } catch (error) {
    return { name, listsAttestations: false, result: { status: 'error', reason: (error as Error).message } };
  }
});

const count = (test: (row: Row) => boolean) => rows.filter(test).length;
const verified = rows.filter((row) => row.result.status === 'verified');
const withAttestations = count((row) => row.listsAttestations);
const endpointAnswered = count((row) => row.endpointStatus === 200);
// Nothing to verify anywhere: the registry (a mirror, typically) serves no attestations, so the figures below say
// nothing about npm itself.
const servedNone = withAttestations === 0 && endpointAnswered === 0;
const summary = {
  date: new Date().toISOString(),
  registry,
  popularity: `${snapshot.source} (${snapshot.sourceDate})`,
  packages: rows.length,
  measured: !servedNone,
  withAttestations,
  attestationsEndpoint: Object.fromEntries(
    [...new Set(rows.map((row) => row.endpointStatus ?? 0))]
      .sort((a, b) => a - b)
      .map((status) => [String(status), count((row) => (row.endpointStatus ?? 0) === status)]),
  ),
  errors: count((row) => row.result.status === 'error'),
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
if (servedNone) {
  process.stdout.write(
    `\nThe registry served no attestations: none of the ${rows.length} manifests lists dist.attestations and the ` +
      `attestations endpoint answered ${JSON.stringify(summary.attestationsEndpoint)} (status: packages). ` +
      'Nothing was verified because nothing was served; these zeros are not a measurement of npm. ' +
      'Run against a registry that serves attestations (--registry) to measure.\n',
  );
} else if (endpointAnswered > withAttestations) {
  process.stdout.write(
    `\nThe attestations endpoint answered for ${endpointAnswered} versions but only ${withAttestations} manifests ` +
      'list dist.attestations: this registry strips the field, so packages without it were not checked.\n',
  );
}
for (const row of rows) {
  if (
    row.result.status === 'failed' ||
    (row.result.status === 'verified' && row.result.repositoryCheck === 'mismatch')
  ) {
    process.stdout.write(`${row.name}@${row.version}: ${JSON.stringify(row.result)}\n`);
  }
}
if (jsonOut !== undefined) writeFileSync(jsonOut, `${JSON.stringify({ summary, rows }, null, 2)}\n`);
