// The user's view: wall time of whole `assay scan` runs (process start included) on a small local package, real
// packages of typical size (three named ones, and every corpus wheel with up to 1 MB of Python), `npm:express` with
// a cold cache then warm, and a real ~1,400-component lockfile.
// Runs the CLI as a user would (bin/assay.js).
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { buildTar } from '../../src/artifacts/testing/build-archives.ts';
import { median } from './stats.ts';

const BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'assay.js');

function timeRun(args: readonly string[], env: Record<string, string>): { ms: number; code: number | null } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  return { ms: performance.now() - started, code: result.status };
}

/**
 * Real packages of typical size from the Debian-derived corpus (`npm run corpus:debian`), when it is there:
 * the target is a package of up to 1 MB of Python scanned in well under a second.
 */
const TYPICAL = ['requests-2.28.1', 'jinja2-3.1.2', 'rich-13.3.1'];

function typicalPackages(env: Record<string, string>): string[] {
  const corpus = join(homedir(), '.cache', 'assay', 'corpus', 'pypi-debian');
  const rows: string[] = [];
  for (const stem of TYPICAL) {
    const path = join(corpus, `${stem}-py3-none-any.whl`);
    if (!existsSync(path)) continue;
    const python = pythonBytesOf(path);
    const runs = Array.from({ length: 5 }, () => timeRun(['scan', path, '--fail-on', 'never'], env).ms);
    rows.push(
      `| \`assay scan\` of ${stem} (wheel, ${(python / 1024).toFixed(0)} KB of Python), median of 5 | ${median(runs).toFixed(0)} ms |`,
    );
  }
  return rows;
}

/** Wheels of the corpus with at most this much source (Python, stubs, JavaScript): the "typical package". */
const TYPICAL_MAX_SOURCE_BYTES = 1024 * 1024;

/**
 * One `assay scan` of every corpus wheel with at most 1 MB of source for the analyzers (.py, .pyi, .js …): the
 * spread of wall times over real packages, rather than three chosen ones.
 */
