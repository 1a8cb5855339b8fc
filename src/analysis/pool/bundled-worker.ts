/**
 * The worker threads' entry when assay runs from its TypeScript sources: the esbuild bundle of the worker
 * (dist/bundle/cli/worker.js, made by `npm run build` from the same sources) when it is at least as new as every
 * source file the build listed, so that a thread starts compiled JavaScript instead of registering tsx and
 * transpiling the analyzers again (0.3–1.3 s per thread on 2 vCPUs; the 40-package corpus pass spent 16 % of its
 * CPU there). A bundle older than any source, or missing, is never used: an edit is never hidden behind it (the
 * same rule as bin/assay.js for the CLI bundle). The analyzer fingerprint (fingerprint.ts) still hashes the
 * sources, which the fresh bundle was built from, so cached facts stay valid either way.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The bundled worker's path under `root` (the checkout), or undefined when it is missing or older than a source. */
export function freshBundledWorker(root: string): string | undefined {
  const bundleDir = join(root, 'dist', 'bundle', 'cli');
  const worker = join(bundleDir, 'worker.js');
  try {
    const built = statSync(worker).mtimeMs;
    const sources: unknown = JSON.parse(readFileSync(join(bundleDir, 'sources.json'), 'utf8'));
    if (!Array.isArray(sources) || sources.length === 0) return undefined;
    for (const source of sources) {
      if (typeof source !== 'string' || statSync(join(root, source)).mtimeMs > built) return undefined;
    }
    return worker;
  } catch {
    // No bundle, no list, or a listed source gone (renamed or deleted since the build): the sources run.
    return undefined;
  }
}
