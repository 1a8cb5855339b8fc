/**
 * The hostile-input suite: every input is generated here (test/hostile/generate.ts), scanned through the
 * real CLI in-process, and checked for exit code, verdict, completeness and the findings that matter. A
 * scan must never write outside its temporary folder: the folder's listing before and after is compared,
 * the repository's top level too, and the paths the hostile members name must not appear.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { memoryIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import * as generate from './generate.ts';

interface Report {
  verdict: { level: string };
  issues: { id: string }[];
  behaviors: { id: string }[];
  completeness: {
    complete: boolean;
    limitHits: { limit: string; max: number; observed: number }[];
    analysisProblems: { kind: string; message: string }[];
  };
}

let dir: string;
const marker = `assay-hostile-${process.pid}-${Date.now()}`;
const env = (): Record<string, string> => ({
  ASSAY_DB: join(dir, 'none.db'),
  ASSAY_CACHE_DIR: join(dir, 'cache'),
  ASSAY_OFFLINE: '1',
});

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'assay-hostile-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function listing(path: string): string[] {
  return readdirSync(path).sort();
}

/** Scans one generated artifact; fails if the scan created or removed anything outside `dir`. */
async function scan(name: string, bytes: Buffer, ...extra: string[]) {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const repoBefore = listing(process.cwd());
  const dirBefore = listing(dir);
  const io = memoryIo(env(), dir);
  const code = await main(['scan', file, '--format', 'json', '--workers', '0', ...extra], io);
  assert.deepEqual(listing(process.cwd()), repoBefore, 'the repository top level changed');
  // The cache folder may appear; nothing else.
  assert.deepEqual(
    listing(dir).filter((entry) => entry !== 'cache'),
    dirBefore.filter((entry) => entry !== 'cache'),
  );
  assert.equal(existsSync(join('/tmp', marker)), false, 'a member was written where its name points');
  const err = io.err.join('');
  assert.doesNotMatch(err, /\n\s+at /, 'a stack trace');
  const out = io.out.join('');
  return { code, err, report: out === '' ? undefined : (JSON.parse(out) as Report) };
}

const ids = (report: Report | undefined): string[] => (report?.issues ?? []).map((issue) => issue.id);
const behaviorIds = (report: Report | undefined): string[] => (report?.behaviors ?? []).map((b) => b.id);

describe('payloads that must not hide', () => {
  test('an LZMA-packed module (zip method 14) is read and fails with the payload’s own findings', async () => {
    const { code, report } = await scan('lzma-1.0-py3-none-any.whl', generate.lzmaWheel());
    assert.equal(code, EXIT.findings);
    assert.equal(report?.verdict.level, 'fail');
    assert.equal(report?.completeness.complete, true);
    assert.ok(ids(report).includes('download-and-execute'), ids(report).join());
  });

  test('code after 9 MB of comment padding is analyzed and fails with the payload’s own findings', async () => {
    const { code, report } = await scan('pad-1.0-py3-none-any.whl', generate.paddedWheel());
    assert.equal(code, EXIT.findings);
    assert.equal(report?.completeness.complete, true);
    assert.ok(ids(report).includes('download-and-execute'), ids(report).join());
  });

  test('a postinstall file behind 50,000 nested arrays keeps its install-time findings', async () => {
    for (const [name, bytes] of [
      ['deep-1.0.0.tgz', generate.deepNestingTarball()],
      ['deeplines-1.0.0.tgz', generate.deepNestingLinesTarball()],
    ] as const) {
      const { code, report } = await scan(name, bytes);
      assert.equal(code, EXIT.findings, name);
      assert.ok(ids(report).includes('npm-install-time-execution'), `${name}: ${ids(report).join()}`);
    }
  });

  test('unreadable and encrypted members weigh on the verdict', async () => {
    const { code, report } = await scan('unread-1.0-py3-none-any.whl', generate.unreadableWheel());
    assert.equal(code, EXIT.findings);
    assert.ok(ids(report).includes('archive-content-hidden'));
  });

  test('a wheel behind a junk prefix is read, the payload found and the prefix reported', async () => {
    const { code, report } = await scan('prefix-1.0-py3-none-any.whl', generate.prefixedWheel());
    assert.equal(code, EXIT.findings);
    assert.ok(ids(report).includes('download-and-execute'));
    assert.ok(behaviorIds(report).includes('archive-structure-anomaly'));
  });
});

describe('metadata that does not parse', () => {
  test('an invalid package.json is a finding, and its postinstall payload is still judged', async () => {
    const { code, report } = await scan('broken-1.0.0.tgz', generate.brokenManifestTarball());
    assert.equal(code, EXIT.findings);
    assert.ok(behaviorIds(report).includes('metadata-parse-error'));
    assert.ok(ids(report).includes('npm-install-time-execution'), ids(report).join());
  });
});

