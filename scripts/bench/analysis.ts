// Analysis benchmark: on real code (the Debian-derived PyPI corpus and its largest package), MB/s of Python
// source analyzed, packages per second and peak memory; beside them, in the same run, the bare cost of reading
// and decompressing the same archives, and Bandit (Debian's `bandit`) on the same Python files. Also a
// synthetic 100 MB package to show that memory stays bounded.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { type AnalysisPool, createAnalysisPool } from '../../src/analysis/pool/index.ts';
import { loadArtifact } from '../../src/artifacts/load.ts';
import { buildTar } from '../../src/artifacts/testing/build-archives.ts';
import { mapBounded } from '../../src/core/concurrency.ts';
import { scanArtifact } from '../../src/scan/scan.ts';

const isPython = (path: string) => /\.pyw?$/.test(path);

interface Row {
  readonly what: string;
  readonly value: string;
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

const SCANS_IN_FLIGHT = 2;

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

/** Full scans of every archive, SCANS_IN_FLIGHT at a time, on one shared pool. */
async function scanAll(paths: readonly string[], pool: AnalysisPool): Promise<void> {
  await mapBounded(paths, SCANS_IN_FLIGHT, async (path) => {
    await scanArtifact(await loadArtifact(path), { pool });
  });
}

export async function benchAnalysis(
  options: { corpus?: string; banditPackages?: number } = {},
): Promise<string> {
  const corpus = options.corpus ?? join(homedir(), '.cache', 'assay', 'corpus', 'pypi-debian');
  if (!existsSync(corpus)) {
    return `Skipped: no corpus at ${corpus} (run \`npm run corpus:debian\` first).\n`;
  }
  const archives = readdirSync(corpus)
    .filter((name) => name.endsWith('.whl'))
    .map((name) => join(corpus, name))
    .sort();
  const rows: Row[] = [];
  // One pool for the run, as a long-lived indexer would use it.
  const pool = createAnalysisPool();

  // 1. Bare read and decompress.
  let unpackedBytes = 0;
  let pythonBytes = 0;
  let t0 = performance.now();
  for (const path of archives) {
    const artifact = await loadArtifact(path);
    for (const file of artifact.files) {
      unpackedBytes += file.data.length;
      if (isPython(file.path)) pythonBytes += file.data.length;
    }
  }
  const readSeconds = (performance.now() - t0) / 1000;
  rows.push({
    what: `read + decompress ${archives.length} archives (${(unpackedBytes / 1e6).toFixed(1)} MB unpacked)`,
    value: `${readSeconds.toFixed(2)} s, ${(unpackedBytes / 1e6 / readSeconds).toFixed(0)} MB/s`,
  });

  // 2. Full scans (unpack, metadata, analysis in the worker pool, behaviors, policies), two packages
  // in flight as `npm run eval` and `community build` run them.
  t0 = performance.now();
  let cpu = process.cpuUsage();
  await scanAll(archives, pool);
  const scanSeconds = (performance.now() - t0) / 1000;
  const scanCpu = cpuSeconds(cpu);
  const largest = archives
    .map((path) => ({ path, bytes: statSync(path).size }))
    .reduce((a, b) => (b.bytes > a.bytes ? b : a));
  rows.push({
    what: `full scan of the same ${archives.length} packages (${(pythonBytes / 1e6).toFixed(1)} MB of Python), ${SCANS_IN_FLIGHT} in flight`,
    value: `${scanSeconds.toFixed(1)} s (CPU ${scanCpu.toFixed(1)} s) · ${(archives.length / scanSeconds).toFixed(1)} packages/s · ${(pythonBytes / 1e6 / scanSeconds).toFixed(2)} MB/s of Python`,
  });

  // 3. The largest package alone.
  t0 = performance.now();
  const big = await loadArtifact(largest.path);
  const bigPython = big.files
    .filter((file) => isPython(file.path))
    .reduce((sum, file) => sum + file.data.length, 0);
  await scanArtifact(big, { pool });
  const bigSeconds = (performance.now() - t0) / 1000;
  rows.push({
    what: `largest package: ${largest.path.split('/').pop()} (${(bigPython / 1e6).toFixed(1)} MB of Python)`,
    value: `${bigSeconds.toFixed(2)} s · ${(bigPython / 1e6 / bigSeconds).toFixed(2)} MB/s`,
  });

  // 4. Bandit and assay on the same Python files of the first N packages.
  const subset = archives.slice(0, options.banditPackages ?? 40);
  const work = mkdtempSync(join(tmpdir(), 'assay-bench-'));
  let subsetPython = 0;
  try {
    for (const [index, path] of subset.entries()) {
      const artifact = await loadArtifact(path);
      for (const file of artifact.files) {
        if (!isPython(file.path) || file.path.includes('..')) continue;
        const target = join(work, String(index), file.path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, file.data);
        subsetPython += file.data.length;
      }
    }
    // One package at a time, then two in flight: the first is what `assay scan` of one package costs,
    // the second what a batch of packages costs.
    t0 = performance.now();
    cpu = process.cpuUsage();
    for (const path of subset) await scanArtifact(await loadArtifact(path), { pool });
    const assaySerial = (performance.now() - t0) / 1000;
    const serialCpu = cpuSeconds(cpu);
    t0 = performance.now();
    cpu = process.cpuUsage();
    await scanAll(subset, pool);
    const assaySubset = (performance.now() - t0) / 1000;
    const subsetCpu = cpuSeconds(cpu);
    // The files Bandit reads, and only those: each package's Python files, from the folders written above.
    const folders = subset.map((_, index) => join(work, String(index))).filter((dir) => existsSync(dir));
    t0 = performance.now();
    cpu = process.cpuUsage();
    await scanAll(folders, pool);
    const assayPython = (performance.now() - t0) / 1000;
    const pythonCpu = cpuSeconds(cpu);
    const hasBandit = spawnSync('bandit', ['--version']).status === 0;
    if (hasBandit) {
      t0 = performance.now();
      spawnSync('bandit', ['-r', work, '-q', '-f', 'json', '-o', join(tmpdir(), 'assay-bandit.json')], {
        stdio: 'ignore',
      });
      const banditSeconds = (performance.now() - t0) / 1000;
      rows.push({
        what: `same ${subset.length} packages (${(subsetPython / 1e6).toFixed(1)} MB of Python): assay full scan vs Bandit ${execFileSync('bandit', ['--version'], { encoding: 'utf8' }).split('\n')[0]?.trim()} -r`,
        value:
          `Bandit ${banditSeconds.toFixed(1)} s · assay ${SCANS_IN_FLIGHT} in flight ${assaySubset.toFixed(1)} s ` +
          `(CPU ${subsetCpu.toFixed(1)} s), ${(banditSeconds / assaySubset).toFixed(1)}× faster · ` +
          `assay one at a time ${assaySerial.toFixed(1)} s (CPU ${serialCpu.toFixed(1)} s), ` +
          `${(banditSeconds / assaySerial).toFixed(1)}× faster`,
      });
      rows.push({
        what: `the same ${(subsetPython / 1e6).toFixed(1)} MB of Python files Bandit read (one folder per package, no data files or binaries): assay vs Bandit`,
        value:
          `Bandit ${banditSeconds.toFixed(1)} s · assay ${SCANS_IN_FLIGHT} in flight ${assayPython.toFixed(1)} s ` +
          `(CPU ${pythonCpu.toFixed(1)} s), ${(banditSeconds / assayPython).toFixed(1)}× faster`,
      });
    } else {
      rows.push({
        what: 'Bandit comparison',
        value: 'skipped: `bandit` not installed (apt-get install bandit)',
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  // 5. Memory on a 100 MB package: real Python sources repeated into one synthetic sdist.
  const sources = big.files.filter((file) => isPython(file.path));
  const entries: { name: string; data: Buffer }[] = [];
  let total = 0;
  for (let round = 0; total < 100 * 1024 * 1024 && sources.length > 0; round += 1) {
    for (const file of sources) {
      entries.push({ name: `huge-1.0/r${round}/${file.path}`, data: file.data });
      total += file.data.length;
      if (total >= 100 * 1024 * 1024) break;
    }
  }
  const hugePath = join(tmpdir(), 'assay-bench-huge-1.0.tar.gz');
  writeFileSync(hugePath, gzipSync(buildTar(entries)));
  entries.length = 0;
  const rssBefore = process.memoryUsage().rss / 1e6;
  t0 = performance.now();
  const huge = await loadArtifact(hugePath, { maxTotalBytes: 1024 * 1024 * 1024 });
  const hugeResult = await scanArtifact(huge, { pool });
  await pool.close();
  const hugeSeconds = (performance.now() - t0) / 1000;
  rmSync(hugePath, { force: true });
  rows.push({
    what: `synthetic 100 MB sdist (${(total / 1e6).toFixed(0)} MB of Python in ${huge.files.length} files)`,
    value: `${hugeSeconds.toFixed(1)} s · ${(total / 1e6 / hugeSeconds).toFixed(2)} MB/s · RSS ${rssBefore.toFixed(0)} MB before, peak ${peakRssMb().toFixed(0)} MB · ${hugeResult.facts.problems.length} files over budget`,
  });

  return [
    `Corpus: ${archives.length} popular PyPI projects rebuilt from Debian 12 python3-* packages (${corpus}).`,
    '',
    '| measure | result |',
    '|---|---|',
    ...rows.map((row) => `| ${row.what} | ${row.value} |`),
    '',
    `Peak RSS of the benchmark process: ${peakRssMb().toFixed(0)} MB.`,
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(await benchAnalysis());
}
