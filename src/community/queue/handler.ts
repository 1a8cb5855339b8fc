/**
 * What a queue worker does with one job: the same `indexOne` as `community add` and `community build`,
 * after checking that the job is not done already (a retried job, or one enqueued again under its key).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AssayError } from '../../core/errors.ts';
import { type IndexContext, indexOne } from '../index/indexer.ts';
import type { IndexJob, JobHandler } from './types.ts';

/** The scan target a job names: its explicit target (a shared archive path), else the registry package. */
export function jobTarget(job: IndexJob): string {
  if (job.target !== undefined) return job.target;
  if (job.ecosystem === 'npm') return `npm:${job.name}${job.version === null ? '' : `@${job.version}`}`;
  return `pypi:${job.name}${job.version === null ? '' : `==${job.version}`}`;
}

async function alreadyDone(context: IndexContext, job: IndexJob): Promise<boolean> {
  const { index, analyzer } = context;
  if (job.target !== undefined) {
    const sha256 = createHash('sha256').update(readFileSync(job.target)).digest('hex');
    return index.isArtifactIndexed(sha256, analyzer);
  }
  if (job.version === null) return index.isPackageIndexed(job.ecosystem, job.name, analyzer);
  return index.isVersionIndexed(job.ecosystem, job.name, job.version, analyzer);
}

export function jobHandler(context: IndexContext): JobHandler {
  return async (job) => {
    if (job.analyzer !== context.analyzer) {
      // Another catalog would record ids this one cannot vouch for; the job waits for a matching worker.
      throw new AssayError(
        'E_USAGE',
        `job queued for analyzer ${job.analyzer}, this worker runs ${context.analyzer}: enqueue again with this assay or run a matching worker`,
      );
    }
    if (await alreadyDone(context, job)) return { status: 'skipped' };
    const result = await indexOne(context, {
      target: jobTarget(job),
      ecosystem: job.ecosystem,
      ...(job.target === undefined ? { expectedName: job.name } : {}),
    });
    const first = result.recorded[0];
    return first === undefined ? { status: 'skipped' } : { status: 'indexed', version: first.version };
  };
}
