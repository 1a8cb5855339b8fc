/**
 * The indexing queue on PostgreSQL, through pg-boss (its own schema `pgboss` in the index's database, so a
 * deployment runs one server). Chosen over BullMQ's PostgreSQL backend by measurement (see
 * scripts/bench/queue-backends.ts and docs/community.md).
 *
 * - Idempotent: a job's id is derived from its key (jobId), and pg-boss inserts with ON CONFLICT DO NOTHING,
 *   so the same job enqueued again is a no-op while it is queued, running, done or failed.
 * - A killed worker loses nothing: its job stays `active` until its expiry (`jobTimeoutSeconds`), when the
 *   supervisor (any running worker) puts it back for another try. Recording a scan is one transaction
 *   keyed by the artifact's sha256, so a job run twice leaves one copy.
 * - A failed try is retried with exponential backoff; after the last, the job is kept `failed` with its error.
 * - `stop()` takes no new job and waits for the jobs in hand (SIGTERM in `community worker`).
 */
import PgBoss from 'pg-boss';
import { AssayError } from '../../core/errors.ts';
import { redactUrl } from '../../store/postgres.ts';
import { jobId } from './keys.ts';
import type {
  EcosystemQueueStatus,
  EnqueueResult,
  FailedJob,
  IndexJob,
  JobHandler,
  JobQueue,
  QueueStatus,
  WorkOptions,
} from './types.ts';

export const QUEUE_NAME = 'assay-index';
const SCHEMA = 'pgboss';

export interface PgBossQueueOptions {
  /**
   * Jobs enqueued through this queue: one running longer is taken as abandoned (its worker died) and handed
   * out again. A property of each job, fixed when it is enqueued. Default 600 s.
   */
  readonly jobTimeoutSeconds?: number;
  /** Tries after the first (default 3), with exponential backoff from `retryDelaySeconds` (default 10). */
  readonly retryLimit?: number;
  readonly retryDelaySeconds?: number;
  /** How often a worker checks for expired jobs (default 60 s; tests use 1). */
  readonly superviseSeconds?: number;
  /** How often an idle worker asks for a job (default 1 s). */
  readonly pollSeconds?: number;
}

interface JobRow {
  data: IndexJob;
  output: unknown;
  retry_count: number;
  completed_on: Date | null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function errorText(output: unknown): string {
  if (output !== null && typeof output === 'object') {
    const message = (output as { message?: unknown }).message;
    if (typeof message === 'string') return message;
    const value = (output as { value?: unknown }).value;
    if (typeof value === 'string') return value;
  }
  return output === null || output === undefined ? 'no error recorded' : JSON.stringify(output);
}

export async function openPgBossQueue(url: string, options: PgBossQueueOptions = {}): Promise<PgBossQueue> {
  const boss = new PgBoss({
    connectionString: url,
    schema: SCHEMA,
    max: 4,
    maintenanceIntervalSeconds: options.superviseSeconds ?? 60,
    monitorStateIntervalSeconds: 60,
    // Finished jobs stay queryable (status, idempotency) for a week before pg-boss archives them.
    archiveCompletedAfterSeconds: 7 * 24 * 3600,
    archiveFailedAfterSeconds: 30 * 24 * 3600,
  });
  const errors: unknown[] = [];
  // pg-boss reports background failures (a database restart, a lost connection) as events: without a
  // listener Node would exit. The worker keeps going and its next query reconnects.
  boss.on('error', (error) => {
    errors.push(error);
    if (errors.length > 100) errors.shift();
  });
  try {
    await boss.start();
    await boss.createQueue(QUEUE_NAME, {
      name: QUEUE_NAME,
      retryLimit: options.retryLimit ?? 3,
      retryDelay: options.retryDelaySeconds ?? 10,
      retryBackoff: true,
      expireInSeconds: options.jobTimeoutSeconds ?? 600,
    });
  } catch (error) {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    throw new AssayError(
      'E_DATABASE',
      `cannot open the job queue in ${redactUrl(url)}: ${messageOf(error)}`,
      {
        cause: error,
      },
    );
  }
  return new PgBossQueue(boss, redactUrl(url), options.pollSeconds ?? 1, options.jobTimeoutSeconds ?? 600);
}

export class PgBossQueue implements JobQueue {
  readonly description: string;
  readonly #boss: PgBoss;
  readonly #pollSeconds: number;
  readonly #jobTimeoutSeconds: number;
  #working = false;

  constructor(boss: PgBoss, location: string, pollSeconds: number, jobTimeoutSeconds: number) {
    this.#boss = boss;
    this.description = `pg-boss queue ${QUEUE_NAME} in ${location}`;
    this.#pollSeconds = pollSeconds;
    this.#jobTimeoutSeconds = jobTimeoutSeconds;
  }

  async #sql<R>(sql: string, values: unknown[] = []): Promise<R[]> {
    const db = this.#boss.getDb() as { executeSql(text: string, values: unknown[]): Promise<{ rows: R[] }> };
    return (await db.executeSql(sql, values)).rows;
  }

