#!/usr/bin/env node
// Runs the bundled CLI (dist/, made by `npm run build`, which `npm install` runs through `prepare`) when it is at
// least as new as every source file it was built from; otherwise runs the TypeScript sources through tsx, so an
// edit is never hidden behind a stale bundle.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundleDir = join(root, 'dist', 'bundle', 'cli');
const bundle = join(bundleDir, 'main.cjs');

/**
 * The bundle's stat when it exists and no source listed in sources.json (written by the build) is newer. An
 * installation without src/ has only the bundle to run.
 */
function freshBundle() {
  try {
    const stat = statSync(bundle);
    if (!existsSync(join(root, 'src'))) return stat;
    const sources = JSON.parse(readFileSync(join(bundleDir, 'sources.json'), 'utf8'));
    for (const source of sources) if (statSync(join(root, source)).mtimeMs > stat.mtimeMs) return undefined;
    return stat;
  } catch {
    // No bundle, no list, or a listed source gone (renamed or deleted since the build): run the sources.
    return undefined;
  }
}

const args = process.argv.slice(2);
// `assay --version` alone answers from package.json (the same string ASSAY_VERSION reads, printed the way the
// CLI prints it): loading and initialising the whole CLI for it costs ten times the answer.
const versionOnly = args.length === 1 && (args[0] === '--version' || args[0] === '-V');
const stat = versionOnly ? undefined : freshBundle();
if (versionOnly) {
  process.stdout.write(`${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}\n`);
} else if (stat !== undefined) {
  const { loadBundle } = await import('./load-bundle.js');
  const { exports, saveCache } = loadBundle(bundle, stat);
  process.exitCode = await exports.main(args);
  saveCache();
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import(join(root, 'src', 'cli', 'main.ts'));
  process.exitCode = await main(args);
}
