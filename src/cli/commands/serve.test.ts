import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { memoryIo } from '../io.ts';
import { main } from '../main.ts';
import { runServe } from './serve.ts';

describe('assay serve', () => {
  it('serves the shipped snapshot on a fresh machine without creating a database, then stops', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-serve-'));
    try {
      const db = join(dir, 'assay.db');
      const io = memoryIo({ ASSAY_DB: db, ASSAY_CACHE_DIR: join(dir, 'cache') });
      let home = '';
      let css = '';
      const code = await runServe({ host: '127.0.0.1', port: 0, scans: false }, io, async () => {
        const url = /http:\/\/[^ ]+/.exec(io.err.join(''))?.[0] ?? '';
        home = await (await fetch(`${url}/`)).text();
        css = (await fetch(`${url}/static/site.css`)).headers.get('content-type') ?? '';
      });
      assert.equal(code, 0);
      assert.match(home, /shipped snapshot: assay prevalence snapshot/);
      assert.match(css, /text\/css/);
      assert.equal(existsSync(db), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops with a clear error, not a stack trace, when the PostgreSQL index cannot be reached', async () => {
    const io = memoryIo({});
    const code = await main(
      ['serve', '--db', 'postgres://nobody:secret@127.0.0.1:1/none', '--port', '0'],
      io,
    );
    // "The tool failed" (3), not a usage error: the URL is valid, the server is not there.
    assert.equal(code, 3);
    assert.match(
      io.err.join(''),
      /assay: error E_DATABASE: cannot open database postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none: /,
    );
    assert.doesNotMatch(io.err.join(''), /secret/);
    assert.doesNotMatch(io.err.join(''), /\n\s+at /);
  });
});
