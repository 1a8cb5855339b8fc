import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { buildTar, buildZip } from '../../src/artifacts/testing/build-archives.ts';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { memoryIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';

let dir: string;
// A private database and cache path keep the tests away from the user's own files.
const env = (): Record<string, string> => ({
  ASSAY_DB: join(dir, 'none.db'),
  ASSAY_CACHE_DIR: join(dir, 'cache'),
  ASSAY_OFFLINE: '1',
});

const PKG_INFO =
  'Metadata-Version: 2.1\nName: demo\nVersion: 1.0.0\nProject-URL: Source, https://github.com/example/demo\n\n';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'assay-cli-'));
  writeFileSync(
    join(dir, 'benign-1.0.0.tar.gz'),
    gzipSync(
      buildTar([
        { name: 'demo-1.0.0/PKG-INFO', data: PKG_INFO },
        { name: 'demo-1.0.0/demo/__init__.py', data: 'def add(a, b):\n    return a + b\n' },
      ]),
    ),
  );
  writeFileSync(
    join(dir, 'evil-1.0.0.tar.gz'),
    gzipSync(
      buildTar([
        { name: 'evil-1.0.0/PKG-INFO', data: PKG_INFO.replace('demo', 'evil') },
        {
          name: 'evil-1.0.0/setup.py',
          data: "import base64\nexec(base64.b64decode('cHJpbnQoMSk='))\nfrom setuptools import setup\nsetup(name='evil')\n",
        },
        { name: '../../escape.txt', data: 'x' },
      ]),
    ),
  );
  // A wheel whose name says tar.gz: the format must come from the bytes.
  writeFileSync(
    join(dir, 'lying-1.0.0.tar.gz'),
    buildZip([
      { name: 'lying-1.0.0.dist-info/METADATA', data: PKG_INFO.replace('demo', 'lying') },
      { name: 'lying/__init__.py', data: 'VALUE = 1\n' },
    ]),
  );
  writeFileSync(join(dir, 'corrupt-1.0.tar.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3]));
  writeFileSync(
    join(dir, 'many-1.0.0.tar.gz'),
    gzipSync(buildTar(Array.from({ length: 20 }, (_, i) => ({ name: `many-1.0.0/f${i}.txt`, data: 'x' })))),
  );
});

