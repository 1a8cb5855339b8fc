// Evaluation: scans every archive of a malicious and a benign corpus and prints, per ecosystem, recall
// (malicious packages with a `fail` verdict), the false-positive rate (benign packages with `fail`), the
// per-behavior and per-issue trigger counts on each side, and the throughput.
//
//   npm run eval -- --malicious ../shared/corpus/malicious --benign ~/.cache/assay/corpus/pypi-debian [--write docs/evaluation.md]
//
// The corpora are read in memory by assay itself; nothing is extracted, installed or run.
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createAnalysisPool } from '../src/analysis/pool/index.ts';
import { verdictFor } from '../src/catalog/engine.ts';
import { mapBounded } from '../src/core/concurrency.ts';
import { describeError } from '../src/core/errors.ts';
import type { Ecosystem } from '../src/metadata/types.ts';
import { scanPath } from '../src/scan/scan.ts';

// Issues decided from data sets about the name (the OpenSSF malicious list, typosquat pairs, registry state) rather
// than from the package's code. The corpus packages are all listed as malicious, so recall is also reported without
// them: that figure is what the code analysis catches on its own, e.g. for a package nobody has reported yet.
const DATA_ISSUES = new Set([
  'known-malicious-component',
  'typosquat-component',
  'removed-from-registry',
  'never-published-name',
]);

const ARCHIVE = /\.(whl|zip|egg|tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz)$/i;

const { values } = parseArgs({
  options: {
    malicious: { type: 'string', multiple: true, default: [] },
    benign: { type: 'string', multiple: true, default: [] },
    write: { type: 'string' },
    limit: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

function listArchives(dir: string): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (ARCHIVE.test(entry.name)) out.push(full);
    }
  };
  walk(resolve(dir));
  return out.sort();
}

type Side = 'malicious' | 'benign';
interface Outcome {
  readonly side: Side;
  readonly file: string;
  readonly ecosystem: Ecosystem | 'unknown';
  readonly verdict: 'pass' | 'warning' | 'fail' | 'error';
  /** The verdict without the data-set issues (DATA_ISSUES). */
  readonly codeVerdict: 'pass' | 'warning' | 'fail' | 'error';
  readonly behaviors: readonly string[];
  readonly issues: readonly string[];
  readonly bytes: number;
  readonly error?: string;
}

const limit = values.limit === undefined ? Number.POSITIVE_INFINITY : Number(values.limit);
// One pool for the whole run: worker threads start once, not once per package.
const pool = createAnalysisPool();
const SCANS_IN_FLIGHT = 2;
const started = performance.now();
const jobs = (['malicious', 'benign'] as const).flatMap((side) =>
  values[side].flatMap((dir) =>
    listArchives(dir)
      .slice(0, limit)
      .map((file) => ({ side, file })),
  ),
);
// Two packages in flight: one package's unpacking and judging on the main thread overlaps the other's
// parse in the pool, as a registry indexer would run it.
const outcomes: Outcome[] = await mapBounded(
  jobs,
  SCANS_IN_FLIGHT,
  async ({ side, file }): Promise<Outcome> => {
    try {
      const result = await scanPath(file, { pool });
      if (values.verbose)
        process.stderr.write(
          `${side}\t${result.verdict.level}\t${relative(process.cwd(), file)}\t${result.issues.map((i) => i.id).join(',')}\n`,
        );
      return {
        side,
        file,
        ecosystem: result.snapshot.ecosystem,
        verdict: result.verdict.level,
        codeVerdict: verdictFor(result.issues.filter((issue) => !DATA_ISSUES.has(issue.id))).level,
        behaviors: result.behaviors.map((hit) => hit.id),
        issues: result.issues.map((issue) => issue.id),
        bytes: result.snapshot.files.reduce((sum, f) => sum + f.data.length, 0),
      };
    } catch (error) {
      const { code, message } = describeError(error);
      process.stderr.write(`error\t${file}\t${code}: ${message}\n`);
      return {
        side,
        file,
        ecosystem: 'unknown',
        verdict: 'error',
        codeVerdict: 'error',
        behaviors: [],
        issues: [],
        bytes: 0,
        error: `${code}: ${message}`,
      };
    }
  },
);
const seconds = (performance.now() - started) / 1000;
await pool.close();

