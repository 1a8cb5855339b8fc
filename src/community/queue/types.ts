/**
 * The indexing queue contract. A job names one package version to index with one analyzer version; its
 * key (ecosystem, name, version, analyzer version) makes enqueueing idempotent: the same job enqueued
 * twice, by two `enqueue` runs or by two machines, is one job. `version: null` means "the latest version
 * when the job runs" (seed lists and the dependency crawl name packages, not versions).
 */
import type { Ecosystem } from '../../metadata/types.ts';

export interface IndexJob {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly version: string | null;
  readonly analyzer: string;
  /** Where the name came from (`npm-high-impact`, `crawl`, `dir`…), shown by status. */
  readonly origin: string;
  /** An archive path every worker can read (a mirror on shared storage); else the registry is asked. */
  readonly target?: string;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface EnqueueResult {
  readonly added: number;
  /** Jobs that were already queued, running, done or failed under the same key. */
  readonly existing: number;
}

export interface FailedJob {
  readonly job: IndexJob;
  readonly error: string;
  readonly attempts: number;
  readonly finishedAt: string | null;
}

export interface EcosystemQueueStatus {
  readonly ecosystem: string;
  readonly queued: number;
  readonly running: number;
  readonly done: number;
  readonly failed: number;
  /** Jobs finished in the last `windowMinutes`, per second. */
  readonly perSecond: number;
  /** Seconds until the queued and running jobs are done at that rate; null when nothing finished lately. */
  readonly etaSeconds: number | null;
}

export interface QueueStatus {
  readonly windowMinutes: number;
  readonly ecosystems: readonly EcosystemQueueStatus[];
  /** The most recent failures (after their last retry), newest first. */
  readonly failures: readonly FailedJob[];
}

/** What the handler says about a job it finished. */
export interface JobOutcome {
  readonly status: 'indexed' | 'skipped';
  readonly version?: string;
}

export type JobHandler = (job: IndexJob) => Promise<JobOutcome>;

export interface WorkOptions {
  /** Jobs in flight in this process. */
  readonly concurrency: number;
  /** Called after every job (for progress lines). */
  readonly onJob?: (job: IndexJob, outcome: JobOutcome | { status: 'failed'; error: string }) => void;
}

export interface JobQueue {
  readonly description: string;
  enqueue(jobs: readonly IndexJob[]): Promise<EnqueueResult>;
  /** Takes jobs until `stop()`; resolves once started. */
  work(handler: JobHandler, options: WorkOptions): Promise<void>;
  /** Takes no new job, lets the jobs in hand finish, then returns. */
  stop(): Promise<void>;
  status(options?: { readonly failures?: number }): Promise<QueueStatus>;
  close(): Promise<void>;
}
