import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { buildTar } from '../artifacts/testing/build-archives.ts';
import { Cache } from '../sources/cache.ts';
import { cacheExcerpts, excerptOf } from './excerpts.ts';
import { fixtureReport } from './testing/fixtures.ts';

describe('evidence excerpts', () => {
  it('takes the lines around the marked one, clipped at the file edges', () => {
    const text = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
    assert.deepEqual(excerptOf(text, 2, 2), { first: 1, lines: ['line 1', 'line 2', 'line 3', 'line 4'] });
    assert.deepEqual(excerptOf(text, 20, 1), { first: 19, lines: ['line 19', 'line 20'] });
    assert.equal(excerptOf(text, 21), null);
  });

  it('re-reads the file from the cached artifact by its sha256, and says nothing when it is not cached', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-excerpt-'));
    try {
      const tarball = gzipSync(
        buildTar([
          { name: 'package/package.json', data: '{"name":"x","version":"1.0.0"}' },
          { name: 'package/install.js', data: "const cp = require('child_process');\n\ncp.exec('id');\n" },
        ]),
      );
      const sha256 = await new Cache({ dir }).putBlob(tarball);
      const base = fixtureReport('npm', 'x', '1.0.0');
      const report = { ...base, target: { ...base.target, artifact: { ...base.target.artifact, sha256 } } };
      const read = cacheExcerpts({ ASSAY_CACHE_DIR: dir });
      const excerpt = await read(report, 'install.js', 3);
      assert.deepEqual(excerpt?.lines[2], "cp.exec('id');");
      assert.equal(excerpt?.first, 1);
      assert.equal(await read(report, 'missing.js', 1), null);
      assert.equal(await read(base, 'install.js', 3), null);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