function typicalDistribution(env: Record<string, string>): string[] {
  const corpus = join(homedir(), '.cache', 'assay', 'corpus', 'pypi-debian');
  if (!existsSync(corpus)) return [];
  const wheels = readdirSync(corpus)
    .filter((name) => name.endsWith('.whl'))
    .sort()
    .map((name) => ({ path: join(corpus, name), source: sourceBytesOf(join(corpus, name)) }))
    .filter((wheel) => wheel.source > 0 && wheel.source <= TYPICAL_MAX_SOURCE_BYTES);
  if (wheels.length === 0) return [];
  const times = wheels.map((wheel) => timeRun(['scan', wheel.path, '--fail-on', 'never'], env).ms);
  const sorted = [...times].sort((a, b) => a - b);
  const at = (share: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
  const underOne = times.filter((ms) => ms < 1000).length;
  const sizes = wheels.map((wheel) => wheel.source);
  const slowest = wheels
    .map((wheel, index) => ({ name: wheel.path.split('/').pop() ?? '', ms: times[index] ?? 0 }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map((entry) => `${entry.name.replace(/-py3-none-any\.whl$/, '')} ${entry.ms.toFixed(0)} ms`);
  return [
    `| \`assay scan\` of each of the ${wheels.length} corpus wheels with ≤ 1 MB of source (.py, .pyi, .js …; median ${(median(sizes) / 1024).toFixed(0)} KB), one run each | median ${median(times).toFixed(0)} ms · p75 ${at(0.75).toFixed(0)} ms · p90 ${at(0.9).toFixed(0)} ms · max ${(sorted.at(-1) ?? 0).toFixed(0)} ms · ${underOne} of ${wheels.length} under 1 s · slowest: ${slowest.join(', ')} |`,
  ];
}

/** Bytes of the files matching `names` in a wheel, from its zip central directory as `unzip -l` lists it. */
function bytesOf(path: string, names: RegExp): number {
  const listing = spawnSync('unzip', ['-l', path], { encoding: 'utf8' });
  if (listing.status !== 0) return 0;
  return listing.stdout
    .split('\n')
    .map((line) => /^\s*(\d+)\s+\S+\s+\S+\s+(.+)$/.exec(line))
    .reduce((sum, match) => sum + (match && names.test(match[2] ?? '') ? Number(match[1]) : 0), 0);
}

const pythonBytesOf = (path: string): number => bytesOf(path, /\.py$/);
/** Every file an analyzer reads: Python with its stubs, JavaScript and TypeScript. */
const sourceBytesOf = (path: string): number =>
  bytesOf(path, /\.(py|pyw|pyi|js|cjs|mjs|jsx|ts|cts|mts|tsx)$/);

/**
 * A real package-lock.json of about 1,400 components, resolved by npm from the registry for five popular
 * development tools; skipped when npm cannot reach the registry.
 */
function lockfileRuns(dir: string, env: Record<string, string>): string[] {
  const project = join(dir, 'lockfile-project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'bench-lockfile',
      version: '1.0.0',
      private: true,
      dependencies: { '@babel/core': '^7', eslint: '^8', jest: '^29', 'react-scripts': '^5', webpack: '^5' },
    }),
  );
  const npm = spawnSync(
    'npm',
    ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'],
    {
      cwd: project,
      stdio: 'ignore',
    },
  );
  const lock = join(project, 'package-lock.json');
  if (npm.status !== 0 || !existsSync(lock))
    return ['| package-lock.json of ~1,400 components | skipped: npm could not resolve it |'];
  const components = Object.keys(
    (JSON.parse(readFileSync(lock, 'utf8')) as { packages?: Record<string, unknown> }).packages ?? {},
  ).filter((key) => key !== '').length;
  const args = ['scan', lock, '--fail-on', 'never', '--registry-checks'];
  const cold = timeRun(args, env);
  const warm = Array.from({ length: 3 }, () => timeRun(args, env).ms);
  const offline = Array.from(
    { length: 3 },
    () => timeRun(['scan', lock, '--fail-on', 'never', '--offline'], env).ms,
  );
  return [
    `| \`assay scan package-lock.json\` (${components} components) --registry-checks, cold cache (exit ${cold.code}) | ${cold.ms.toFixed(0)} ms |`,
    `| same, warm cache, median of 3 | ${median(warm).toFixed(0)} ms |`,
    `| same with --offline, median of 3 | ${median(offline).toFixed(0)} ms |`,
  ];
}

export async function benchCli(): Promise<string> {
  // bin/assay.js falls back to the TypeScript sources when they are newer than the bundle: bundle first, so the
  // figures are those of the CLI a user runs.
  const built = spawnSync(process.execPath, [resolve(import.meta.dirname, '..', 'build.mjs')], {
    cwd: resolve(import.meta.dirname, '..', '..'),
    stdio: 'ignore',
  });
  if (built.status !== 0)
    return 'Skipped: the esbuild bundle could not be built (`node scripts/build.mjs`).\n';
  const dir = mkdtempSync(join(tmpdir(), 'assay-bench-cli-'));
  try {
    const small = join(dir, 'small-1.0.0.tar.gz');
    const code = Array.from(
      { length: 40 },
      (_, i) => `import os\n\ndef f${i}(p):\n    return os.path.join(p, 'x${i}')\n`,
    ).join('\n');
    writeFileSync(
      small,
      gzipSync(
        buildTar([
          { name: 'small-1.0.0/PKG-INFO', data: 'Metadata-Version: 2.1\nName: small\nVersion: 1.0.0\n\n' },
          { name: 'small-1.0.0/small/__init__.py', data: code },
        ]),
      ),
    );
    const env = {
      ASSAY_CACHE_DIR: join(dir, 'cache'),
      ASSAY_DB: join(dir, 'none.db'),
      ASSAY_FACTS_DB: join(dir, 'facts.db'),
    };
    const versionRuns = Array.from({ length: 5 }, () => timeRun(['--version'], env).ms);
    const smallRuns = Array.from({ length: 5 }, () => timeRun(['scan', small, '--fail-on', 'never'], env).ms);
    const smallPlain = Array.from(
      { length: 5 },
      () => timeRun(['scan', small, '--fail-on', 'never', '--no-facts-cache'], env).ms,
    );
    const cold = timeRun(['scan', 'npm:express', '--fail-on', 'never'], env);
    const warm = Array.from(
      { length: 7 },
      () => timeRun(['scan', 'npm:express', '--fail-on', 'never'], env).ms,
    );
    const offline = Array.from(
      { length: 5 },
      () => timeRun(['scan', 'npm:express', '--fail-on', 'never', '--offline'], env).ms,
    );
    return [
      '| run | wall time |',
      '|---|---|',
      `| \`assay --version\`, median of 5 | ${median(versionRuns).toFixed(0)} ms |`,
      `| \`assay scan\` of a small sdist (2 files), median of 5 | ${median(smallRuns).toFixed(0)} ms |`,
      `| same with --no-facts-cache, median of 5 | ${median(smallPlain).toFixed(0)} ms |`,
      ...typicalPackages(env),
      ...typicalDistribution(env),
      ...lockfileRuns(dir, env),
      `| \`assay scan npm:express\`, cold cache (exit ${cold.code}) | ${cold.ms.toFixed(0)} ms |`,
      `| \`assay scan npm:express\`, warm cache, median of 7 | ${median(warm).toFixed(0)} ms |`,
      `| \`assay scan npm:express --offline\`, warm cache, median of 5 | ${median(offline).toFixed(0)} ms |`,
      '',
      `Process start included; the CLI runs from the esbuild bundle made by \`npm install\`. ${new Date().toISOString().slice(0, 10)}, node ${process.version}, load average at the end ${loadavg()[0]?.toFixed(1)} (the machine has 2 cores; other work on it lengthens every wall time).`,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
