// Regenerates the shipped prevalence snapshots, data/prevalence/{npm,pypi}.json, with assay itself:
//   npm:  the top N (default 1,000) packages of the npm-high-impact download ranking, from the npm registry;
//   PyPI: the popular projects that Debian 12 packages as python3-* (PyPI itself is unreachable here),
//         from the corpus `npm run corpus:debian` builds (~/.cache/assay/corpus/pypi-debian).
//
//   npm run data:prevalence [-- --only npm|pypi] [--npm-top 1000] [--pypi-from DIR] [--db FILE] [--out DIR]
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
  formatSnapshot,
  openCommunityStore,
} from '../src/community/index/index.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    'npm-top': { type: 'string', default: '1000' },
    'pypi-from': { type: 'string', default: join(homedir(), '.cache', 'assay', 'corpus', 'pypi-debian') },
    db: { type: 'string', default: join(homedir(), '.cache', 'assay', 'prevalence-build.db') },
    out: { type: 'string', default: DEFAULT_PREVALENCE_DIR },
    concurrency: { type: 'string', default: '2' },
  },
});
const io = processIo();
const outDir = resolve(values.out);
mkdirSync(outDir, { recursive: true });
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
    const snapshot = exportSnapshot(store, 'pypi', {
      name: 'assay prevalence snapshot',
      corpus: `PyPI: ${store.state('pypi')?.packages.community ?? manifestRows} popular projects as packaged by Debian 12 (python3-*)`,
      popularitySource: `${top.name} (${top.source}, ${top.sourceDate})`,
    });
    writeFileAtomic(join(outDir, 'pypi.json'), formatSnapshot(snapshot));
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
    const snapshot = exportSnapshot(store, 'npm', {
      name: 'assay prevalence snapshot',
      corpus: `npm: ${(store.state('npm')?.packages.community ?? 0).toLocaleString('en')} of the top ${top.toLocaleString('en')} packages by downloads, from the npm registry`,
      popularitySource: `${ranking.name} (${ranking.source}, ${ranking.sourceDate})`,
    });
    writeFileAtomic(join(outDir, 'npm.json'), formatSnapshot(snapshot));
    io.stderr(`wrote ${join(outDir, 'npm.json')}: ${JSON.stringify(snapshot.packages)}\n`);
  }
} finally {
  store.close();
}
