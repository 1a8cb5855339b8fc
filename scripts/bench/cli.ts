// The user's view: wall time of whole `assay scan` runs (process start included) on a small local package,
// and on `npm:express` with a cold cache, then warm. Runs the CLI as a user would (bin/assay.js).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { buildTar } from '../../src/artifacts/testing/build-archives.ts';

const BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'assay.js');

function timeRun(args: readonly string[], env: Record<string, string>): { ms: number; code: number | null } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  return { ms: performance.now() - started, code: result.status };
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export async function benchCli(): Promise<string> {
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
    const env = { ASSAY_CACHE_DIR: join(dir, 'cache'), ASSAY_DB: join(dir, 'none.db') };
    const smallRuns = Array.from({ length: 5 }, () => timeRun(['scan', small, '--fail-on', 'never'], env).ms);
    const cold = timeRun(['scan', 'npm:express', '--fail-on', 'never'], env);
    const warm = Array.from(
      { length: 3 },
      () => timeRun(['scan', 'npm:express', '--fail-on', 'never'], env).ms,
    );
    const offline = timeRun(['scan', 'npm:express', '--fail-on', 'never', '--offline'], env);
    return [
      '| run | wall time |',
      '|---|---|',
      `| \`assay scan\` of a small sdist (2 files), median of 5 | ${median(smallRuns).toFixed(0)} ms |`,
      `| \`assay scan npm:express\`, cold cache (exit ${cold.code}) | ${cold.ms.toFixed(0)} ms |`,
      `| \`assay scan npm:express\`, warm cache, median of 3 | ${median(warm).toFixed(0)} ms |`,
      `| \`assay scan npm:express --offline\`, warm cache (exit ${offline.code}) | ${offline.ms.toFixed(0)} ms |`,
      '',
      'Process start included; the CLI runs from the esbuild bundle made by `npm install`.',
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