function pct(n: number, d: number): string {
  return d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)} %`;
}

function counts(items: readonly Outcome[], key: 'behaviors' | 'issues'): Map<string, number> {
  const map = new Map<string, number>();
  for (const item of items) for (const id of new Set(item[key])) map.set(id, (map.get(id) ?? 0) + 1);
  return map;
}

/**
 * Malicious outcomes by the folder they sit in under the corpus root ('npm', 'npm/partial', 'npm/projects'), so
 * complete packages, payloads kept without their manifest and job-scam projects are read apart.
 */
function folderGroups(items: readonly Outcome[]): Map<string, Outcome[]> {
  const groups = new Map<string, Outcome[]>();
  for (const item of items) {
    const root = values.malicious.map((dir) => resolve(dir)).find((dir) => item.file.startsWith(`${dir}/`));
    const inner = root === undefined ? item.file : relative(root, item.file);
    const slash = inner.lastIndexOf('/');
    const folder = slash < 0 ? '.' : inner.slice(0, slash);
    groups.set(folder, [...(groups.get(folder) ?? []), item]);
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

/** Benign outcomes by the corpus folder given on the command line (latest versions apart from old versions). */
function benignCorpora(items: readonly Outcome[]): Map<string, Outcome[]> {
  const groups = new Map<string, Outcome[]>();
  for (const item of items) {
    const root = values.benign.map((dir) => resolve(dir)).find((dir) => item.file.startsWith(`${dir}/`));
    const name = root === undefined ? '.' : (root.split('/').pop() ?? root);
    groups.set(name, [...(groups.get(name) ?? []), item]);
  }
  return groups;
}

const lines: string[] = [];
const ecosystems = [...new Set(outcomes.map((o) => o.ecosystem))].filter((e) => e !== 'unknown');
for (const ecosystem of ecosystems) {
  const mal = outcomes.filter((o) => o.side === 'malicious' && o.ecosystem === ecosystem);
  const ben = outcomes.filter((o) => o.side === 'benign' && o.ecosystem === ecosystem);
  const tally = (items: Outcome[], level: Outcome['verdict']) =>
    items.filter((o) => o.verdict === level).length;
  lines.push(`## ${ecosystem}`, '');
  lines.push('| side | packages | fail | warning | pass | tool errors |', '|---|---|---|---|---|---|');
  for (const [name, items] of [
    ['malicious', mal],
    ['benign', ben],
  ] as const) {
    lines.push(
      `| ${name} | ${items.length} | ${tally(items, 'fail')} | ${tally(items, 'warning')} | ${tally(items, 'pass')} | ${tally(items, 'error')} |`,
    );
  }
  lines.push('');
  lines.push(
    `- **Recall** (malicious with a \`fail\` verdict): ${tally(mal, 'fail')} / ${mal.length} = ${pct(tally(mal, 'fail'), mal.length)}`,
  );
  const codeFails = (items: Outcome[]) => items.filter((o) => o.codeVerdict === 'fail').length;
  lines.push(
    `- Recall from code and metadata alone (without the data-set issues ${[...DATA_ISSUES].join(', ')}): ${codeFails(mal)} / ${mal.length} = ${pct(codeFails(mal), mal.length)}`,
  );
  lines.push(
    `- **False-positive rate** (benign with a \`fail\` verdict): ${tally(ben, 'fail')} / ${ben.length} = ${pct(tally(ben, 'fail'), ben.length)}`,
  );
  const failedBenign = ben.filter((o) => o.verdict === 'fail');
  if (failedBenign.length > 0) {
    lines.push(
      `- Benign packages that failed: ${failedBenign.map((o) => `${o.file.split('/').slice(-2).join('/')} (${o.issues.join(', ')})`).join('; ')}`,
    );
  }
  const groups = folderGroups(mal);
  if (groups.size > 1) {
    lines.push(
      '',
      '| malicious folder | packages | fail | warning | pass | tool errors |',
      '|---|---|---|---|---|---|',
    );
    for (const [folder, items] of groups)
      lines.push(
        `| ${folder} | ${items.length} | ${tally(items, 'fail')} | ${tally(items, 'warning')} | ${tally(items, 'pass')} | ${tally(items, 'error')} |`,
      );
    lines.push('');
  }
  const corpora = benignCorpora(ben);
  if (corpora.size > 1) {
    lines.push(
      '| benign corpus | packages | fail | warning | pass | tool errors |',
      '|---|---|---|---|---|---|',
    );
    for (const [corpus, items] of corpora)
      lines.push(
        `| ${corpus} | ${items.length} | ${tally(items, 'fail')} | ${tally(items, 'warning')} | ${tally(items, 'pass')} | ${tally(items, 'error')} |`,
      );
    lines.push('');
  }
  const missed = mal.filter((o) => o.verdict !== 'fail');
  if (missed.length > 0)
    lines.push(
      `- Malicious packages not failed: ${missed.map((o) => `${o.file.split('/').pop()} (${o.verdict})`).join('; ')}`,
    );
  lines.push('');
  for (const key of ['issues', 'behaviors'] as const) {
    const m = counts(mal, key);
    const b = counts(ben, key);
    const ids = [...new Set([...m.keys(), ...b.keys()])].sort(
      (x, y) => (m.get(y) ?? 0) - (m.get(x) ?? 0) || x.localeCompare(y),
    );
    lines.push(`### Per-${key === 'issues' ? 'issue' : 'behavior'} trigger counts (packages)`, '');
    lines.push(`| id | malicious (of ${mal.length}) | benign (of ${ben.length}) |`, '|---|---|---|');
    for (const id of ids) lines.push(`| \`${id}\` | ${m.get(id) ?? 0} | ${b.get(id) ?? 0} |`);
    lines.push('');
  }
}
const totalBytes = outcomes.reduce((sum, o) => sum + o.bytes, 0);
const summary = [
  `- Packages scanned: ${outcomes.length} in ${seconds.toFixed(1)} s (${(outcomes.length / seconds).toFixed(1)} packages/s, ${(totalBytes / 1e6 / seconds).toFixed(1)} MB/s unpacked)`,
  `- Tool errors: ${outcomes.filter((o) => o.verdict === 'error').length}`,
];
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const report = [
  '# Evaluation',
  '',
  `Generated by \`npm run eval\` on ${new Date().toISOString().slice(0, 10)}; machine: ${machine}.`,
  '',
  `- Malicious corpus: ${values.malicious.join(', ') || 'none'}`,
  `- Benign corpus: ${values.benign.join(', ') || 'none'}`,
  ...summary,
  '',
  'Notes on the corpora: the malicious PyPI packages are real removed packages (pypi_malregistry, read in memory',
  'only). The benign PyPI side is popular projects rebuilt from Debian 12 `python3-*` packages by',
  '`npm run corpus:debian`: installed trees, so they carry no setup.py and install-time rules are not exercised on',
  'them. The benign npm side is the top 300 of npm-high-impact at the versions pinned in',
  '`scripts/corpus/npm-top-300.lock.json` (`npm run corpus:npm`); the old-versions side is the same 300 at the',
  'versions pinned in `scripts/corpus/npm-top-300-old.lock.json` (`npm run corpus:npm-old`). The malicious npm side is',
  '`malicious/npm/`: complete packages at its top, payloads kept without their package under `partial/` (judged as',
  'npm by the language of their files) and job-scam projects under `projects/`. Scans run offline: registry checks',
  'are off, data-set checks (malicious list, typosquats) are on.',
  '',
  ...lines,
].join('\n');
process.stdout.write(`${report}\n`);
if (values.write) {
  writeFileSync(values.write, `${report}\n`);
  process.stderr.write(`wrote ${values.write}\n`);
}