after(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const io = memoryIo(env(), dir);
  const code = await main(argv, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

describe('assay scan', () => {
  test('a benign package passes with exit 0 and a three-part report', async () => {
    const { code, out, err } = await run('scan', join(dir, 'benign-1.0.0.tar.gz'), '--workers', '0');
    assert.equal(err, '');
    assert.equal(code, EXIT.ok);
    assert.match(out, /Package {3}PyPI demo 1\.0\.0/);
    assert.match(out, /Top issues/);
    assert.match(out, /Top behaviors/);
    assert.match(out, /Not checked: no vulnerability database is loaded/);
    assert.match(out, /no vulnerability database loaded/);
  });

  test('a malicious package fails with exit 1, and --fail-on never gives 0', async () => {
    const failing = await run('scan', join(dir, 'evil-1.0.0.tar.gz'), '--format', 'json', '--workers', '0');
    assert.equal(failing.code, EXIT.findings);
    const report = JSON.parse(failing.out) as {
      schemaVersion: string;
      verdict: { level: string; reasons: { issue: string }[] };
      target: { name: string; artifact: { sha256: string } };
      behaviors: { id: string; occurrences: { file: string; line?: number; field?: string }[] }[];
    };
    assert.equal(report.schemaVersion, '1.2.0');
    assert.equal(report.verdict.level, 'fail');
    assert.ok(report.verdict.reasons.length > 0);
    assert.match(report.target.artifact.sha256, /^[0-9a-f]{64}$/);
    assert.ok(
      report.behaviors.some((b) => b.id === 'archive-path-traversal'),
      'the ../ member is an anomaly behavior',
    );
    for (const behavior of report.behaviors) {
      for (const occurrence of behavior.occurrences) {
        assert.ok(
          occurrence.line !== undefined || occurrence.field !== undefined,
          `${behavior.id} evidence has no line or field`,
        );
      }
    }
    const lenient = await run('scan', join(dir, 'evil-1.0.0.tar.gz'), '--fail-on', 'never', '--workers', '0');
    assert.equal(lenient.code, EXIT.ok);
  });

  test('the format comes from the bytes: a zip named .tar.gz is read as a wheel', async () => {
    const { code, out } = await run(
      'scan',
      join(dir, 'lying-1.0.0.tar.gz'),
      '--format',
      'json',
      '--workers',
      '0',
    );
    assert.equal(code, EXIT.ok);
    const report = JSON.parse(out) as { target: { name: string; artifact: { format: string } } };
    assert.equal(report.target.artifact.format, 'zip');
    assert.equal(report.target.name, 'lying');
  });

  test('a corrupt archive is a one-line error with a stable code and exit 3', async () => {
    const { code, out, err } = await run('scan', join(dir, 'corrupt-1.0.tar.gz'));
    assert.equal(code, EXIT.failure);
    assert.equal(out, '');
    assert.match(err, /^assay: error E_ARCHIVE_CORRUPT: .+\n$/);
    assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
  });

  test('a missing file is E_NOT_FOUND with exit 3', async () => {
    const { code, err } = await run('scan', join(dir, 'nope.whl'));
    assert.equal(code, EXIT.failure);
    assert.match(err, /E_NOT_FOUND/);
  });

  test('a limit that is hit is stated in the report and in exit code 5', async () => {
    const { code, out } = await run(
      'scan',
      join(dir, 'many-1.0.0.tar.gz'),
      '--max-members',
      '5',
      '--format',
      'json',
    );
    assert.equal(code, EXIT.incomplete);
    const report = JSON.parse(out) as { completeness: { complete: boolean; limitHits: { limit: string }[] } };
    assert.equal(report.completeness.complete, false);
    assert.equal(report.completeness.limitHits[0]?.limit, 'member-count');
  });

  test('bad options are usage errors with exit 2', async () => {
    assert.equal((await run('scan', 'x.whl', '--format', 'yaml')).code, EXIT.usage);
    assert.equal((await run('scan', 'x.whl', '--max-members', '-1')).code, EXIT.usage);
    assert.equal((await run('scan')).code, EXIT.usage);
    assert.equal((await run('no-such-command')).code, EXIT.usage);
  });

  test('--output writes the whole report atomically and nothing on failure', async () => {
    const target = join(dir, 'report.json');
    const { code, out } = await run(
      'scan',
      join(dir, 'benign-1.0.0.tar.gz'),
      '-f',
      'json',
      '-o',
      target,
      '--workers',
      '0',
    );
    assert.equal(code, EXIT.ok);
    assert.equal(out, '');
    assert.equal(
      (JSON.parse(readFileSync(target, 'utf8')) as { target: { name: string } }).target.name,
      'demo',
    );
    const missingDir = join(dir, 'no-such-dir', 'r.json');
    const failed = await run('scan', join(dir, 'benign-1.0.0.tar.gz'), '-o', missingDir, '--workers', '0');
    assert.equal(failed.code, EXIT.failure);
    assert.match(failed.err, /E_OUTPUT/);
    assert.equal(existsSync(missingDir), false);
    assert.deepEqual(
      readdirSync(dir).filter((name) => name.endsWith('.tmp')),
      [],
      'no temporary file left behind',
    );
  });

  test('--help and --version exit 0 and document the exit codes', async () => {
    const help = await run('--help');
    assert.equal(help.code, EXIT.ok);
    assert.match(help.out, /Exit codes:/);
    assert.equal((await run('--version')).code, EXIT.ok);
  });
});