describe('metadata over its limits (#14 item 5)', () => {
  interface MetadataReport extends Report {
    metadata: { dependencies: number };
  }
  const hits = (report: Report | undefined) =>
    report?.completeness.limitHits.map((hit) => `${hit.limit}:${hit.observed}`) ?? [];

  test('a METADATA over 16 MiB is read in its head, reported, and leaves the scan incomplete', async () => {
    const { code, report } = await scan('big-1.0-py3-none-any.whl', generate.oversizedMetadataWheel());
    assert.equal(code, EXIT.incomplete);
    assert.equal(report?.completeness.complete, false);
    assert.ok(behaviorIds(report).includes('metadata-parse-error'));
    assert.ok(
      hits(report).some((hit) => hit.startsWith('metadata-bytes:')),
      hits(report).join(),
    );
    // The requirement in front of the padded description is still read.
    assert.equal((report as MetadataReport).metadata.dependencies, 1);
  });

  test('100,000 and 600,000 Requires-Dist lines: the list is cut and the report says by how much', async () => {
    const many = await scan('many-1.0-py3-none-any.whl', generate.manyRequiresWheel(100_000));
    assert.equal(many.code, EXIT.incomplete);
    assert.equal(many.report?.completeness.complete, false);
    assert.ok(hits(many.report).includes('metadata-entries:100000'), hits(many.report).join());
    assert.equal((many.report as MetadataReport).metadata.dependencies, 5000);

    const more = await scan('more-1.0-py3-none-any.whl', generate.manyRequiresWheel(600_000));
    assert.equal(more.code, EXIT.incomplete);
    assert.equal((more.report as MetadataReport).metadata.dependencies, 5000, 'never a silent 0');
    assert.ok(
      hits(more.report).some((hit) => hit.startsWith('metadata-bytes:')),
      hits(more.report).join(),
    );
    assert.ok(
      hits(more.report).some((hit) => hit.startsWith('metadata-entries:')),
      hits(more.report).join(),
    );
  });

  test('a broken pyproject.toml inside an sdist is a finding', async () => {
    const { report } = await scan('hostile-1.0.tar.gz', generate.brokenPyprojectSdist());
    const behavior = (report?.behaviors ?? []).find((b) => b.id === 'metadata-parse-error') as
      | { evidence?: { file?: string }[] }
      | undefined;
    assert.ok(behavior, behaviorIds(report).join());
    assert.ok(JSON.stringify(behavior).includes('pyproject.toml'));
  });
});

describe('the whole-scan work budget (#14 item 4)', () => {
  test('distinct junk modules past the budget are reported, not analyzed; same stop with threads', async () => {
    const bytes = generate.manyJunkModulesWheel(8, 256 * 1024);
    const skipped = (report: Report | undefined) =>
      (report?.completeness.analysisProblems ?? [])
        .filter((problem) => problem.kind === 'too-large')
        .map((problem) => (problem as { file?: string }).file)
        .sort();
    const one = await scan('junk-1.0-py3-none-any.whl', bytes, '--max-analysis-bytes', '1M');
    assert.equal(one.code, EXIT.incomplete);
    assert.equal(one.report?.completeness.complete, false);
    const hit = one.report?.completeness.limitHits.find((h) => h.limit === 'scan-work');
    assert.ok(hit, JSON.stringify(one.report?.completeness.limitHits));
    assert.equal(hit.max, 1024 * 1024);
    assert.ok(hit.observed > 7 * 240 * 1024, String(hit.observed));
    assert.ok(behaviorIds(one.report).includes('archive-limit-exceeded'));
    // Archive order: the first four modules fit the budget, the other four and the payload file do not.
    assert.deepEqual(skipped(one.report), [
      'junk/m004.py',
      'junk/m005.py',
      'junk/m006.py',
      'junk/m007.py',
      'junk/zz_payload.py',
    ]);
    const threaded = await scan(
      'junk2-1.0-py3-none-any.whl',
      bytes,
      '--max-analysis-bytes',
      '1M',
      '--workers',
      '2',
    );
    assert.deepEqual(skipped(threaded.report), skipped(one.report));

    // Under the default budget the same wheel is analyzed whole and the payload found.
    const whole = await scan('junk3-1.0-py3-none-any.whl', bytes);
    assert.equal(whole.code, EXIT.findings);
    assert.equal(whole.report?.completeness.complete, true);
    assert.ok(ids(whole.report).includes('download-and-execute'), ids(whole.report).join());
  });
});

