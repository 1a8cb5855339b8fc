/**
 * The piscina worker entry. Each thread loads its own analyzers (tree-sitter's wasm is
 * per-thread) on first use. Called by name: `analyzeBatchForThread` (pool.ts), whose results cross to the
 * main thread with their paths left out (crossing.ts).
 */
import { analyzeBatch, type BatchTask } from './batch.ts';
import { type CrossingResult, unlocate } from './crossing.ts';

export { analyzeBatch } from './batch.ts';

export async function analyzeBatchForThread(task: BatchTask): Promise<CrossingResult[]> {
  return unlocate(await analyzeBatch(task), task.files);
}
