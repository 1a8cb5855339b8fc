import { test } from 'node:test';
import fc from 'fast-check';
import { FUZZ_TARGETS } from './targets.ts';

// A bounded number of runs per target with a fixed seed: CI sees the same inputs every time, and a
// failure names the seed and path that reproduce it. scripts/fuzz.ts runs the same targets for hours.
for (const target of FUZZ_TARGETS) {
  test(`fuzz ${target.name}: returns or throws an AssayError, within the limits`, async () => {
    await fc.assert(target.property, { numRuns: 150, seed: 20261207, endOnFailure: true });
  });
}
