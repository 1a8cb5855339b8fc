/**
 * The long fuzzing run: the targets of test/fuzz/targets.ts, round after round with a new seed each time,
 * for --minutes minutes. Every batch is logged as one JSON line before it runs (target, seed, runs), so
 * the inputs tried can be regenerated exactly from the log (fast-check derives them from the seed), and a
 * hang leaves its seed as the last line. Failures are logged with their counterexample and the run goes on.
 *
 *   nice -n 15 npx tsx scripts/fuzz.ts --minutes 60 --log /tmp/assay-fuzz.log
 */
import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { FUZZ_TARGETS } from '../test/fuzz/targets.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '60' },
    log: { type: 'string', default: 'fuzz.log' },
    runs: { type: 'string', default: '200' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
  },
});
const minutes = Number(values.minutes);
const runsPerBatch = Number(values.runs);
const log = values.log;
const write = (record: Record<string, unknown>): void => {
  appendFileSync(log, `${JSON.stringify({ at: new Date().toISOString(), ...record })}\n`);
};

const end = Date.now() + minutes * 60_000;
let seed = Number(values.seed);
let inputs = 0;
let failures = 0;
let peakRss = 0;
write({ event: 'start', minutes, runsPerBatch, firstSeed: seed, targets: FUZZ_TARGETS.map((t) => t.name) });
while (Date.now() < end) {
  for (const target of FUZZ_TARGETS) {
    seed = (seed + 1) % 2 ** 31;
    write({ event: 'batch', target: target.name, seed, runs: runsPerBatch });
    const started = Date.now();
    const result = await fc.check(target.property, { numRuns: runsPerBatch, seed, endOnFailure: true });
    inputs += result.numRuns;
    const rss = process.memoryUsage().rss;
    peakRss = Math.max(peakRss, rss);
    if (result.failed) {
      failures++;
      const example = result.counterexample?.[0];
      write({
        event: 'failure',
        target: target.name,
        seed,
        path: result.counterexamplePath,
        error: String(result.errorInstance).slice(0, 2000),
        input: example === undefined ? null : Buffer.from(example).subarray(0, 65_536).toString('base64'),
      });
    }
    write({ event: 'done', target: target.name, seed, ran: result.numRuns, ms: Date.now() - started, rss });
  }
}
write({ event: 'end', inputs, failures, peakRssMB: Math.round(peakRss / 2 ** 20) });
console.log(
  `fuzz: ${inputs} inputs, ${failures} failing batches, peak RSS ${Math.round(peakRss / 2 ** 20)} MB`,
);
