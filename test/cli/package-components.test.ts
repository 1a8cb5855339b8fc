/**
 * #15.2 / #15.7 / #15.8: in a package scan, the package's devDependencies are listed but never judged (its users
 * never install them), and the component counts leave the package itself out.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { buildTar } from '../../src/artifacts/testing/build-archives.ts';
import { memoryIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'assay-pkg-components-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** An npm tarball whose manifest declares the given dependency sections (names one edit from popular ones). */
function tarball(name: string, manifest: Record<string, unknown>): string {
  const file = join(dir, `${name}-1.0.0.tgz`);
  const json = JSON.stringify({ name, version: '1.0.0', license: 'MIT', ...manifest }, null, 2);
  writeFileSync(
    file,
    gzipSync(
      buildTar([
        { name: 'package/package.json', data: json },
        { name: 'package/index.js', data: 'module.exports = 1;\n' },
      ]),
    ),
  );
  return file;
}

async function scan(file: string, format: 'json' | 'text') {
  const io = memoryIo(
    { ASSAY_DB: join(dir, 'none.db'), ASSAY_CACHE_DIR: join(dir, 'cache'), ASSAY_OFFLINE: '1' },
    dir,
  );
  await main(['scan', file, '--format', format, '--workers', '0'], io);
  return io.out.join('');
}

interface Report {
  issues: { id: string; evidence: { component?: string }[] }[];
  components: { name: string; dev: boolean; direct: boolean; role?: string }[];
}

describe('a package scan and its development dependencies', () => {
  test('devDependencies are listed, raise no hunting issue, and the counts leave the package out', async () => {
    const devOnly = tarball('dev-only', { devDependencies: { eclint: '^2.8.1' } });
    const report = JSON.parse(await scan(devOnly, 'json')) as Report;
    assert.deepEqual(
      report.components.filter((c) => c.name === 'eclint').map((c) => c.dev),
      [true],
    );
    assert.equal(
      report.issues.some((issue) => issue.id === 'typosquat-component'),
      false,
      JSON.stringify(report.issues.map((i) => i.id)),
    );
    assert.match(await scan(devOnly, 'text'), /Components \(this package and 1: 1 direct, 1 dev\)/);

    // The same name as a runtime dependency is still judged: its users install it.
    const runtime = tarball('runtime', { dependencies: { eclint: '^2.8.1' } });
    const judged = JSON.parse(await scan(runtime, 'json')) as Report;
    assert.ok(judged.issues.some((issue) => issue.id === 'typosquat-component'));
    assert.match(await scan(runtime, 'text'), /Components \(this package and 1: 1 direct, 0 dev\)/);
  });
});
