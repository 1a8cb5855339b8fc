import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { freshBundledWorker } from './bundled-worker.ts';

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A checkout with two sources and, unless told otherwise, a bundle built one minute after them. */
function checkout(options: { bundle?: boolean; sources?: string } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'assay-bundled-worker-'));
  roots.push(root);
  mkdirSync(join(root, 'src', 'analysis'), { recursive: true });
  const old = new Date('2026-01-01T00:00:00Z');
  for (const source of ['src/analysis/a.ts', 'src/analysis/b.ts']) {
    writeFileSync(join(root, source), 'export {};\n');
    utimesSync(join(root, source), old, old);
  }
  if (options.bundle !== false) {
    const dir = join(root, 'dist', 'bundle', 'cli');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'sources.json'),
      options.sources ?? '["src/analysis/a.ts", "src/analysis/b.ts"]\n',
    );
    writeFileSync(join(dir, 'worker.js'), '');
    const built = new Date('2026-01-01T00:01:00Z');
    utimesSync(join(dir, 'worker.js'), built, built);
  }
  return root;
}

describe('freshBundledWorker', () => {
  it('gives the bundled worker when it is newer than every listed source', () => {
    const root = checkout();
    assert.equal(freshBundledWorker(root), join(root, 'dist', 'bundle', 'cli', 'worker.js'));
  });

  it('gives nothing when a source was edited after the build', () => {
    const root = checkout();
    const edited = new Date('2026-01-01T00:02:00Z');
    utimesSync(join(root, 'src/analysis/b.ts'), edited, edited);
    assert.equal(freshBundledWorker(root), undefined);
  });

  it('gives nothing without a bundle, with a listed source gone, or with a list it cannot read', () => {
    assert.equal(freshBundledWorker(checkout({ bundle: false })), undefined);
    assert.equal(freshBundledWorker(checkout({ sources: '["src/analysis/gone.ts"]' })), undefined);
    assert.equal(freshBundledWorker(checkout({ sources: '{"src": 1}' })), undefined);
    assert.equal(freshBundledWorker(checkout({ sources: '[]' })), undefined);
    assert.equal(freshBundledWorker(checkout({ sources: 'not json' })), undefined);
  });
});
