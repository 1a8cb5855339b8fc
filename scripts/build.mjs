// Bundles the CLI and the analysis worker with esbuild into dist/bundle/cli/ so that the CLI starts without
// transpiling TypeScript or resolving hundreds of small modules on every run (measured: 1.45 s → 0.89 s for a
// small package). Packages that load native code, wasm or worker files by path stay external.
// The bundle sits three folders below the root, like the sources it replaces, so relative data paths hold.
//
// The CLI is CommonJS so that bin/load-bundle.js can compile it through vm.Script with a V8 code cache (Node 20
// has no code cache for ES modules); the worker stays an ES module, as piscina loads it by path.
// sources.json lists the source files both bundles were made from (src/, and the data/ files they inline), so
// bin/assay.js and the analysis pool (src/analysis/pool/bundled-worker.ts) can tell a stale bundle by a few
// hundred stats instead of walking src/ with its tests and fixtures.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * The digest of the analyzer's sources that keys the facts cache, computed by the sources' own function
 * (src/analysis/pool/fingerprint.ts, through tsx) and written into the CLI bundle, so that a run does not read and
 * hash those sources again. Without tsx (an installation without dev dependencies) the bundle computes it at run time.
 */
function analyzerSourceDigest() {
  try {
    const digest = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        "const { sourceDigest } = await import('./src/analysis/pool/fingerprint.ts'); process.stdout.write(sourceDigest() ?? '');",
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    ).trim();
    return /^[0-9a-f]{64}$/.test(digest) ? digest : undefined;
  } catch {
    return undefined;
  }
}
const sourceDigest = analyzerSourceDigest();

const outdir = 'dist/bundle/cli';
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: [
    'better-sqlite3',
    'web-tree-sitter',
    'piscina',
    'xz-decompress',
    'seek-bzip',
    '@vscode/tree-sitter-wasm',
    'tsx',
    // Optional XML plugins of @cyclonedx/cyclonedx-library, required only when its XML serializer or validator
    // runs; assay writes JSON SBOMs, and these packages are not installed.
    'xmlbuilder2',
    'libxmljs2',
  ],
  logLevel: 'warning',
  // Non-ASCII characters are escaped, so bin/load-bundle.js can read the bundle as latin1 (no UTF-8 decoding).
  charset: 'ascii',
  // `node scripts/build.mjs --no-minify` keeps names readable in CPU profiles.
  minify: !process.argv.includes('--no-minify'),
  metafile: true,
};

const cli = await build({
  ...common,
  // web-tree-sitter's CommonJS build goes inside the CLI bundle, so the code cache covers it (its wasm is found
  // through locateFile, src/analysis/tree-sitter/runtime.ts). The ES module worker keeps it external: the
  // CommonJS build reads __dirname, which an ES module does not have.
  external: common.external.filter((name) => name !== 'web-tree-sitter'),
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
  // import() in the bundle becomes require(): a dynamic import from code run by vm.Script goes through
  // Node's experimental loader hook and prints a warning (web-tree-sitter imports fs/promises that way).
  supported: { 'dynamic-import': false },
  entryPoints: ['src/cli/main.ts'],
  format: 'cjs',
  outfile: `${outdir}/main.cjs`,
  // Sources locate data files and the worker from import.meta.url; in CommonJS that is the bundle's own URL.
  define: {
    'import.meta.url': '__assayModuleUrl',
    ...(sourceDigest === undefined ? {} : { ASSAY_ANALYZER_SOURCE_DIGEST: JSON.stringify(sourceDigest) }),
  },
  banner: { js: "var __assayModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

const worker = await build({
  ...common,
  entryPoints: ['src/analysis/pool/worker.ts'],
  format: 'esm',
  outfile: `${outdir}/worker.js`,
  // Bundled CommonJS packages call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __assayCreateRequire } from 'node:module'; const require = __assayCreateRequire(import.meta.url);",
  },
});

// esbuild leaves regular-expression literals as written: a non-ASCII one would be misread as latin1. An
// unminified build (for profiles) keeps comments, whose characters do not matter: it is not checked.
const nonAscii = common.minify ? /[^\x00-\x7f]/.exec(readFileSync(`${outdir}/main.cjs`, 'latin1')) : null;
if (nonAscii !== null) {
  console.error(
    `build: ${outdir}/main.cjs has a non-ASCII character at ${nonAscii.index}; escape it in the source (\\uXXXX)`,
  );
  process.exit(1);
}

const sources = new Set(
  [cli, worker].flatMap((result) =>
    Object.keys(result.metafile.inputs).filter(
      (input) => input.startsWith('src/') || input.startsWith('data/'),
    ),
  ),
);
writeFileSync(`${outdir}/sources.json`, `${JSON.stringify([...sources].sort(), null, 1)}\n`);
