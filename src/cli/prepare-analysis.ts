/**
 * Gets the main thread's analyzer loading while the CLI is still reading a local archive: the grammar's
 * wasm compiles on V8's background threads instead of adding its compile time to the analysis (measured:
 * requests 1.11 → 0.92 s, jinja2 1.27 → 1.09 s). The main thread analyzes files of every package the CLI
 * scans, alone or beside worker threads (src/analysis/pool/pool.ts), so this is not wasted.
 *
 * Not when a facts cache file already exists: the files of a package scanned before come from the cache, the
 * analyzer is never needed, and its load was the largest cost left in a repeated small scan (2026-12-07, a cached
 * 2-file sdist, A/B alternated at load 17: 740 → 610 ms of CPU). A package not seen before then loads the analyzer
 * when its first file misses, a few milliseconds of unpacking later.
 *
 * Starting the worker threads this early was measured too (2026-11-23, 2 vCPUs, A/B runs alternated): no
 * gain on requests, jinja2 or rich, as the threads' start competes with the main thread for the two cores.
 */
import { existsSync } from 'node:fs';
import { analyzerFor } from '../analysis/pool/languages.ts';
import type { Ecosystem } from '../metadata/types.ts';
import type { ClassifiedTarget } from '../scan/classify.ts';

/**
 * Starts loading the analyzer a local archive most likely needs; registry and project targets wait, and so does
 * a scan whose facts cache (`factsFile`) already exists.
 */
export function prepareAnalysis(
  target: ClassifiedTarget,
  ecosystem: Ecosystem | undefined,
  factsFile?: string,
): void {
  if (target.kind !== 'package' || !target.file) return;
  if (factsFile !== undefined && existsSync(factsFile)) return;
  const language = ecosystem === 'npm' || /\.tgz$/i.test(target.path) ? 'javascript' : 'python';
  // A failure here is met again, and reported, when the first file needs the analyzer.
  analyzerFor(language)?.catch(() => undefined);
}
