import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readProject } from './index.ts';
import { fixture } from './testing/fixtures.ts';
import type { Component } from './types.ts';

/**
 * One project (express 4.17.1, dev `debug` ^4.3.4) locked by npm 11, yarn 1, yarn 4 and pnpm 9. express pulls
 * debug 2.6.9 at run time, so only debug 4 and what it alone needs (ms 2.1.3) are development-only.
 */
const LOCKS = ['npm', 'yarn1', 'yarn4', 'pnpm9'] as const;

function roles(components: readonly Component[]): string[] {
  return components
    .filter((c) => c.direct || c.dev || c.name === 'debug' || c.name === 'ms')
    .map((c) => `${c.name}@${c.version} ${c.direct ? 'direct' : 'transitive'} ${c.dev ? 'dev' : 'prod'}`)
    .sort();
}

describe('roles come from the dependency graph', () => {
  for (const lock of LOCKS) {
    it(`${lock}: a production dependency that shares a dev dependency's name stays production`, async () => {
      const { components } = await readProject(fixture('express-debug', lock));
      assert.deepEqual(roles(components), [
        'debug@2.6.9 transitive prod',
        'debug@4.4.3 direct dev',
        'express@4.17.1 direct prod',
        'ms@2.0.0 transitive prod',
        'ms@2.1.1 transitive prod',
        'ms@2.1.3 transitive dev',
      ]);
    });
  }
});
