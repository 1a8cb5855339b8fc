import { createHash } from 'node:crypto';
import { normalizePackageName } from '../../store/names.ts';
import type { IndexJob } from './types.ts';

/** The idempotency key of a job, as text. */
export function jobKey(job: Pick<IndexJob, 'ecosystem' | 'name' | 'version' | 'analyzer'>): string {
  return [job.ecosystem, normalizePackageName(job.ecosystem, job.name), job.version ?? '', job.analyzer].join(
    '\u0000',
  );
}

/**
 * The key as a UUID (name-based, version 5 layout over SHA-256): queues that key jobs by id then refuse a
 * second job with the same key, whatever its state.
 */
export function jobId(job: Pick<IndexJob, 'ecosystem' | 'name' | 'version' | 'analyzer'>): string {
  const hash = createHash('sha256').update(jobKey(job)).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
