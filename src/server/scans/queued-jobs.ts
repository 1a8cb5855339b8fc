/**
 * Scans on request as jobs on the community's PostgreSQL queue (pg-boss, queue `assay-site-scan`, beside the
 * indexing queue in the same `pgboss` schema). The server that takes a request only enqueues it; any process
 * that works the queue runs it: `assay serve` itself, one scan at a time, and every `assay community worker`
 * of the deployment. An upload travels inside its job (base64, within the server's upload limit), so a
 * worker on another machine can scan it; the report comes back as the job's output, so any server of the
 * deployment can show it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PgBoss from 'pg-boss';
import { AssayError } from '../../core/errors.ts';
import type { Report } from '../../report/model.ts';
import { redactUrl } from '../../store/postgres.ts';
import type { ScanJobs } from './jobs.ts';
import { QueueFullError, type ScanJob, type ScanState } from './runner.ts';
import type { Scanner, ScanRequest } from './scan-report.ts';
import { type ScanOutcome, scanWithinLimit } from './time-limit.ts';
import { discardUpload, UPLOAD_SUFFIXES } from './upload.ts';

export const SITE_SCAN_QUEUE = 'assay-site-scan';
const SCHEMA = 'pgboss';

/** What a job carries: a registry target, or the bytes of an upload and the name the visitor gave it. */
type JobData =
  | { readonly kind: 'registry'; readonly label: string; readonly target: string }
  | { readonly kind: 'upload'; readonly label: string; readonly filename: string; readonly bytes: string };

/** What a worker leaves as the job's output. */
type JobOutput = ScanOutcome;

