/**
 * Scans on request, behind one contract: in the server process (runner.ts, for a single user on SQLite),
 * or as jobs on the community's PostgreSQL queue (queued-jobs.ts), taken by whichever worker is free.
 */
import type { Report } from '../../report/model.ts';
import type { ScanRequest } from './scan-report.ts';

export type ScanState = 'queued' | 'running' | 'done' | 'failed';

export interface ScanJob {
  readonly id: string;
  /** What was asked for, as the visitor wrote it (shown escaped). */
  readonly label: string;
  state: ScanState;
  readonly submittedAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Jobs ahead of this one when it was last looked at. */
  position: number;
  report?: Report;
  error?: { readonly code: string; readonly message: string };
}

/** Too many scans wait already (HTTP 503). */
export class QueueFullError extends Error {}

export interface ScanJobs {
  /** Throws QueueFullError when too many scans wait. */
  submit(request: ScanRequest, label: string): Promise<ScanJob>;
  get(id: string): Promise<ScanJob | null>;
  /** Resolves when this process has no scan of its own running or waiting (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}
