import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startUpstream } from '../../proxy/testing/upstream.ts';
import { memoryIo } from '../io.ts';
import { runProxy } from './proxy.ts';

describe('assay proxy (command)', () => {
  it('starts on the given port, forwards to the upstream, logs decisions as JSON lines, stops on the signal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-proxy-cli-'));
    const upstream = await startUpstream();
    try {
      const io = memoryIo({ ASSAY_CACHE_DIR: join(dir, 'cache') });
      const logFile = join(dir, 'decisions.jsonl');
      let status = 0;
      let hidden: unknown;
      const code = await runProxy(
        {
          host: '127.0.0.1',
          port: 0,
          npmUpstream: `${upstream.url}/npm`,
          pypiUpstream: `${upstream.url}/simple`,
          minAge: 24,
          blockOn: 'fail',
          log: logFile,
        },
        io,
        async () => {
          const url = /http:\/\/127\.0\.0\.1:\d+/.exec(io.err.join(''))?.[0] ?? '';
          const packument = (await (await fetch(`${url}/npm/young-pkg`)).json()) as {
            'dist-tags': { latest: string };
            versions: Record<string, unknown>;
          };
          hidden = { latest: packument['dist-tags'].latest, versions: Object.keys(packument.versions) };
          status = (await fetch(`${url}/npm/bad-pkg/-/bad-pkg-1.0.0.tgz`)).status;
        },
      );
      assert.equal(code, 0);
      assert.deepEqual(hidden, { latest: '1.0.0', versions: ['1.0.0'] });
      assert.equal(status, 403);
      const lines = readFileSync(logFile, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { action: string; name: string });
      assert.deepEqual(
        lines.map((line) => `${line.action} ${line.name}`),
        ['hide young-pkg', 'block bad-pkg'],
      );
    } finally {
      await upstream.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
