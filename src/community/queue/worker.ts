/**
 * `assay community worker`: takes jobs from the queue until SIGTERM or SIGINT, then finishes the jobs in
 * hand and exits. Any number of these processes, on any number of machines, share one database.
 */
import { createAnalysisPool } from '../../analysis/pool/index.ts';
import { type IndexerOptions, indexContext } from '../index/indexer.ts';
import { jobHandler } from './handler.ts';
import type { JobQueue, WorkOptions } from './types.ts';

export interface WorkerRun {
  /** Resolves when the worker has stopped (after a signal or `stop()`), with the jobs it finished. */
  readonly finished: Promise<{
    readonly done: number;
    readonly failed: number;
    readonly unexpected: boolean;
  }>;
  stop(): void;
}

/** Errors that mean "the database is unreachable for now" (refused, reset, shut down by the administrator). */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (
    typeof code === 'string' &&
    (/^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|57P0[123])$/.test(code) || code.startsWith('08'))
  )
    return true;
  const message = error instanceof Error ? error.message : String(error);
  return /Connection terminated|connection is closed|Client has encountered a connection error/i.test(
    message,
  );
}

export async function startWorker(
  queue: JobQueue,
  options: IndexerOptions & {
    readonly concurrency: number;
    readonly onJob?: WorkOptions['onJob'];
    /** A database error the worker rides out (or, for an unexpected one, stops on). */
    readonly onDatabaseError?: (message: string) => void;
  },
  signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'],
): Promise<WorkerRun> {
  // One pool of analysis threads for every job of this process (threads start once, not once per job).
  // `--workers 0` analyzes on the main thread (what tests use).
  const ownPool = options.scan?.pool === undefined && options.scan?.workers !== 0;
  const pool = options.scan?.pool ?? (ownPool ? createAnalysisPool(options.scan?.workers) : undefined);
  const context = await indexContext({
    ...options,
    scan: { ...(options.scan ?? {}), ...(pool === undefined ? {} : { pool }) },
  });
  let done = 0;
  let failed = 0;
  let stopRequested: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    stopRequested = resolve;
  });
  const onSignal = () => stopRequested();
  for (const signal of signals) process.once(signal, onSignal);
  // pg-boss records a job's completion or failure without awaiting it; while the database is down that
  // rejection reaches the process. The job stays `running` in the database and is handed out again after its
  // timeout, so the worker logs it and keeps going; any other stray rejection stops the worker cleanly.
  const onRejection = (reason: unknown) => {
    const message = reason instanceof Error ? reason.message : String(reason);
    if (isConnectionError(reason)) {
      options.onDatabaseError?.(message);
      return;
    }
    options.onDatabaseError?.(`unexpected error, stopping: ${message}`);
    unexpected = true;
    stopRequested();
  };
  let unexpected = false;
  process.on('unhandledRejection', onRejection);
  await queue.work(jobHandler(context), {
    concurrency: options.concurrency,
    onJob: (job, outcome) => {
      if (outcome.status === 'failed') failed++;
      else done++;
      options.onJob?.(job, outcome);
    },
  });
  const finished = stopped.then(async () => {
    for (const signal of signals) process.off(signal, onSignal);
    await queue.stop();
    process.off('unhandledRejection', onRejection);
    if (ownPool) await pool?.close();
    await context.index.close();
    return { done, failed, unexpected };
  });
  return { finished, stop: () => stopRequested() };
}
