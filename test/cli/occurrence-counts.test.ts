/**
 * #15.5: a behavior's count is the true number of occurrences, not the number kept as evidence, and the
 * report says when its evidence is cut.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildZip } from '../../src/artifacts/testing/build-archives.ts';
import { memoryIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'assay-counts-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function scan(file: string, format: 'json' | 'text') {
  const io = memoryIo(
    { ASSAY_DB: join(dir, 'none.db'), ASSAY_CACHE_DIR: join(dir, 'cache'), ASSAY_OFFLINE: '1' },
    dir,
  );
  await main(['scan', file, '--format', format, '--workers', '0'], io);
  return io.out.join('');
}

describe('occurrence counts', () => {
  test('95 environment reads count 95; the evidence keeps 50 and says so', async () => {
    const code = `import os\n${Array.from({ length: 95 }, (_, i) => `V${i} = os.environ.get("SETTING_${i}")`).join('\n')}\n`;
    const file = join(dir, 'envy-1.0-py3-none-any.whl');
    writeFileSync(
      file,
      buildZip([
        { name: 'envy/__init__.py', data: code },
        { name: 'envy-1.0.dist-info/METADATA', data: 'Metadata-Version: 2.1\nName: envy\nVersion: 1.0\n\n' },
        {
          name: 'envy-1.0.dist-info/WHEEL',
          data: 'Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
        },
      ]),
    );
    const report = JSON.parse(await scan(file, 'json')) as {
      behaviors: { id: string; count: number; occurrences: unknown[]; evidenceTruncated?: boolean }[];
    };
    const env = report.behaviors.find((b) => b.id === 'reads-environment-variables');
    assert.ok(env, report.behaviors.map((b) => b.id).join());
    assert.equal(env.count, 95);
    assert.equal(env.occurrences.length, 50);
    assert.equal(env.evidenceTruncated, true);
    const text = await scan(file, 'text');
    assert.match(text, /· 95 occurrences · reads-environment-variables/);
    assert.match(text, /… and \d+ more \(the report keeps the first 50 as evidence\)/);
  });
});
