/**
 * Scans on request, in-process, one at a time (a scan uses a whole core; two would only slow each other),
 * with a bounded queue and a time limit. A scan that overruns is reported as failed; the runner still
 * waits for it before starting the next, so the one-at-a-time bound holds.
 */
import { randomUUID } from 'node:crypto';
import type { Report } from '../../report/model.ts';
import { QueueFullError, type ScanJob, type ScanJobs } from './jobs.ts';

export { QueueFullError, type ScanJob, type ScanState } from './jobs.ts';

import type { Scanner, ScanRequest } from './scan-report.ts';
import { scanWithinLimit } from './time-limit.ts';

export interface RunnerOptions {
  readonly scanner: Scanner;
  /** Jobs waiting, beyond the one running; more are refused (HTTP 503). */
  readonly maxQueued?: number;
  readonly timeLimitMs?: number;
  /** Finished jobs kept for polling. */
  readonly keep?: number;
  /** Called with each finished report (the server keeps it in its archive). */
  readonly onReport?: (report: Report) => void;
  /** Called after a job ends, with the job (for cleaning up uploads). */
  readonly onSettled?: (job: ScanJob, request: ScanRequest) => void;
}

export class ScanRunner implements ScanJobs {
  readonly #options: Required<Omit<RunnerOptions, 'onReport' | 'onSettled'>> & RunnerOptions;
  readonly #jobs = new Map<string, ScanJob>();
  readonly #waiting: { job: ScanJob; request: ScanRequest }[] = [];
  #running = false;
  #idle: Promise<void> = Promise.resolve();

  constructor(options: RunnerOptions) {
    this.#options = { maxQueued: 10, timeLimitMs: 120_000, keep: 200, ...options };
  }

  async submit(request: ScanRequest, label: string): Promise<ScanJob> {
    if (this.#waiting.length >= this.#options.maxQueued) {
      throw new QueueFullError('too many scans are waiting; try again later');
    }
    const job: ScanJob = {
      id: randomUUID(),
      label,
      state: 'queued',
      submittedAt: new Date().toISOString(),
      position: this.#waiting.length + (this.#running ? 1 : 0),
    };
    this.#jobs.set(job.id, job);
    this.#waiting.push({ job, request });
    this.#forget();
    if (!this.#running) this.#idle = this.#drain();
    return job;
  }

  async get(id: string): Promise<ScanJob | null> {
    const job = this.#jobs.get(id);
    if (job === undefined) return null;
    if (job.state === 'queued') job.position = this.#waiting.findIndex((w) => w.job === job) + 1;
    return job;
  }

  /** Resolves when no scan is running or waiting (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#running) await this.#idle;
  }

  /** Lets the scan in hand finish; nothing else holds resources. */
  close(): Promise<void> {
    return this.idle();
  }

  #forget(): void {
    const finished = [...this.#jobs.values()].filter((j) => j.state === 'done' || j.state === 'failed');
    for (const job of finished.slice(0, Math.max(0, finished.length - this.#options.keep))) {
      this.#jobs.delete(job.id);
    }
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      for (let next = this.#waiting.shift(); next !== undefined; next = this.#waiting.shift()) {
        await this.#run(next.job, next.request);
      }
    } finally {
      this.#running = false;
    }
  }

  async #run(job: ScanJob, request: ScanRequest): Promise<void> {
    job.state = 'running';
    job.position = 0;
    job.startedAt = new Date().toISOString();
    try {
      const outcome = await scanWithinLimit(this.#options.scanner, request, this.#options.timeLimitMs);
      if ('report' in outcome) {
        job.report = outcome.report;
        job.state = 'done';
        this.#options.onReport?.(outcome.report);
      } else {
        job.state = 'failed';
        job.error = outcome.error;
      }
    } finally {
      job.finishedAt = new Date().toISOString();
      this.#options.onSettled?.(job, request);
    }
  }
}
