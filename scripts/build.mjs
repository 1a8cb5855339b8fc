// Bundles the CLI and the analysis worker with esbuild into dist/bundle/cli/ so that the CLI starts without
// transpiling TypeScript or resolving hundreds of small modules on every run (measured: 1.45 s → 0.89 s for a
// small package). Packages that load native code, wasm or worker files by path stay external.
// The bundle sits three folders below the root, like the sources it replaces, so relative data paths hold.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts', 'src/analysis/pool/worker.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: [
    'better-sqlite3',
    'web-tree-sitter',
    'piscina',
    'xz-decompress',
    'seek-bzip',
    '@vscode/tree-sitter-wasm',
    'tsx',
  ],
  // Bundled CommonJS packages call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __assayCreateRequire } from 'node:module'; const require = __assayCreateRequire(import.meta.url);",
  },
  outdir: 'dist/bundle/cli',
  entryNames: '[name]',
  logLevel: 'warning',
  minify: true,
});
