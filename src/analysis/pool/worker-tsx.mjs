// The worker entry piscina loads when assay runs from its TypeScript sources through tsx.
// On Node 20, tsx's ESM hooks registered in the main thread do not apply inside worker threads,
// so this thread registers them itself before importing the TypeScript worker.
import { register } from 'tsx/esm/api';

register();

const worker = await import('./worker.ts');

export const analyzeBatch = worker.analyzeBatch;
export const analyzeBatchForThread = worker.analyzeBatchForThread;
