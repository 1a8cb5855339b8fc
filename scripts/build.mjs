// Bundles the CLI and the analysis worker with esbuild into dist/bundle/cli/ so that the CLI starts
// without transpiling TypeScript on every run. npm packages stay external (loaded from node_modules).
// The bundle sits three folders below the root, like the sources it replaces, so relative data paths hold.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts', 'src/analysis/pool/worker.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outdir: 'dist/bundle/cli',
  entryNames: '[name]',
  logLevel: 'warning',
});
