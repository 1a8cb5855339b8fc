// Python analyzer throughput in MB per CPU-second on one thread: tree-sitter parsing alone beside the
// full analysis (parse + facts), over the .py files of a directory. CPU time, not wall time, because the
// machines this runs on are shared and wall time mostly measures the neighbours.
//
//   node --import tsx scripts/bench/python-analyzer.ts <dir> [--rounds N] [--only parse|full]
//
// Parse-only is what no analyzer on tree-sitter can beat: decode, parse, free the tree.
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

function cpuMicros(): number {
  const used = process.cpuUsage();
  return used.user + used.system;
}

interface Round {
  parseSeconds: number;
  fullSeconds: number;
  facts: number;
}

/**
 * Parse-only and full analysis of each file back to back, so that a change in the load of the
 * machine during the run weighs on both sides alike.
 */
function measure(sources: readonly Buffer[], only: string | undefined): Round {
  const parser = pythonParser();
  let parse = 0;
  let full = 0;
  let facts = 0;
  for (const bytes of sources) {
    if (only !== 'full') {
      const start = cpuMicros();
      parser.parse(decodePythonSource(bytes).text)?.delete();
      parse += cpuMicros() - start;
    }
    if (only !== 'parse') {
      const start = cpuMicros();
      const { facts: f } = analyzePythonSourceDetailed('bench.py', bytes, {
        work: { parseSteps: 10_000_000, walkNodes: 100_000_000 },
      });
      full += cpuMicros() - start;
      facts += f.calls.length + f.imports.length + f.strings.length + f.constructs.length;
    }
  }
  return { parseSeconds: parse / 1e6, fullSeconds: full / 1e6, facts };
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
  measure(sources.slice(0, 50), only);

  for (let round = 1; round <= rounds; round++) {
    const { parseSeconds, fullSeconds, facts } = measure(sources, only);
    const line: string[] = [];
    if (only !== 'full') {
      line.push(
        `parse-only ${(megabytes / parseSeconds).toFixed(2)} MB/CPU-s (${parseSeconds.toFixed(1)} s)`,
      );
    }
    if (only !== 'parse') {
      line.push(
        `full ${(megabytes / fullSeconds).toFixed(2)} MB/CPU-s (${fullSeconds.toFixed(1)} s, ${facts} facts)`,
      );
    }
    if (only === undefined) line.push(`full/parse ${(fullSeconds / parseSeconds).toFixed(2)}×`);
    process.stdout.write(`round ${round}: ${line.join(' · ')}\n`);
  }
}

await main();
