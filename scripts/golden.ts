// Golden reports: records the JSON report (`assay scan --format json`, timings removed) of every package of the
// evaluation corpora and of a set of manifests and lockfiles, then compares a later tree's reports with them.
// A refactor that must not change behaviour compares its branch with a record made on the commit it started from.
//
//   npm run golden -- --record DIR [--set malicious --set npm-top …] [--limit N]
//   npm run golden -- --compare DIR [--set …] [--limit N] [--out differences.txt] [--keep DIR2]
//
// --keep writes the compared run's reports into DIR2 in the same layout, to read a difference in full.
//
// Sets: malicious (/work/shared/corpus/malicious or --malicious), pypi-debian and npm-top (~/.cache/assay/corpus
// or --corpus-root), projects (this repository's manifest and lockfile fixtures and its own package-lock.json,
// copied into DIR/inputs so that both sides scan the same bytes at the same paths).
//
// Each package is scanned through the CLI in-process, offline, on the main thread only (--workers 1), with a
// vulnerability database imported from src/vulns/fixtures/records so that the vulnerability path is exercised.
// The comparison lists per package every difference in exit code, verdict, issue ids, behavior ids, occurrences,
// evidence and vulnerabilities, then any other field that differs. Ids renamed with a recorded alias
// (src/catalog/aliases.ts) are compared under their new name.
//
// A file whose analysis ran out of its wall-clock budget (an analysis problem of kind `timeout`) yields facts that
// depend on the machine's load, so a package with one on either side is listed apart as "unstable" and does not
// count as a difference; on a quiet machine, or with a budget counted in work, the list is empty.
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RENAMED_IDS } from '../src/catalog/aliases.ts';
import { main } from '../src/cli/main.ts';

const ROOT = resolve(import.meta.dirname, '..');
const ARCHIVE = /\.(whl|zip|egg|tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz)$/i;
const SETS = ['malicious', 'projects', 'npm-top', 'pypi-debian'] as const;
type SetName = (typeof SETS)[number];

/** Manifests and lockfiles, relative to the repository; each is copied to DIR/inputs/projects/<path>. */
const PROJECT_FILES_UNDER = [
  'src/sources/manifests/fixtures',
  'src/scan/fixtures/project-npm',
  'src/scan/fixtures/project-pypi',
];
const PROJECT_EXTRA = ['package-lock.json', 'package.json'];

const { values } = parseArgs({
  options: {
    record: { type: 'string' },
    compare: { type: 'string' },
    set: { type: 'string', multiple: true, default: [] },
    limit: { type: 'string' },
    out: { type: 'string' },
    keep: { type: 'string' },
    malicious: { type: 'string', default: '/work/shared/corpus/malicious' },
    'corpus-root': { type: 'string', default: join(homedir(), '.cache', 'assay', 'corpus') },
    verbose: { type: 'boolean', default: false },
  },
});

interface Target {
  readonly set: SetName;
  /** Stable key of the package within its set (its path relative to the set's root). */
  readonly key: string;
  readonly path: string;
}

interface Recorded {
  readonly exitCode: number;
  readonly stderr: string;
  readonly report: unknown;
}

