/**
 * The analyzer fingerprint that keys cached facts (facts-cache.ts): a digest of the code that computes a
 * file's facts, so that any change to an analyzer, a grammar or a data file it imports makes every cached
 * fact unreachable instead of stale. The tool's version alone would not do: the analyzers change between
 * releases. From a checkout the digest covers the source files reachable from the worker entry (the
 * bundle is built from the same files, so both ways of running share the cache); an installation without
 * sources hashes the bundled worker.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { DEFAULT_WORK_LIMITS, type WorkLimits } from '../../core/budget.ts';
import { projectRoot } from '../../core/version.ts';
import { FACTS_FORMAT } from './facts-cache.ts';
import type { AnalyzeOptions } from './languages.ts';

// Relative imports, static and dynamic, in TypeScript sources (`from './x.ts'`, `import('../y.ts')`).
const RELATIVE_IMPORT = /(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g;

/** The source files the worker loads, found by following relative imports from its entry. */
function sourceClosure(entry: string): string[] {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
    if (!path.endsWith('.ts')) continue;
    const text = readFileSync(path, 'utf8');
    for (const match of text.matchAll(RELATIVE_IMPORT)) {
      const target = resolve(dirname(path), match[1] ?? '');
      if (!seen.has(target) && existsSync(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return [...seen].sort();
}

function packageVersion(root: string, name: string): string {
  try {
    return (
      (
        JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
          version?: string;
        }
      ).version ?? '?'
    );
  } catch {
    return '?';
  }
}

/**
 * The digest of the analyzer's sources, written into the bundle by scripts/build.mjs (esbuild's `define`), which
 * computes it with sourceDigest() below from the very files it bundles. A bundle runs only while no listed source
 * is newer (bin/assay.js), so it equals what the sources would give; reading and hashing them on every run cost
 * about 18 ms of a scan's start. Undefined when running the sources, or a bundle built without tsx.
 */
declare const ASSAY_ANALYZER_SOURCE_DIGEST: string | undefined;

/** The digest of the analyzer's source files (the worker's and the payload codec's), or undefined without sources. */
export function sourceDigest(root: string = projectRoot()): string | undefined {
  const entry = join(root, 'src', 'analysis', 'pool', 'worker.ts');
  if (!existsSync(entry)) return undefined;
  const hash = createHash('sha256');
  // The worker's code makes the facts; the payload format is facts-cache.ts's (run on the main thread).
  const codec = join(root, 'src', 'analysis', 'pool', 'facts-cache.ts');
  for (const file of [...new Set([...sourceClosure(entry), ...sourceClosure(codec)])].sort()) {
    hash.update(relative(root, file)).update('\u0000').update(readFileSync(file)).update('\u0000');
  }
  return hash.digest('hex');
}

let codeDigest: string | undefined;

/** The digest of the analyzers' code and grammars, computed once per process. */
export function analyzerCodeDigest(): string {
  if (codeDigest !== undefined) return codeDigest;
  const root = projectRoot();
  const hash = createHash('sha256');
  const embedded =
    typeof ASSAY_ANALYZER_SOURCE_DIGEST === 'string' ? ASSAY_ANALYZER_SOURCE_DIGEST : undefined;
  const sources = embedded ?? sourceDigest(root);
  if (sources !== undefined) hash.update(`sources ${sources}\u0000`);
  else hash.update(readFileSync(join(root, 'dist', 'bundle', 'cli', 'worker.js')));
  hash.update(`facts format ${FACTS_FORMAT}\u0000`);
  // The grammars and the runtime are packages, outside both (read here, not at build time: a package updated
  // without a rebuild must still change the digest).
  for (const name of ['web-tree-sitter', '@vscode/tree-sitter-wasm', 'tldts'])
    hash.update(`${name}@${packageVersion(root, name)}\u0000`);
  codeDigest = hash.digest('hex').slice(0, 24);
  return codeDigest;
}

/**
 * The fingerprint of an analysis run: the code digest and the per-file budgets that shape a file's facts
 * (the whole-scan byte budget decides which files are analyzed, not what their facts are).
 */
export function analyzerFingerprint(options: AnalyzeOptions): string {
  const work: Omit<WorkLimits, 'scanSourceBytes'> & { scanSourceBytes?: number } = {
    ...DEFAULT_WORK_LIMITS,
    ...options.work,
  };
  delete work.scanSourceBytes;
  const budgets = createHash('sha256')
    .update(JSON.stringify({ work, maxBytes: options.maxBytes ?? null }))
    .digest('hex')
    .slice(0, 8);
  return `${analyzerCodeDigest()}.${budgets}`;
}
