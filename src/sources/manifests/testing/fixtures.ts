import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Component } from '../types.ts';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

/** The one component with that name (and alias, when given); fails the test when absent or repeated. */
export function one(components: readonly Component[], name: string): Component {
  const found = components.filter((c) => c.name === name);
  assert.equal(found.length, 1, `expected exactly one component named ${name}, got ${found.length}`);
  return found[0] as Component;
}