function listFiles(dir: string, accept: (name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (accept(entry.name)) out.push(full);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

/** Copies the project inputs into DIR/inputs/projects once, at record time; compare scans those copies. */
function copyProjectInputs(dir: string): void {
  const into = join(dir, 'inputs', 'projects');
  for (const under of PROJECT_FILES_UNDER) cpSync(join(ROOT, under), join(into, under), { recursive: true });
  mkdirSync(join(into, 'repository'), { recursive: true });
  for (const file of PROJECT_EXTRA) copyFileSync(join(ROOT, file), join(into, 'repository', file));
}

function targetsOf(set: SetName, dir: string): Target[] {
  const root =
    set === 'malicious'
      ? values.malicious
      : set === 'projects'
        ? join(dir, 'inputs', 'projects')
        : join(values['corpus-root'], set);
  const paths =
    set === 'projects'
      ? listFiles(root, () => true).filter((path) => !path.includes(`${join('fixtures', 'bad')}`))
      : listFiles(root, (name) => ARCHIVE.test(name));
  return paths.map((path) => ({ set, key: relative(root, path), path }));
}

/** Drops what changes from run to run without any change in behaviour: clocks and timings. */
function normalize(report: unknown): unknown {
  if (typeof report !== 'object' || report === null) return report;
  const copy = structuredClone(report) as Record<string, unknown>;
  delete copy['generatedAt'];
  const stats = copy['stats'] as Record<string, unknown> | undefined;
  if (stats !== undefined) delete stats['durationMs'];
  const checks = copy['componentChecks'] as Record<string, unknown> | undefined;
  if (checks !== undefined) delete checks['checkedAt'];
  return copy;
}

async function scanOne(target: Target, env: Record<string, string>): Promise<Recorded> {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    stdout: (text: string) => out.push(text),
    stderr: (text: string) => err.push(text),
    stderrIsTTY: false,
    stdoutIsTTY: false,
    env,
    cwd: dirname(target.path),
  };
  const exitCode = await main(
    ['scan', target.path, '--format', 'json', '--offline', '--workers', '1', '--fail-on', 'never'],
    io,
  );
  const text = out.join('');
  let report: unknown = null;
  try {
    report = text === '' ? null : normalize(JSON.parse(text));
  } catch {
    report = { unparsed: text };
  }
  return { exitCode, stderr: err.join(''), report };
}

/** A private environment: no user database, no user cache, a vulnerability database from the fixtures. */
async function environment(dir: string, workDir: string): Promise<Record<string, string>> {
  mkdirSync(workDir, { recursive: true });
  const db = join(dir, 'vulnerabilities.db');
  if (!existsSync(db)) {
    const sink = { out: [] as string[] };
    const code = await main(['db', 'import', join(ROOT, 'src', 'vulns', 'fixtures', 'records'), '--db', db], {
      stdout: (text) => sink.out.push(text),
      stderr: (text) => sink.out.push(text),
      stderrIsTTY: false,
      stdoutIsTTY: false,
      env: { HOME: workDir },
      cwd: ROOT,
    });
    // The fixture records include two unreadable files on purpose; `db import` reports them with exit 5.
    if (code !== 0 && code !== 3 && code !== 5)
      throw new Error(`db import failed (${code}): ${sink.out.join('')}`);
  }
  // Each run reads its own copy, so opening the database can never change the recorded one.
  const copy = join(workDir, 'vulnerabilities.db');
  copyFileSync(db, copy);
  return {
    HOME: workDir,
    ASSAY_CACHE_DIR: join(workDir, 'cache'),
    ASSAY_DB: copy,
    ASSAY_OFFLINE: '1',
    NO_COLOR: '1',
    // The facts cache lives in the work directory (HOME), so a second --compare reads every file's facts from
    // it; ASSAY_FACTS_CACHE=0 records or compares without it, to show that both give the same reports.
    ...(process.env['ASSAY_FACTS_CACHE'] === undefined
      ? {}
      : { ASSAY_FACTS_CACHE: process.env['ASSAY_FACTS_CACHE'] }),
  };
}

function fileOf(dir: string, target: Target): string {
  return join(dir, 'reports', target.set, `${target.key.replaceAll('/', '__')}.json`);
}

// ---------------------------------------------------------------------------------------------------------------
// Comparison

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const renamed = (id: unknown): unknown => (typeof id === 'string' ? (RENAMED_IDS[id] ?? id) : id);

/** The baseline with renamed ids written under their new names. */
function withAliases(report: Json): Json {
  if (typeof report !== 'object' || report === null || Array.isArray(report)) return report;
  const copy = structuredClone(report) as Record<string, Json>;
  for (const key of ['issues', 'behaviors'] as const) {
    const list = copy[key];
    if (Array.isArray(list))
      for (const item of list)
        if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
          item['id'] = renamed(item['id']) as Json;
          // An issue's evidence names the behavior it comes from.
          const evidence = item['evidence'];
          if (Array.isArray(evidence))
            for (const entry of evidence)
              if (typeof entry === 'object' && entry !== null && !Array.isArray(entry) && 'behavior' in entry)
                entry['behavior'] = renamed(entry['behavior']) as Json;
        }
  }
  const verdict = copy['verdict'];
  if (
    typeof verdict === 'object' &&
    verdict !== null &&
    !Array.isArray(verdict) &&
    Array.isArray(verdict['reasons'])
  )
    for (const reason of verdict['reasons'])
      if (typeof reason === 'object' && reason !== null && !Array.isArray(reason))
        reason['issue'] = renamed(reason['issue']) as Json;
  const components = copy['components'];
  if (Array.isArray(components))
    for (const component of components)
      if (
        typeof component === 'object' &&
        component !== null &&
        !Array.isArray(component) &&
        Array.isArray(component['issues'])
      )
        component['issues'] = component['issues'].map((id) => renamed(id) as Json);
  return copy;
}

