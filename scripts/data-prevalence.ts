// Regenerates the shipped prevalence snapshots, data/prevalence/{npm,pypi}.json, with assay itself:
//   npm:  the top N (default 1,000) packages of the npm-high-impact download ranking, from the npm registry;
//   PyPI: the popular projects that Debian 12 packages as python3-* (PyPI itself is unreachable here),
//         from the corpus `npm run corpus:debian` builds (~/.cache/assay/corpus/pypi-debian).
//
//   npm run data:prevalence [-- --only npm|pypi] [--npm-top 1000] [--pypi-from DIR] [--db FILE] [--out DIR]
//   npm run data:prevalence -- --index postgres://… [--only npm|pypi]   export from a built index (no scanning)
//
// The build database is kept (default ~/.cache/assay/prevalence-build.db), so an interrupted run resumes
// and a re-run after a catalog change rescans from the download cache.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { progressPrinter, topNames } from '../src/cli/commands/community.ts';
import { processIo } from '../src/cli/io.ts';
import { writeFileAtomic } from '../src/cli/output.ts';
import { snapshots } from '../src/community/data/snapshots.ts';
import {
  type BuildSummary,
  buildFromDirectory,
  buildFromRegistry,
  DEFAULT_PREVALENCE_DIR,
  exportSnapshot,
  exportSnapshotFrom,
  formatSnapshot,
  openCommunityIndex,
  openCommunityStore,
} from '../src/community/index/index.ts';
import type { Ecosystem } from '../src/metadata/types.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    'npm-top': { type: 'string', default: '1000' },
    'pypi-from': { type: 'string', default: join(homedir(), '.cache', 'assay', 'corpus', 'pypi-debian') },
    db: { type: 'string', default: join(homedir(), '.cache', 'assay', 'prevalence-build.db') },
    out: { type: 'string', default: DEFAULT_PREVALENCE_DIR },
    concurrency: { type: 'string', default: '2' },
    index: { type: 'string' },
  },
});

/** Snapshot text within the shipped-data budget (both files together ≤ 2 MB). */
const MAX_SNAPSHOT_BYTES = 1024 * 1024;

function writeSnapshot(path: string, text: string): void {
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_SNAPSHOT_BYTES)
    throw new Error(`${path} would be ${bytes} bytes, over ${MAX_SNAPSHOT_BYTES}`);
  writeFileAtomic(path, text);
}

const outDir = resolve(values.out);
mkdirSync(outDir, { recursive: true });

// `--index`: the snapshot of an index built elsewhere (the PostgreSQL index of `community worker`s).
if (values.index !== undefined) {
  const index = await openCommunityIndex(values.index);
  const data = snapshots();
  try {
    for (const ecosystem of ['npm', 'pypi'] as Ecosystem[]) {
      if (values.only !== undefined && values.only !== ecosystem) continue;
      // Counted now, so the corpus line names the same package count as the snapshot's tiers.
      const state = await index.refresh(ecosystem);
      const packages = state?.packages.community ?? 0;
      const ranking = ecosystem === 'npm' ? data.npmHighImpact() : data.pypiTop();
      const snapshot = await exportSnapshotFrom(index, ecosystem, {
        name: 'assay prevalence snapshot',
        corpus:
          ecosystem === 'npm'
            ? `npm: ${packages.toLocaleString('en')} packages of the npm-high-impact lists and their dependencies, latest versions from the npm registry`
            : `PyPI: ${packages.toLocaleString('en')} popular projects as packaged by Debian 12 (python3-*)`,
        popularitySource: `${ranking.name} (${ranking.source}, ${ranking.sourceDate})`,
      });
      writeSnapshot(join(outDir, `${ecosystem}.json`), formatSnapshot(snapshot));
      process.stderr.write(`wrote ${ecosystem}.json: ${JSON.stringify(snapshot.packages)}\n`);
    }
  } finally {
    await index.close();
  }
  process.exit(0);
}
const io = processIo();
const store = openCommunityStore(resolve(values.db));
const progress = progressPrinter(io, true);
const concurrency = Number(values.concurrency);
const data = snapshots();

function report(what: string, summary: BuildSummary): void {
  io.stderr(
    `${what}: indexed ${summary.indexed}, skipped ${summary.skipped}, failed ${summary.failed.length} of ${summary.total} in ${(summary.durationMs / 1000).toFixed(0)} s (analyzer ${summary.analyzerVersion})\n`,
  );
  for (const failure of summary.failed) io.stderr(`  failed ${failure.label}: ${failure.message}\n`);
}

try {
  if (values.only === undefined || values.only === 'pypi') {
    const dir = resolve(values['pypi-from']);
    if (!existsSync(join(dir, 'MANIFEST.tsv'))) {
      throw new Error(`no PyPI corpus at ${dir}: run npm run corpus:debian first`);
    }
    const summary = await buildFromDirectory(dir, 'pypi', {
      store,
      snapshots: data,
      concurrency,
      onProgress: progress,
    });
    report('PyPI (Debian corpus)', summary);
    const manifestRows = readFileSync(join(dir, 'MANIFEST.tsv'), 'utf8').trim().split('\n').length - 1;
    const top = data.pypiTop();
    const snapshot = await exportSnapshot(store, 'pypi', {
      name: 'assay prevalence snapshot',
      corpus: `PyPI: ${store.state('pypi')?.packages.community ?? manifestRows} popular projects as packaged by Debian 12 (python3-*)`,
      popularitySource: `${top.name} (${top.source}, ${top.sourceDate})`,
    });
    writeSnapshot(join(outDir, 'pypi.json'), formatSnapshot(snapshot));
    io.stderr(`wrote ${join(outDir, 'pypi.json')}: ${JSON.stringify(snapshot.packages)}\n`);
  }
  if (values.only === undefined || values.only === 'npm') {
    const top = Number(values['npm-top']);
    const names = topNames('npm', top);
    const summary = await buildFromRegistry('npm', names, {
      store,
      snapshots: data,
      concurrency,
      onProgress: progress,
      fetch: { env: process.env },
    });
    report(`npm (top ${top})`, summary);
    const ranking = data.npmHighImpact();
    const snapshot = await exportSnapshot(store, 'npm', {
      name: 'assay prevalence snapshot',
      corpus: `npm: ${(store.state('npm')?.packages.community ?? 0).toLocaleString('en')} of the top ${top.toLocaleString('en')} packages by downloads, from the npm registry`,
      popularitySource: `${ranking.name} (${ranking.source}, ${ranking.sourceDate})`,
    });
    writeSnapshot(join(outDir, 'npm.json'), formatSnapshot(snapshot));
    io.stderr(`wrote ${join(outDir, 'npm.json')}: ${JSON.stringify(snapshot.packages)}\n`);
  }
} finally {
  store.close();
}
