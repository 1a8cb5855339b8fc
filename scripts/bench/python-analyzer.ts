// Python analyzer throughput in MB per CPU-second on one thread: tree-sitter parsing alone beside the
// full analysis (parse + facts), over the .py files of a directory. CPU time, not wall time, because the
// machines this runs on are shared and wall time mostly measures the neighbours.
//
//   node --import tsx scripts/bench/python-analyzer.ts <dir> [--rounds N] [--only parse|full]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePythonSourceDetailed, initPythonParser } from '../../src/analysis/python/analyze.ts';
import { decodePythonSource } from '../../src/analysis/python/decode.ts';
import { pythonParser } from '../../src/analysis/python/parser.ts';

const MAX_FILES = 100_000;

function pythonFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    if (out.length >= MAX_FILES) break;
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat?.isDirectory()) pythonFiles(path, out);
    else if (stat?.isFile() && /\.pyw?$/.test(name)) out.push(path);
  }
  return out;
}

function cpuSeconds(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

function parseOnly(sources: readonly Buffer[]): void {
  const parser = pythonParser();
  for (const bytes of sources) {
    const text = decodePythonSource(bytes).text;
    parser.parse(text)?.delete();
  }
}

function fullAnalysis(sources: readonly Buffer[]): number {
  let facts = 0;
  for (const bytes of sources) {
    const { facts: f } = analyzePythonSourceDetailed('bench.py', bytes, { timeBudgetMs: 60_000 });
    facts += f.calls.length + f.imports.length + f.strings.length + f.constructs.length;
  }
  return facts;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dir = args.find((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (dir === undefined) {
    process.stderr.write('usage: python-analyzer.ts <dir> [--rounds N] [--only parse|full]\n');
    process.exitCode = 2;
    return;
  }
  const roundsAt = args.indexOf('--rounds');
  const rounds = roundsAt >= 0 ? Math.max(1, Number(args[roundsAt + 1]) || 1) : 1;
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;

  await initPythonParser();
  const sources = pythonFiles(dir).map((path) => readFileSync(path));
  const megabytes = sources.reduce((sum, bytes) => sum + bytes.length, 0) / 1e6;
  process.stdout.write(`${sources.length} files, ${megabytes.toFixed(1)} MB, ${rounds} round(s)\n`);
  // Warm up the JIT and the wasm instance on a slice so the first measured round is not the coldest.
  fullAnalysis(sources.slice(0, 50));

  for (let round = 1; round <= rounds; round++) {
    const line: string[] = [`round ${round}:`];
    let parse = Number.NaN;
    if (only !== 'full') {
      parse = cpuSeconds(() => parseOnly(sources));
      line.push(`parse-only ${(megabytes / parse).toFixed(2)} MB/CPU-s (${parse.toFixed(1)} s)`);
    }
    if (only !== 'parse') {
      let facts = 0;
      const full = cpuSeconds(() => {
        facts = fullAnalysis(sources);
      });
      line.push(`full ${(megabytes / full).toFixed(2)} MB/CPU-s (${full.toFixed(1)} s, ${facts} facts)`);
      if (!Number.isNaN(parse)) line.push(`full/parse ${(full / parse).toFixed(2)}×`);
    }
    process.stdout.write(`${line.join(' · ')}\n`);
  }
}

await main();