function field(value: Json, key: string): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value[key] ?? null) : null;
}

function byId(list: Json): Map<string, Json> {
  const map = new Map<string, Json>();
  if (Array.isArray(list)) for (const item of list) map.set(String(field(item, 'id')), item);
  return map;
}

const canonical = (value: Json): string => JSON.stringify(value);

/** Multiset difference of two lists, as canonical JSON lines. */
function listDifference(before: Json, after: Json, label: string, lines: string[]): void {
  const count = (list: Json) => {
    const map = new Map<string, number>();
    if (Array.isArray(list))
      for (const item of list) map.set(canonical(item), (map.get(canonical(item)) ?? 0) + 1);
    return map;
  };
  const a = count(before);
  const b = count(after);
  for (const [key, n] of a) if ((b.get(key) ?? 0) < n) lines.push(`  - ${label} removed: ${key}`);
  for (const [key, n] of b) if ((a.get(key) ?? 0) < n) lines.push(`  + ${label} added: ${key}`);
}

function idDifference(before: Json, after: Json, kind: 'issue' | 'behavior', lines: string[]): void {
  const a = byId(before);
  const b = byId(after);
  for (const id of a.keys()) if (!b.has(id)) lines.push(`  - ${kind} ${id} removed`);
  for (const id of b.keys()) if (!a.has(id)) lines.push(`  + ${kind} ${id} added`);
  for (const [id, item] of a) {
    const other = b.get(id);
    if (other === undefined || canonical(item) === canonical(other)) continue;
    const list = kind === 'issue' ? 'evidence' : 'occurrences';
    listDifference(
      field(item, list),
      field(other, list),
      `${kind} ${id} ${list === 'evidence' ? 'evidence' : 'occurrence'}`,
      lines,
    );
    for (const key of new Set([
      ...Object.keys(item as Record<string, Json>),
      ...Object.keys(other as Record<string, Json>),
    ]))
      if (key !== list && canonical(field(item, key)) !== canonical(field(other, key)))
        lines.push(
          `  ~ ${kind} ${id} ${key}: ${canonical(field(item, key))} → ${canonical(field(other, key))}`,
        );
  }
}

/** Paths of every other field that differs, so nothing outside the named parts goes unnoticed. */
function otherDifferences(before: Json, after: Json, path: string, lines: string[]): void {
  if (canonical(before) === canonical(after)) return;
  const isObject = (value: Json) => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (isObject(before) && isObject(after)) {
    const a = before as Record<string, Json>;
    const b = after as Record<string, Json>;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
      otherDifferences(a[key] ?? null, b[key] ?? null, path === '' ? key : `${path}.${key}`, lines);
    return;
  }
  const show = (value: Json) => {
    const text = canonical(value);
    return text.length > 300 ? `${text.slice(0, 300)}…` : text;
  };
  lines.push(`  ~ ${path}: ${show(before)} → ${show(after)}`);
}

/** True when a file's analysis stopped at its wall-clock budget. */
function timedOut(recorded: Recorded): boolean {
  const problems = field(field(recorded.report as Json, 'completeness'), 'analysisProblems');
  return Array.isArray(problems) && problems.some((problem) => field(problem, 'kind') === 'timeout');
}