export interface QueuedScanOptions {
  /** When set, this process also runs site scans from the queue, one at a time, with this scanner. */
  readonly scanner?: Scanner;
  /** Jobs waiting in the whole deployment; more are refused (HTTP 503). Default 10. */
  readonly maxQueued?: number;
  /** A scan that runs longer fails with E_TIMEOUT. Default 120 s. */
  readonly timeLimitMs?: number;
  /** How often an idle process asks for a job (seconds; default 1). */
  readonly pollSeconds?: number;
  /** Called once per finished report this process reads back (the server keeps it in its archive). */
  readonly onReport?: (report: Report) => void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const STATES: Record<PgBoss.JobWithMetadata['state'], ScanState> = {
  created: 'queued',
  retry: 'queued',
  active: 'running',
  completed: 'done',
  cancelled: 'failed',
  failed: 'failed',
};

/** Runs one job's scan within the time limit; the outcome is always an output, never a thrown error. */
async function runJob(data: JobData, scanner: Scanner, timeLimitMs: number): Promise<JobOutput> {
  let request: ScanRequest;
  let dir: string | undefined;
  if (data.kind === 'upload') {
    dir = mkdtempSync(join(tmpdir(), 'assay-site-scan-'));
    // The suffix tells the scanner how to read the archive; the visitor's name is only shown.
    const suffix = UPLOAD_SUFFIXES.find((candidate) => data.filename.toLowerCase().endsWith(candidate)) ?? '';
    const path = join(dir, `upload-${randomUUID()}${suffix}`);
    writeFileSync(path, Buffer.from(data.bytes, 'base64'), { mode: 0o600 });
    request = { kind: 'upload', path, filename: data.filename };
  } else {
    request = { kind: 'registry', target: data.target };
  }
  try {
    return await scanWithinLimit(scanner, request, timeLimitMs);
  } finally {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
}

export async function openQueuedScanJobs(
  url: string,
  options: QueuedScanOptions = {},
): Promise<QueuedScanJobs> {
  const boss = new PgBoss({
    connectionString: url,
    schema: SCHEMA,
    max: 2,
    // Results are read back within minutes; a day is plenty, then pg-boss archives and later deletes them.
    archiveCompletedAfterSeconds: 24 * 3600,
    archiveFailedAfterSeconds: 24 * 3600,
  });
  boss.on('error', () => {
    // Background failures (a restarted database) are retried by pg-boss; the next request reports its own.
  });
  const timeLimitMs = options.timeLimitMs ?? 120_000;
  try {
    await boss.start();
    await boss.createQueue(SITE_SCAN_QUEUE, {
      name: SITE_SCAN_QUEUE,
      // A scan is not retried: a visitor waits for it, and a failure is an answer.
      retryLimit: 0,
      expireInSeconds: Math.ceil(timeLimitMs / 1000) + 60,
    });
  } catch (error) {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    throw new AssayError(
      'E_DATABASE',
      `cannot open the scan queue in ${redactUrl(url)}: ${messageOf(error)}`,
      {
        cause: error,
      },
    );
  }
  const jobs = new QueuedScanJobs(boss, options, timeLimitMs);
  if (options.scanner !== undefined) await jobs.work(options.scanner);
  return jobs;
}

export class QueuedScanJobs implements ScanJobs {
  readonly #boss: PgBoss;
  readonly #options: QueuedScanOptions;
  readonly #timeLimitMs: number;
  readonly #reported = new Set<string>();
  #inHand = 0;
  #settled: () => void = () => {};

  constructor(boss: PgBoss, options: QueuedScanOptions, timeLimitMs: number) {
    this.#boss = boss;
    this.#options = options;
    this.#timeLimitMs = timeLimitMs;
  }

  /** Takes site scans from the queue in this process, one at a time. */
  async work(scanner: Scanner): Promise<void> {
    await this.#boss.work<JobData>(
      SITE_SCAN_QUEUE,
      { batchSize: 1, pollingIntervalSeconds: this.#options.pollSeconds ?? 1 },
      async (batch) => {
        const job = batch[0];
        if (job === undefined) return null;
        this.#inHand++;
        try {
          return await runJob(job.data, scanner, this.#timeLimitMs);
        } finally {
          this.#inHand--;
          if (this.#inHand === 0) this.#settled();
        }
      },
    );
  }

  async #waiting(): Promise<number> {
    const { rows } = await this.#boss
      .getDb()
      .executeSql(
        `SELECT count(*)::int AS n FROM ${SCHEMA}.job WHERE name = $1 AND state IN ('created', 'retry')`,
        [SITE_SCAN_QUEUE],
      );
    return (rows[0] as { n: number } | undefined)?.n ?? 0;
  }

  async submit(request: ScanRequest, label: string): Promise<ScanJob> {
    try {
      if ((await this.#waiting()) >= (this.#options.maxQueued ?? 10)) {
        throw new QueueFullError('too many scans are waiting; try again later');
      }
      const data: JobData =
        request.kind === 'registry'
          ? { kind: 'registry', label, target: request.target }
          : {
              kind: 'upload',
              label,
              filename: request.filename,
              bytes: readFileSync(request.path).toString('base64'),
            };
      const id = await this.#boss.send(SITE_SCAN_QUEUE, data);
      if (id === null) throw new AssayError('E_DATABASE', 'the scan queue refused the job');
      return (
        (await this.get(id)) ?? {
          id,
          label,
          state: 'queued',
          submittedAt: new Date().toISOString(),
          position: 1,
        }
      );
    } finally {
      // The bytes are in the job now (or the job was refused): the server's copy is not needed.
      discardUpload(request);
    }
  }

  async get(id: string): Promise<ScanJob | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const job =
      (await this.#boss.getJobById<JobData>(SITE_SCAN_QUEUE, id)) ??
      (await this.#boss.getJobById<JobData>(SITE_SCAN_QUEUE, id, { includeArchive: true }));
    if (job === null) return null;
    const state = STATES[job.state];
    const output = job.output as JobOutput | null | undefined;
    const out: ScanJob = {
      id,
      label: job.data.label,
      state,
      submittedAt: new Date(job.createdOn).toISOString(),
      ...(state === 'queued' ? {} : { startedAt: new Date(job.startedOn).toISOString() }),
      ...(job.completedOn === null ? {} : { finishedAt: new Date(job.completedOn).toISOString() }),
      position: state === 'queued' ? await this.#positionOf(id) : 0,
    };
    if (state === 'done' && output && 'report' in output) {
      out.report = output.report;
      if (!this.#reported.has(id)) {
        this.#reported.add(id);
        this.#options.onReport?.(output.report);
      }
    } else if (output && 'error' in output) {
      out.state = 'failed';
      out.error = output.error;
    } else if (state === 'done' || state === 'failed') {
      // A job pg-boss failed itself (its worker died and it expired): no output of ours.
      out.state = 'failed';
      out.error = { code: 'E_TIMEOUT', message: 'the scan did not finish' };
    }
    return out;
  }

  /** Waiting jobs submitted before this one, and itself (compared in the database, to the microsecond). */
  async #positionOf(id: string): Promise<number> {
    const { rows } = await this.#boss.getDb().executeSql(
      `SELECT count(*)::int AS n FROM ${SCHEMA}.job
        WHERE name = $1 AND state IN ('created', 'retry')
          AND created_on <= (SELECT created_on FROM ${SCHEMA}.job WHERE name = $1 AND id = $2::uuid)`,
      [SITE_SCAN_QUEUE, id],
    );
    return (rows[0] as { n: number } | undefined)?.n ?? 1;
  }

  /** Resolves when this process has no site scan in hand. */
  async idle(): Promise<void> {
    if (this.#inHand === 0) return;
    await new Promise<void>((resolve) => {
      this.#settled = resolve;
    });
  }

  async close(): Promise<void> {
    await this.#boss.offWork(SITE_SCAN_QUEUE).catch(() => {});
    await this.idle();
    await this.#boss.stop({ graceful: true, wait: true });
  }
}
