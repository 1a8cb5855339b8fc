/**
 * The piscina worker entry. Each thread loads its own analyzers (tree-sitter's wasm is
 * per-thread) on first use. Called by name: `pool.run(task, { name: 'analyzeBatch' })`.
 */
export { analyzeBatch } from './batch.ts';
