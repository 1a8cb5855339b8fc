import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { buildTar } from '../../src/artifacts/testing/build-archives.ts';
import { memoryIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import type { Report } from '../../src/report/model.ts';

const FIXTURE = join(import.meta.dirname, '..', '..', 'src', 'scan', 'fixtures', 'project-npm');
let dir: string;

const env = (): Record<string, string> => ({
  ASSAY_DB: join(dir, 'none.db'),
  ASSAY_CACHE_DIR: join(dir, 'cache'),
  ASSAY_OFFLINE: '1',
  USER: 'ci-test',
});

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'assay-ci-policy-'));
  // A repository root, so that the config search stops here.
  mkdirSync(join(dir, '.git'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], cwd = dir): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(env(), cwd);
  const code = await main(args, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

function project(name: string, withoutMalicious = false): string {
  const path = join(dir, name);
  cpSync(FIXTURE, path, { recursive: true });
  if (withoutMalicious) {
    const lock = JSON.parse(readFileSync(join(path, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dependencies?: Record<string, string> }>;
    };
    delete lock.packages['node_modules/noblox.js-proxy'];
    delete lock.packages['']?.dependencies?.['noblox.js-proxy'];
    writeFileSync(join(path, 'package-lock.json'), JSON.stringify(lock, null, 2));
  }
  return path;
}

function suppressEntry(expires: string): string {
  return `[[suppress]]
policy = "known-malicious-component"
package = "pkg:npm/noblox.js-proxy@1.0.0"
reason = "security team ran it in a sandbox: the listed version is a harmless fork"
expires = ${expires}
by = "alice@example.org"
`;
}

test('a suppressed fail finding lets the run pass and is listed with its reason', async () => {
  const path = project('suppressed');
  writeFileSync(join(path, 'assay.toml'), `format = "json"\n\n${suppressEntry('2099-12-31')}`);
  const { code, out, err } = await run(['scan', path], path);
  assert.equal(code, 0, err);
  // format = "json" in the config is the default when -f is not given.
  const report = JSON.parse(out) as Report;
  assert.equal(report.verdict.level, 'warning');
  assert.ok(!report.issues.some((issue) => issue.id === 'known-malicious-component'));
  const suppressed = report.policy?.suppressed[0];
  assert.equal(suppressed?.issue.id, 'known-malicious-component');
  assert.match(suppressed?.entry.reason ?? '', /harmless fork/);
  assert.equal(suppressed?.entry.origin, 'assay.toml:3');
  const text = await run(['scan', path, '-f', 'text', '--no-color'], path);
  assert.match(
    text.out,
    /Suppressed findings \(1\)\n {2}known-malicious-component \[pkg:npm\/noblox\.js-proxy@1\.0\.0\]: "security team/,
  );
  const markdown = await run(['scan', path, '-f', 'markdown'], path);
  assert.match(markdown.out, /### Suppressed findings \(1\)/);
  const sarif = JSON.parse((await run(['scan', path, '-f', 'sarif'], path)).out) as {
    runs: { results: { ruleId: string; suppressions?: { justification: string }[] }[] }[];
  };
  const result = sarif.runs[0]?.results.find((r) => r.ruleId === 'known-malicious-component');
  assert.match(result?.suppressions?.[0]?.justification ?? '', /harmless fork/);
});

test('an expired suppression stops suppressing and the report names it', async () => {
  const path = project('expired');
  writeFileSync(join(path, 'assay.toml'), suppressEntry('2020-01-31'));
  const { code, out } = await run(['scan', path, '-f', 'json'], path);
  assert.equal(code, 1);
  const report = JSON.parse(out) as Report;
  assert.equal(report.verdict.level, 'fail');
  assert.ok(report.issues.some((issue) => issue.id === 'known-malicious-component'));
  assert.deepEqual(
    report.policy?.expired.map(({ entry, issues }) => [entry.origin, entry.expires, issues]),
    [['assay.toml:1', '2020-01-31', ['known-malicious-component']]],
  );
  const text = await run(['scan', path, '--no-color'], path);
  assert.match(
    text.out,
    /Expired suppressions \(1\)\n {2}assay\.toml:1 \(known-malicious-component, pkg:npm\/noblox\.js-proxy@1\.0\.0\) expired on 2020-01-31: no longer suppresses known-malicious-component/,
  );
});

const PKG_INFO =
  'Metadata-Version: 2.1\nName: evil\nVersion: 1.0.0\nProject-URL: Source, https://github.com/example/evil\n\n';
const SETUP =
  "import base64\nexec(base64.b64decode('cHJpbnQoMSk='))\nfrom setuptools import setup\nsetup(name='evil')\n";

function writePackage(file: string, setup: string): void {
  writeFileSync(
    file,
    gzipSync(
      buildTar([
        { name: 'evil-1.0.0/PKG-INFO', data: PKG_INFO },
        { name: 'evil-1.0.0/setup.py', data: setup },
      ]),
    ),
  );
}

test('assay suppress writes entries from a report; a changed file hash brings the finding back', async () => {
  const work = join(dir, 'package');
  mkdirSync(work);
  writePackage(join(work, 'evil-1.0.0.tar.gz'), SETUP);
  const first = await run(
    ['scan', join(work, 'evil-1.0.0.tar.gz'), '-f', 'json', '-o', join(work, 'report.json')],
    work,
  );
  assert.equal(first.code, 1, first.err);
  const report = JSON.parse(readFileSync(join(work, 'report.json'), 'utf8')) as Report;
  const failing = report.verdict.reasons.map((reason) => reason.issue);
  assert.ok(failing.length > 0);
  for (const id of failing) {
    const written = await run(
      [
        'suppress',
        'report.json',
        '--issue',
        id,
        '--reason',
        'reviewed: test fixture',
        '--expires',
        '2099-01-01',
      ],
      work,
    );
    assert.equal(written.code, 0, written.err);
  }
  const entries = readFileSync(join(work, 'assay-suppressions.toml'), 'utf8');
  assert.match(entries, /file = "evil-1\.0\.0\/setup\.py"\nsha256 = "[0-9a-f]{64}"/);
  assert.match(entries, /by = "ci-test"/);

  const accepted = await run(['scan', join(work, 'evil-1.0.0.tar.gz'), '-f', 'json'], work);
  assert.equal(accepted.code, 0, accepted.err);
  assert.equal((JSON.parse(accepted.out) as Report).policy?.suppressed.length, failing.length);

  // Same finding, but setup.py changed: the reviewed file is not the one in the package any more.
  writePackage(join(work, 'evil-1.0.0.tar.gz'), `# changed\n${SETUP}`);
  const changed = await run(['scan', join(work, 'evil-1.0.0.tar.gz'), '-f', 'json'], work);
  assert.equal(changed.code, 1);
  const again = JSON.parse(changed.out) as Report;
  for (const id of failing)
    assert.ok(
      again.issues.some((issue) => issue.id === id),
      id,
    );
  assert.equal(again.policy?.suppressed.length, 0);
  assert.equal(again.policy?.unused.length, failing.length);

  const bad = await run(
    ['suppress', 'report.json', '--issue', 'no-such-issue', '--reason', 'x', '--expires', '2099-01-01'],
    work,
  );
  assert.equal(bad.code, 2);
  assert.match(bad.err, /assay: error E_USAGE: the report has no issue 'no-such-issue'/);
});

test('a baseline hides old findings and keeps new ones', async () => {
  const before = project('baseline-before', true);
  const baseline = join(dir, 'baseline.json');
  const old = await run(['scan', before, '-f', 'json', '-o', baseline]);
  assert.equal(old.code, 0, old.err);

  const now = project('baseline-now');
  const withNew = await run(['scan', now, '-f', 'json', '--baseline', baseline]);
  assert.equal(withNew.code, 1);
  const report = JSON.parse(withNew.out) as Report;
  const state = Object.fromEntries(report.issues.map((issue) => [issue.id, issue.baselineState]));
  assert.equal(state['known-malicious-component'], 'new');
  assert.equal(state['typosquat-component'], 'unchanged');
  // The added malicious component is also one that almost no package of the shipped community index depends on.
  assert.equal(state['rarely-included-component'], 'new');
  assert.equal(report.policy?.baseline?.newIssues, 2);

  // The same findings as the baseline: the verdict is still fail, but nothing new fails the run.
  const full = join(dir, 'baseline-full.json');
  await run(['scan', now, '-f', 'json', '-o', full]);
  const unchanged = await run(['scan', now, '-f', 'json', '--baseline', full]);
  assert.equal(unchanged.code, 0);
  const same = JSON.parse(unchanged.out) as Report;
  assert.equal(same.verdict.level, 'fail');
  assert.equal(same.policy?.baseline?.verdict, 'pass');
  assert.ok(same.issues.every((issue) => issue.baselineState === 'unchanged'));

  const notReport = join(dir, 'not-a-report.json');
  writeFileSync(notReport, '{"hello": 1}');
  const refused = await run(['scan', now, '--baseline', notReport]);
  assert.equal(refused.code, 2);
  assert.match(refused.err, /E_CONFIG: baseline .*not a JSON report/);
});

test('a profile and a per-policy override change the levels the verdict uses', async () => {
  const path = project('levels');
  writeFileSync(
    join(path, 'assay.toml'),
    'profile = "minimal"\n\n[policies]\nknown-malicious-component = "info"\n',
  );
  const { code, out } = await run(['scan', path, '-f', 'json'], path);
  assert.equal(code, 0);
  const report = JSON.parse(out) as Report;
  assert.equal(report.verdict.level, 'pass');
  assert.deepEqual(
    report.issues.map((issue) => [issue.id, issue.level]),
    [['known-malicious-component', 'info']],
  );
  assert.ok(report.policy?.off.includes('typosquat-component'));
  writeFileSync(join(path, 'assay.toml'), 'profile = "hardened"\n');
  const hardened = JSON.parse((await run(['scan', path, '-f', 'json'], path)).out) as Report;
  assert.ok(hardened.verdict.reasons.some((reason) => reason.issue === 'typosquat-component'));
  writeFileSync(join(path, 'assay.toml'), '[policies]\nknown-malicious = "off"\n');
  const broken = await run(['scan', path], path);
  assert.equal(broken.code, 2);
  assert.match(
    broken.err,
    /assay: error E_CONFIG: assay\.toml:2: policies\.known-malicious: unknown policy id/,
  );
});
