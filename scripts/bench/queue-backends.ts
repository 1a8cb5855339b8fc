/**
 * `npm run bench -- queue`: the PostgreSQL job queue on a throwaway server: N empty jobs enqueued in one
 * call, then taken by 8 concurrent handlers, and how long an abandoned job (its worker killed) stays
 * invisible before another worker gets it.
 */
import PgBoss from 'pg-boss';
import { startPostgres } from '../../src/store/postgres-server.ts';

const N = Number(process.env['QUEUE_BENCH_JOBS'] ?? 1000);

async function pgBoss(url: string): Promise<Record<string, number>> {
  const boss = new PgBoss({ connectionString: url, max: 10, maintenanceIntervalSeconds: 1 });
  boss.on('error', () => {});
  await boss.start();
  await boss.createQueue('bench', { name: 'bench' });
  let t = performance.now();
  await boss.insert(Array.from({ length: N }, (_, i) => ({ name: 'bench', data: { i } })));
  const enqueueMs = performance.now() - t;
  t = performance.now();
  let done = 0;
  await new Promise<void>((resolve) => {
    for (let w = 0; w < 8; w++) {
      void boss.work('bench', { batchSize: 1, pollingIntervalSeconds: 0.5 }, async () => {
        if (++done === N) resolve();
      });
    }
  });
  const drainMs = performance.now() - t;
  await boss.offWork('bench');
  // An abandoned job: fetched (active) and never completed; expiry hands it out again.
  await boss.send('bench', {}, { expireInSeconds: 1, retryLimit: 1 });
  await boss.fetch('bench');
  t = performance.now();
  let recoveredMs = Number.NaN;
  for (let i = 0; i < 200; i++) {
    const jobs = await boss.fetch('bench');
    if (jobs.length > 0) {
      recoveredMs = performance.now() - t;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await boss.stop({ graceful: false, wait: true });
  return { enqueueMs, drainMs, jobsPerSecond: (N / drainMs) * 1000, recoveredMs };
}

export async function benchQueues(): Promise<string> {
  const lines: string[] = [];
  // BullMQ 6.7.6's PostgreSQL backend was measured beside it by this script until pg-boss was chosen
  // (docs/community.md has both results) and is no longer a dependency.
  for (const [name, run] of [['pg-boss 10.4.2', pgBoss]] as const) {
    const server = await startPostgres();
    try {
      const r = await run(server.url);
      lines.push(
        `${name}: ${N} jobs enqueued in ${r['enqueueMs']?.toFixed(0)} ms, drained by 8 handlers in ${r['drainMs']?.toFixed(0)} ms (${r['jobsPerSecond']?.toFixed(0)} jobs/s)` +
          (r['recoveredMs'] === undefined
            ? ''
            : `, abandoned job handed out again after ${r['recoveredMs'].toFixed(0)} ms`),
      );
    } catch (error) {
      lines.push(`${name}: failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      server.stop();
    }
  }
  return lines.map((line) => `- ${line}`).join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchQueues());