  async enqueue(jobs: readonly IndexJob[]): Promise<EnqueueResult> {
    const unique = new Map<string, IndexJob>();
    for (const job of jobs) unique.set(jobId(job), job);
    const ids = [...unique.keys()];
    if (ids.length === 0) return { added: 0, existing: 0 };
    let existing = 0;
    for (let start = 0; start < ids.length; start += 5000) {
      const chunk = ids.slice(start, start + 5000);
      const rows = await this.#sql<{ n: number }>(
        `SELECT (SELECT COUNT(*) FROM ${SCHEMA}.job WHERE name = $1 AND id = ANY($2::uuid[]))::int
              + (SELECT COUNT(*) FROM ${SCHEMA}.archive WHERE name = $1 AND id = ANY($2::uuid[]))::int AS n`,
        [QUEUE_NAME, chunk],
      );
      existing += rows[0]?.n ?? 0;
      // Jobs are handed out by priority, then creation time: order of the list = order of work.
      const base = await this.#sql<{ n: number }>(
        `SELECT COUNT(*)::int AS n FROM ${SCHEMA}.job WHERE name = $1`,
        [QUEUE_NAME],
      );
      const offset = base[0]?.n ?? 0;
      await this.#boss.insert(
        chunk.map((id, i) => ({
          id,
          name: QUEUE_NAME,
          data: unique.get(id) as IndexJob,
          priority: -(offset + start + i),
          expireInSeconds: this.#jobTimeoutSeconds,
        })),
      );
    }
    return { added: ids.length - existing, existing };
  }

  async work(handler: JobHandler, options: WorkOptions): Promise<void> {
    if (this.#working) throw new AssayError('E_USAGE', 'this queue is already working');
    this.#working = true;
    // One polling loop per job in flight: each takes one job, runs it, completes or fails it. pg-boss waits out
    // the rest of its polling interval after every fetch, even one that found a job, which held each loop to one
    // job per interval (a worker process at --concurrency 4 indexed at most 4 packages a second, its cores
    // half idle). A loop that ran a job is told to fetch again at once; only an empty queue waits.
    for (let i = 0; i < Math.max(1, options.concurrency); i++) {
      let loop: string | undefined;
      loop = await this.#boss.work<IndexJob>(
        QUEUE_NAME,
        { batchSize: 1, pollingIntervalSeconds: this.#pollSeconds },
        async ([job]) => {
          if (job === undefined) return;
          try {
            const outcome = await handler(job.data);
            options.onJob?.(job.data, outcome);
            return outcome;
          } catch (error) {
            options.onJob?.(job.data, { status: 'failed', error: messageOf(error) });
            throw error;
          } finally {
            if (loop !== undefined) this.#boss.notifyWorker(loop);
          }
        },
      );
    }
  }

  async stop(): Promise<void> {
    // Graceful: the jobs in hand finish (up to the job timeout) and are completed before the pool closes.
    await this.#boss.stop({ graceful: true, wait: true, close: true, timeout: 24 * 3600 * 1000 });
  }

  async status(options: { readonly failures?: number } = {}): Promise<QueueStatus> {
    const windowMinutes = 10;
    const counts = await this.#sql<{ ecosystem: string; state: string; n: number; recent: number }>(
      `SELECT data->>'ecosystem' AS ecosystem, state, COUNT(*)::int AS n,
              COUNT(*) FILTER (WHERE completed_on > now() - make_interval(mins => $2))::int AS recent
         FROM (SELECT data, state, completed_on FROM ${SCHEMA}.job WHERE name = $1
               UNION ALL SELECT data, state, completed_on FROM ${SCHEMA}.archive WHERE name = $1) j
        GROUP BY 1, 2`,
      [QUEUE_NAME, windowMinutes],
    );
    const byEcosystem = new Map<
      string,
      { queued: number; running: number; done: number; failed: number; recent: number }
    >();
    for (const row of counts) {
      const entry = byEcosystem.get(row.ecosystem) ?? {
        queued: 0,
        running: 0,
        done: 0,
        failed: 0,
        recent: 0,
      };
      if (row.state === 'created' || row.state === 'retry') entry.queued += row.n;
      else if (row.state === 'active') entry.running += row.n;
      else if (row.state === 'completed') {
        entry.done += row.n;
        entry.recent += row.recent;
      } else if (row.state === 'failed') {
        entry.failed += row.n;
        entry.recent += row.recent;
      }
      byEcosystem.set(row.ecosystem, entry);
    }
    const ecosystems: EcosystemQueueStatus[] = [...byEcosystem]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([ecosystem, c]) => {
        const perSecond = c.recent / (windowMinutes * 60);
        const left = c.queued + c.running;
        return {
          ecosystem,
          queued: c.queued,
          running: c.running,
          done: c.done,
          failed: c.failed,
          perSecond,
          etaSeconds: left === 0 ? 0 : perSecond > 0 ? left / perSecond : null,
        };
      });
    const failedRows = await this.#sql<JobRow>(
      `SELECT data, output, retry_count, completed_on FROM ${SCHEMA}.job
        WHERE name = $1 AND state = 'failed' ORDER BY completed_on DESC LIMIT $2`,
      [QUEUE_NAME, options.failures ?? 20],
    );
    const failures: FailedJob[] = failedRows.map((row) => ({
      job: row.data,
      error: errorText(row.output),
      attempts: row.retry_count + 1,
      finishedAt: row.completed_on === null ? null : new Date(row.completed_on).toISOString(),
    }));
    return { windowMinutes, ecosystems, failures };
  }

  async close(): Promise<void> {
    await this.#boss.stop({ graceful: false, wait: true, close: true }).catch(() => {});
  }
}
