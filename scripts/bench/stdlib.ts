/**
 * `npm run bench -- stdlib`: the CPython 3.11 standard-library set of issue 22 (json, email, asyncio, http, urllib,
 * logging, xml, unittest, multiprocessing, concurrent, distutils, idlelib, tkinter, lib2to3, importlib, sqlite3,
 * ctypes, curses, dbm, wsgiref, xmlrpc, zoneinfo, tomllib, venv and the top-level modules) copied from Debian's
 * /usr/lib/python3.11 into one directory, scanned by `assay scan` (the whole process, bundle, no facts cache) and by
 * Bandit 1.6.2 (Debian's `bandit`, `-r`), one run each, with the CPU each used. A folder Debian ships in another
 * package (idlelib, tkinter) is simply absent; the table says how many files and bytes were read.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

const STDLIB = process.env['STDLIB_BENCH_DIR'] ?? '/usr/lib/python3.11';
const PACKAGES = [
  'json',
  'email',
  'asyncio',
  'http',
  'urllib',
  'logging',
  'xml',
  'unittest',
  'multiprocessing',
  'concurrent',
  'distutils',
  'idlelib',
  'tkinter',
  'lib2to3',
  'importlib',
  'sqlite3',
  'ctypes',
  'curses',
  'dbm',
  'wsgiref',
  'xmlrpc',
  'zoneinfo',
  'tomllib',
  'venv',
];
const BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'assay.js');

function pythonFiles(dir: string, out: string[]): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '__pycache__') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) pythonFiles(path, out);
    else if (entry.isFile() && entry.name.endsWith('.py')) out.push(path);
  }
  return out;
}

/** Copies the set into `into`; returns the file count and bytes. */
export function copyStdlibSet(into: string): { files: number; bytes: number } {
  const files: string[] = [];
  for (const name of PACKAGES) if (existsSync(join(STDLIB, name))) pythonFiles(join(STDLIB, name), files);
  for (const entry of readdirSync(STDLIB, { withFileTypes: true }))
    if (entry.isFile() && entry.name.endsWith('.py')) files.push(join(STDLIB, entry.name));
  let bytes = 0;
  for (const file of files) {
    const target = join(into, relative(STDLIB, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
    bytes += statSync(file).size;
  }
  return { files: files.length, bytes };
}

interface Timed {
  readonly seconds: number;
  readonly cpu: number;
  readonly status: number | null;
}

/** Wall and CPU (user + system of the child and its threads) of one process run. */
function timed(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Timed {
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S', command, ...args], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  const times = (result.stderr ?? '').trim().split('\n').at(-1)?.split(' ').map(Number) ?? [];
  const cpu = (times[0] ?? Number.NaN) + (times[1] ?? Number.NaN);
  return { seconds, cpu, status: result.status };
}

export async function benchStdlib(machine: string): Promise<string> {
  if (!existsSync(STDLIB)) return `Skipped: ${STDLIB} not found.`;
  const dir = mkdtempSync(join(tmpdir(), 'assay-bench-stdlib-'));
  try {
    const set = join(dir, 'stdlib');
    const { files, bytes } = copyStdlibSet(set);
    const env = {
      ...process.env,
      ASSAY_DB: join(dir, 'none.db'),
      ASSAY_CACHE_DIR: join(dir, 'cache'),
      ASSAY_FACTS_DB: join(dir, 'facts.db'),
    };
    const scan = [BIN, 'scan', set, '--offline', '--format', 'json', '--fail-on', 'never'];
    const rows = ['| run | wall | CPU | note |', '|---|---|---|---|'];
    const loads: string[] = [];
    const bandit = spawnSync('bandit', ['--version'], { encoding: 'utf8' });
    let banditSeconds: number | undefined;
    if (bandit.status === 0) {
      loads.push(loadavg()[0]?.toFixed(1) ?? '?');
      const run = timed('bandit', ['-r', set, '-q', '-f', 'json', '-o', join(dir, 'bandit.json')]);
      banditSeconds = run.seconds;
      rows.push(
        `| ${bandit.stdout.split('\n')[0]?.trim()} \`-r\` | ${run.seconds.toFixed(1)} s | ${run.cpu.toFixed(1)} s | exit ${run.status} |`,
      );
    } else rows.push('| Bandit | – | – | skipped: `bandit` not installed (apt-get install bandit) |');
    // One scan of a one-file folder first, so that the measured run starts with V8's code cache of the CLI bundle
    // (bin/load-bundle.js) as any run after the first does; without it, the one run compiled the 2.8 MB bundle
    // from scratch. The facts cache stays empty: the first row analyzes every file.
    const warmup = join(dir, 'warmup');
    mkdirSync(warmup);
    writeFileSync(join(warmup, 'a.py'), 'import os\n');
    timed(
      process.execPath,
      [BIN, 'scan', warmup, '--offline', '--fail-on', 'never', '--no-facts-cache'],
      env,
    );
    loads.push(loadavg()[0]?.toFixed(1) ?? '?');
    const plain = timed(process.execPath, [...scan, '--no-facts-cache'], env);
    const versus =
      banditSeconds === undefined
        ? ''
        : `, ${(banditSeconds / plain.seconds).toFixed(1)}× Bandit's wall time`;
    rows.push(
      `| \`assay scan\` of the folder, no facts cache | ${plain.seconds.toFixed(2)} s | ${plain.cpu.toFixed(1)} s | ${(bytes / 1e6 / plain.seconds).toFixed(1)} MB/s${versus} |`,
    );
    timed(process.execPath, scan, env);
    loads.push(loadavg()[0]?.toFixed(1) ?? '?');
    const warm = timed(process.execPath, scan, env);
    rows.push(
      `| same, every file's facts already in the cache | ${warm.seconds.toFixed(2)} s | ${warm.cpu.toFixed(1)} s | the second of two runs with the cache |`,
    );
    return [
      machine,
      '',
      `${files} files, ${(bytes / 1e6).toFixed(2)} MB of Python from ${STDLIB}; one run each, whole process (assay with the V8 code cache of an earlier run, as after any first use); load average before each run: ${loads.join(' / ')}.`,
      '',
      rows.join('\n'),
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