function compareOne(before: Recorded, after: Recorded): string[] {
  const lines: string[] = [];
  if (before.exitCode !== after.exitCode) lines.push(`  ~ exit code: ${before.exitCode} → ${after.exitCode}`);
  if (before.stderr !== after.stderr)
    lines.push(`  ~ stderr: ${JSON.stringify(before.stderr)} → ${JSON.stringify(after.stderr)}`);
  const a = withAliases(before.report as Json);
  const b = after.report as Json;
  const level = (report: Json) => field(field(report, 'verdict'), 'level');
  if (level(a) !== level(b)) lines.push(`  ~ verdict: ${canonical(level(a))} → ${canonical(level(b))}`);
  idDifference(field(a, 'issues'), field(b, 'issues'), 'issue', lines);
  idDifference(field(a, 'behaviors'), field(b, 'behaviors'), 'behavior', lines);
  listDifference(field(a, 'vulnerabilities'), field(b, 'vulnerabilities'), 'vulnerability', lines);
  const rest = (report: Json): Json => {
    if (typeof report !== 'object' || report === null || Array.isArray(report)) return report;
    const { issues: _i, behaviors: _b, vulnerabilities: _v, ...others } = report;
    return others;
  };
  otherDifferences(rest(a), rest(b), '', lines);
  return lines;
}

// ---------------------------------------------------------------------------------------------------------------

async function run(): Promise<number> {
  const recordDir = values.record;
  const compareDir = values.compare;
  if ((recordDir === undefined) === (compareDir === undefined)) {
    process.stderr.write(
      'usage: npm run golden -- --record DIR | --compare DIR [--set NAME …] [--limit N]\n',
    );
    return 2;
  }
  const dir = resolve((recordDir ?? compareDir) as string);
  const sets = (values.set.length > 0 ? values.set : SETS) as SetName[];
  for (const set of sets)
    if (!SETS.includes(set)) {
      process.stderr.write(`unknown set ${set}; sets: ${SETS.join(', ')}\n`);
      return 2;
    }
  const limit = values.limit === undefined ? Number.POSITIVE_INFINITY : Number(values.limit);
  mkdirSync(dir, { recursive: true });
  if (recordDir !== undefined && sets.includes('projects')) copyProjectInputs(dir);
  const env = await environment(dir, join(dir, recordDir !== undefined ? 'work-record' : 'work-compare'));

  const report: string[] = [];
  let differing = 0;
  let compared = 0;
  let missing = 0;
  let unstable = 0;
  for (const set of sets) {
    const targets = targetsOf(set, dir).slice(0, limit);
    process.stderr.write(`${set}: ${targets.length} targets\n`);
    for (const target of targets) {
      const file = fileOf(dir, target);
      const result = await scanOne(target, env);
      if (values.verbose) process.stderr.write(`${set}\t${result.exitCode}\t${target.key}\n`);
      if (recordDir !== undefined) {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, `${JSON.stringify(result, null, 1)}\n`);
        continue;
      }
      if (!existsSync(file)) {
        missing++;
        report.push(`${set}/${target.key}: no recorded report`);
        continue;
      }
      compared++;
      if (values.keep !== undefined) {
        const kept = fileOf(resolve(values.keep), target);
        mkdirSync(dirname(kept), { recursive: true });
        writeFileSync(kept, `${JSON.stringify(result, null, 1)}\n`);
      }
      const before = JSON.parse(readFileSync(file, 'utf8')) as Recorded;
      const lines = compareOne(before, result);
      if (lines.length === 0) continue;
      if (timedOut(before) || timedOut(result)) {
        unstable++;
        report.push(`${set}/${target.key} (unstable: an analysis timed out)`, ...lines);
      } else {
        differing++;
        report.push(`${set}/${target.key}`, ...lines);
      }
    }
  }
  if (recordDir !== undefined) {
    process.stderr.write(`recorded into ${dir}\n`);
    return 0;
  }
  report.push(
    '',
    `${compared} packages compared, ${differing} with differences, ${unstable} unstable (timed out), ${missing} without a recorded report`,
  );
  const text = `${report.join('\n')}\n`;
  process.stdout.write(text);
  if (values.out !== undefined) writeFileSync(values.out, text);
  return differing > 0 || missing > 0 ? 1 : 0;
}

process.exitCode = await run();
