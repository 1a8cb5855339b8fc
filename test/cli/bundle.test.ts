/**
 * The CLI a user runs: bin/assay.js on the esbuild bundle, with its V8 code cache. Builds the bundle first
 * (what `npm install` does), then scans a small package through the real binary.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { sourceDigest } from '../../src/analysis/pool/fingerprint.ts';
import { buildTar } from '../../src/artifacts/testing/build-archives.ts';

const root = resolve(import.meta.dirname, '..', '..');
let dir: string;
let archive: string;

function run(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'assay.js'), ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      ASSAY_CACHE_DIR: join(dir, 'cache'),
      ASSAY_DB: join(dir, 'none.db'),
      ASSAY_OFFLINE: '1',
    },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const codeCacheFiles = (): string[] => {
  try {
    return readdirSync(join(dir, 'cache', 'v8')).filter((name) => name.endsWith('.bin'));
  } catch {
    return [];
  }
};

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'assay-bundle-'));
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(built.status, 0, built.stderr);
  archive = join(dir, 'demo-1.0.0.tar.gz');
  writeFileSync(
    archive,
    gzipSync(
      buildTar([
        { name: 'demo-1.0.0/PKG-INFO', data: 'Metadata-Version: 2.1\nName: demo\nVersion: 1.0.0\n\n' },
        {
          name: 'demo-1.0.0/demo/__init__.py',
          data: 'import os\n\ndef run(cmd):\n    return os.system(cmd)\n',
        },
      ]),
    ),
  );
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('bin/assay.js on the bundle', () => {
  test('the build lists the sources it bundled, so a stale bundle can be told from a fresh one', () => {
    const sources = JSON.parse(readFileSync(join(root, 'dist', 'bundle', 'cli', 'sources.json'), 'utf8'));
    assert.ok(Array.isArray(sources));
    assert.ok(sources.includes('src/cli/main.ts'));
    assert.ok(sources.includes('src/analysis/pool/worker.ts'));
    // A data file the bundle inlines counts too: editing it makes the bundle stale.
    assert.ok(sources.includes('data/url-classes.json'));
    assert.ok(!sources.some((source: string) => source.endsWith('.test.ts')));
  });

  test('scans, writes a code cache, reuses it, and replaces a damaged one', () => {
    const first = run(['scan', archive, '--format', 'json', '--fail-on', 'never']);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(first.stderr, '', 'no warning from the loader or the bundled libraries');
    const report = JSON.parse(first.stdout) as { behaviors: { id: string }[] };
    assert.ok(report.behaviors.some((b) => b.id === 'executes-shell-command' || b.id === 'executes-process'));
    const [cacheFile] = codeCacheFiles();
    assert.ok(cacheFile !== undefined, 'a code cache was written');
    const path = join(dir, 'cache', 'v8', cacheFile);
    const written = statSync(path).mtimeMs;

    const second = run(['scan', archive, '--format', 'json', '--fail-on', 'never']);
    assert.equal(second.status, 0, second.stderr);
    assert.deepEqual(JSON.parse(second.stdout).behaviors, report.behaviors);
    assert.equal(statSync(path).mtimeMs, written, 'the same command does not rewrite the cache');

    writeFileSync(path, Buffer.from('ASC1 but not a V8 cache at all'));
    const third = run(['scan', archive, '--format', 'json', '--fail-on', 'never']);
    assert.equal(third.status, 0, third.stderr);
    assert.deepEqual(JSON.parse(third.stdout).behaviors, report.behaviors);
    assert.ok(statSync(path).size > 100_000, 'the damaged cache was replaced');

    // One flipped byte inside V8's data: the checksum catches it before V8 reads it (V8 itself may crash).
    const valid = readFileSync(path);
    const flipped = Buffer.from(valid);
    const at = Math.floor(flipped.length / 2);
    flipped[at] = (flipped[at] ?? 0) ^ 0x40;
    writeFileSync(path, flipped);
    const fourth = run(['scan', archive, '--format', 'json', '--fail-on', 'never']);
    assert.equal(fourth.status, 0, fourth.stderr);
    assert.deepEqual(JSON.parse(fourth.stdout).behaviors, report.behaviors);
    assert.notDeepEqual(readFileSync(path), flipped, 'the damaged cache was replaced');

    // Caches of earlier builds: a rewrite keeps the newest few, its own among them, and removes the rest.
    const cacheDir = join(dir, 'cache', 'v8');
    const old = Array.from({ length: 6 }, (_, i) => join(cacheDir, `cli-0000000${i}.bin`));
    old.forEach((file, i) => {
      writeFileSync(file, 'old');
      utimesSync(file, 1_000_000 + i, 1_000_000 + i);
    });
    writeFileSync(path, Buffer.from('ASC1 damaged again'));
    assert.equal(run(['scan', archive, '--format', 'json', '--fail-on', 'never']).status, 0);
    assert.deepEqual(
      codeCacheFiles().sort(),
      [cacheFile, 'cli-00000003.bin', 'cli-00000004.bin', 'cli-00000005.bin'].sort(),
    );
  });

  test('a cache folder that cannot be made (under /proc) costs the cache, never a hang', () => {
    const result = spawnSync(
      process.execPath,
      [join(root, 'bin', 'assay.js'), 'scan', archive, '--format', 'json'],
      {
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          ...process.env,
          ASSAY_CACHE_DIR: '/proc/self/assay-cache',
          ASSAY_DB: join(dir, 'none.db'),
          ASSAY_OFFLINE: '1',
        },
      },
    );
    assert.equal(result.signal, null, 'the run was killed: it did not finish');
    assert.ok(result.status === 0 || result.status === 1, result.stderr);
    assert.match(result.stdout, /"verdict"/);
  });

  test("the bundle carries the analyzer's source digest the sources compute, so both key the same cached facts", () => {
    const digest = sourceDigest(root);
    assert.match(digest ?? '', /^[0-9a-f]{64}$/);
    const bundled = readFileSync(join(root, 'dist', 'bundle', 'cli', 'main.cjs'), 'latin1');
    assert.ok(bundled.includes(JSON.stringify(digest)), 'the digest written at build time');
  });

  test('errors keep their exit codes through the bundle', () => {
    const missing = run(['scan', join(dir, 'nothing-here.tar.gz')]);
    assert.equal(missing.status, 3);
    assert.match(missing.stderr, /^assay: error E_/m);
    assert.equal(run(['--version']).status, 0);
  });
});