describe('archive anomalies and bombs', () => {
  test('members escaping the install root and links to /etc/passwd fail the scan; nothing is written', async () => {
    const { code, report } = await scan('escape-1.0.tar.gz', generate.escapingSdist(marker));
    assert.equal(code, EXIT.findings);
    assert.ok(ids(report).includes('archive-escapes-install-root'));
  });

  test('a central directory name that differs from the local header is an anomaly that warns', async () => {
    const { report } = await scan('mismatch-1.0-py3-none-any.whl', generate.mismatchedNamesWheel());
    assert.equal(report?.verdict.level, 'warning');
    assert.ok(ids(report).includes('archive-reads-differently'));
  });

  test('a lying size on a stored member warns and does not stop the scan', async () => {
    const { code, report } = await scan('liar-1.0-py3-none-any.whl', generate.lyingStoredWheel());
    assert.equal(code, EXIT.ok);
    assert.equal(report?.verdict.level, 'warning');
    assert.equal(report?.completeness.complete, true);
  });

  test('250 members over one 8 MiB stream: read once, analyzed once, reported', async () => {
    const { report } = await scan('overlap-1.0-py3-none-any.whl', generate.overlappingZip());
    assert.ok(behaviorIds(report).includes('archive-structure-anomaly'));
    assert.notEqual(report?.verdict.level, 'pass');
  });

  test('a deflate bomb is a limit hit: exit 5, incomplete, never a pass with exit 0', async () => {
    const { code, report } = await scan('bomb-1.0-py3-none-any.whl', generate.ratioBombWheel());
    assert.equal(code, EXIT.incomplete);
    assert.equal(report?.completeness.complete, false);
    assert.ok(report?.completeness.limitHits.some((hit) => hit.limit === 'compression-ratio'));
  });

  test('Python nested 100,000 parentheses deep still shows the payload', async () => {
    const { code, report } = await scan('deeppy-1.0-py3-none-any.whl', generate.deepPythonWheel());
    assert.equal(code, EXIT.findings);
    assert.ok(ids(report).includes('download-and-execute'));
  });
});

describe('-o never replaces what is not a regular file', () => {
  const benign = () => generate.wheel([{ name: 'ok/__init__.py', data: 'VALUE = 1\n' }]);

  test('a full device is E_OUTPUT (exit 3) and stays a device', async (t) => {
    if (!existsSync('/dev/full')) return t.skip('no /dev/full here');
    const { code, err } = await scan('ok-1.0-py3-none-any.whl', benign(), '-o', '/dev/full');
    assert.equal(code, EXIT.failure);
    assert.match(err, /E_OUTPUT: cannot write \/dev\/full: no space left on the device/);
    assert.ok(lstatSync('/dev/full').isCharacterDevice());
  });

  test('a symbolic link is refused and its target left alone', async () => {
    const target = join(dir, 'precious.txt');
    writeFileSync(target, 'keep me');
    const link = join(dir, 'report-link.json');
    symlinkSync(target, link);
    const { code, err } = await scan('ok-1.0-py3-none-any.whl', benign(), '-o', link);
    assert.equal(code, EXIT.failure);
    assert.match(err, /E_OUTPUT: .* symbolic link/);
    assert.equal(readFileSync(target, 'utf8'), 'keep me');
    assert.ok(lstatSync(link).isSymbolicLink());
  });

  test('a FIFO is written directly and stays a FIFO', async (t) => {
    const fifo = join(dir, 'report.fifo');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      return t.skip('no mkfifo here');
    }
    // A reader in another process drains the FIFO (the write blocks until one opens it); its output goes to
    // a file and no pipe is shared with it, so nothing here waits on it but its exit.
    const sink = openSync(`${fifo}.out`, 'w');
    const reader = spawn('timeout', ['120', 'cat', fifo], { stdio: ['ignore', sink, 'ignore'] });
    const exited = new Promise((resolve) => reader.once('exit', resolve));
    const { code } = await scan('ok-1.0-py3-none-any.whl', benign(), '-o', fifo);
    await exited;
    closeSync(sink);
    assert.equal(code, EXIT.ok);
    assert.ok(lstatSync(fifo).isFIFO());
    assert.match(readFileSync(`${fifo}.out`, 'utf8'), /"verdict"/);
  });

  test('a regular file is replaced whole; - is standard output', async () => {
    const out = join(dir, 'report.json');
    writeFileSync(out, 'old');
    const { code } = await scan('ok-1.0-py3-none-any.whl', benign(), '-o', out);
    assert.equal(code, EXIT.ok);
    assert.match(readFileSync(out, 'utf8'), /"verdict"/);
    const stdout = await scan('ok-1.0-py3-none-any.whl', benign(), '-o', '-');
    // The report reaches standard output (this bare wheel declares no license, so it may warn, never fail).
    assert.equal(stdout.code, EXIT.ok);
    assert.ok(stdout.report !== undefined && stdout.report.verdict.level !== 'fail');
  });
});
