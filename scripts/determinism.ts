/**
 * Same input, same report, whatever the load: scans one target N times on the machine as it is, then N
 * times while two busy loops (one per core of the reference machine) compete for the CPU, and checks that
 * every JSON report is byte-identical once the fields that are timings by nature are removed
 * (generatedAt, stats.durationMs, componentChecks.checkedAt). Exit 1 on any difference, naming the first one.
 *
 *   npx tsx scripts/determinism.ts ~/.cache/assay/corpus/npm-top/axios-1.13.2.tgz --runs 10
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '10' }, busy: { type: 'string', default: '2' } },
});
const target = positionals[0];
if (target === undefined) {
  console.error('usage: determinism.ts <target> [--runs N] [--busy LOOPS]');
  process.exit(2);
}
const runs = Number(values.runs);
const home = mkdtempSync(join(tmpdir(), 'assay-determinism-'));
const env = {
  ...process.env,
  ASSAY_OFFLINE: '1',
  ASSAY_DB: join(home, 'none.db'),
  ASSAY_CACHE_DIR: join(home, 'cache'),
};

/** The report without the fields that are clock readings: when it was made, how long it took, when the checks ran. */
function normalized(json: string): string {
  const report = JSON.parse(json) as {
    generatedAt?: string;
    stats?: { durationMs?: number };
    componentChecks?: { checkedAt?: string };
  };
  report.generatedAt = '';
  if (report.stats) report.stats.durationMs = 0;
  if (report.componentChecks) report.componentChecks.checkedAt = '';
  return JSON.stringify(report);
}

function scanOnce(): { digest: string; text: string; ms: number } {
  const started = Date.now();
  let out: string;
  try {
    out = execFileSync(process.execPath, ['bin/assay.js', 'scan', target as string, '--format', 'json'], {
      env,
      maxBuffer: 1 << 28,
    }).toString();
  } catch (error) {
    // Exit 1 (findings) and 5 (incomplete) still print the report.
    out = String((error as { stdout?: Buffer }).stdout ?? '');
  }
  const text = normalized(out);
  return { digest: createHash('sha256').update(text).digest('hex'), text, ms: Date.now() - started };
}

function series(label: string): { digest: string; text: string; ms: number }[] {
  const results = Array.from({ length: runs }, () => scanOnce());
  const ms = results.map((r) => r.ms);
  console.log(
    `${label}: ${runs} scans, ${Math.min(...ms)}–${Math.max(...ms)} ms, digests ${[...new Set(results.map((r) => r.digest.slice(0, 12)))].join(' ')}`,
  );
  return results;
}

const idle = series('as is');
// Busy loops, bounded in time so that nothing outlives the script even if it is killed.
const loops: ChildProcess[] = Array.from({ length: Number(values.busy) }, () =>
  spawn('timeout', ['1800', process.execPath, '-e', 'for(;;){}'], { stdio: 'ignore' }),
);
let busy: { digest: string; text: string; ms: number }[];
try {
  busy = series(`with ${loops.length} busy loops`);
} finally {
  for (const loop of loops) loop.kill();
  rmSync(home, { recursive: true, force: true });
}
const all = [...idle, ...busy];
const first = all[0];
const different = all.findIndex((r) => r.digest !== first?.digest);
if (different >= 0 && first !== undefined) {
  const other = all[different]?.text ?? '';
  let at = 0;
  while (at < first.text.length && first.text[at] === other[at]) at++;
  console.log(`DIFFERENT: scan ${different + 1} differs from scan 1 at character ${at}:`);
  console.log(`  scan 1:  ${first.text.slice(Math.max(0, at - 80), at + 120)}`);
  console.log(`  scan ${different + 1}: ${other.slice(Math.max(0, at - 80), at + 120)}`);
  process.exitCode = 1;
} else
  console.log(
    `identical: all ${all.length} reports have the same bytes apart from generatedAt, stats.durationMs and componentChecks.checkedAt`,
  );
