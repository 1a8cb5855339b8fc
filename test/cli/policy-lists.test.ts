import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { memoryIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import type { Report } from '../../src/report/model.ts';

let dir: string;
const SRI = `sha512-${Buffer.alloc(64, 7).toString('base64')}`;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'assay-lists-'));
  mkdirSync(join(dir, '.git'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(
    { ASSAY_DB: join(dir, 'none.db'), ASSAY_CACHE_DIR: join(dir, 'cache'), ASSAY_OFFLINE: '1' },
    cwd,
  );
  const code = await main(args, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

/** A project whose package-lock v3 records each package's license, as npm 7+ writes it. */
function project(name: string, config: string): string {
  const path = join(dir, name);
  mkdirSync(path);
  const deps = { 'left-pad': '1.3.0', 'gpl-thing': '1.0.0', dual: '1.0.0' };
  writeFileSync(
    join(path, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', dependencies: deps, devDependencies: { 'agpl-dev': '1.0.0' } }),
  );
  const entry = (pkg: string, license: unknown, dev = false) => ({
    version: '1.0.0',
    resolved: `https://registry.npmjs.org/${pkg}/-/${pkg}-1.0.0.tgz`,
    integrity: SRI,
    license,
    ...(dev ? { dev: true } : {}),
  });
  writeFileSync(
    join(path, 'package-lock.json'),
    JSON.stringify(
      {
        name,
        version: '1.0.0',
        lockfileVersion: 3,
        requires: true,
        packages: {
          '': { name, version: '1.0.0', dependencies: deps, devDependencies: { 'agpl-dev': '1.0.0' } },
          'node_modules/left-pad': { ...entry('left-pad', 'WTFPL'), version: '1.3.0' },
          'node_modules/gpl-thing': entry('gpl-thing', { type: 'GPL-3.0' }),
          'node_modules/dual': entry('dual', '(MIT OR GPL-3.0-only)'),
          'node_modules/agpl-dev': entry('agpl-dev', 'AGPL-3.0-only', true),
        },
      },
      null,
      2,
    ),
  );
  writeFileSync(join(path, 'assay.toml'), config);
  return path;
}

function issue(report: Report, id: string) {
  return report.issues.find((item) => item.id === id);
}

test('deny.licenses fails on a license every choice of which is denied, and names the component', async () => {
  const path = project('deny-license', '[deny]\nlicenses = ["GPL-3.0-only"]\n');
  const { code, out, err } = await run(['scan', path, '-f', 'json'], path);
  assert.equal(code, 1, err);
  const report = JSON.parse(out) as Report;
  assert.equal(report.verdict.level, 'fail');
  // gpl-thing's old `{ "type": "GPL-3.0" }` means GPL-3.0-only; dual may be taken under MIT; agpl-dev is dev only.
  assert.deepEqual(
    issue(report, 'denied-license')?.evidence.map((item) => item.component),
    ['pkg:npm/gpl-thing@1.0.0'],
  );
  assert.equal(issue(report, 'denied-license')?.evidence[0]?.file?.endsWith('package-lock.json'), true);
});

test('allow.licenses warns on a license outside the list; [policies] can change the level', async () => {
  const path = project('allow-license', '[allow]\nlicenses = ["MIT", "WTFPL"]\n');
  const warned = await run(['scan', path, '-f', 'json'], path);
  assert.equal(warned.code, 0, warned.err);
  const report = JSON.parse(warned.out) as Report;
  assert.equal(report.verdict.level, 'warning');
  assert.deepEqual(
    issue(report, 'license-not-allowed')?.evidence.map((item) => item.component),
    ['pkg:npm/gpl-thing@1.0.0'],
  );
  const strict = project(
    'allow-license-strict',
    '[policies]\nlicense-not-allowed = "fail"\n\n[allow]\nlicenses = ["MIT", "WTFPL"]\n',
  );
  assert.equal((await run(['scan', strict], strict)).code, 1);
});

test('list issues keep their level under the minimal profile and can be suppressed', async () => {
  const minimal = project('minimal', 'profile = "minimal"\n\n[deny]\npackages = ["pkg:npm/left-pad@<2"]\n');
  const denied = await run(['scan', minimal, '-f', 'json'], minimal);
  assert.equal(denied.code, 1, denied.err);
  assert.deepEqual(
    issue(JSON.parse(denied.out) as Report, 'denied-package')?.evidence.map((item) => item.detail),
    ['denied by assay.toml: pkg:npm/left-pad@<2'],
  );
  const accepted = project(
    'accepted',
    `[deny]\npackages = ["pkg:npm/left-pad"]\n\n[[suppress]]\npolicy = "denied-package"\npackage = "pkg:npm/left-pad@1.3.0"\nreason = "being replaced this quarter"\nexpires = 2099-01-01\nby = "lead"\n`,
  );
  const result = await run(['scan', accepted, '-f', 'json'], accepted);
  assert.equal(result.code, 0, result.err);
  assert.equal((JSON.parse(result.out) as Report).policy?.suppressed[0]?.issue.id, 'denied-package');
});

test('CycloneDX lists each component with the license and digest the lockfile records', async () => {
  const path = project('sbom', '');
  const { out } = await run(['scan', path, '-f', 'cyclonedx'], path);
  const bom = JSON.parse(out) as {
    components: {
      name: string;
      licenses?: { license?: { id?: string; name?: string }; expression?: string }[];
      hashes?: { alg: string; content: string }[];
    }[];
  };
  const gpl = bom.components.find((component) => component.name === 'gpl-thing');
  assert.deepEqual(gpl?.hashes, [{ alg: 'SHA-512', content: '07'.repeat(64) }]);
  assert.ok(JSON.stringify(gpl?.licenses).includes('GPL-3.0'));
  const dual = bom.components.find((component) => component.name === 'dual');
  assert.equal(dual?.licenses?.[0]?.expression, '(MIT OR GPL-3.0-only)');
});

test('hosts: deny.hosts fails on a URL of a denied host, allow.hosts takes vetted hosts off hunting findings', async () => {
  const pkg = join(dir, 'host-pkg');
  mkdirSync(pkg);
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({ name: 'host-pkg', version: '1.0.0', license: 'MIT' }),
  );
  writeFileSync(
    join(pkg, 'index.js'),
    [
      "const MIRROR = 'https://pastebin.com/raw/abc123';",
      "function report() { return fetch('https://telemetry.collector.example.net/v1'); }",
      'module.exports = { MIRROR, report };',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(pkg, 'assay.toml'),
    '[deny]\nhosts = ["example.net"]\n\n[allow]\nhosts = ["pastebin.com"]\n',
  );
  const { code, out, err } = await run(['scan', pkg, '-f', 'json'], pkg);
  assert.equal(code, 1, err);
  const report = JSON.parse(out) as Report;
  const denied = issue(report, 'denied-host');
  assert.equal(denied?.evidence[0]?.file, 'index.js');
  assert.equal(denied?.evidence[0]?.line, 2);
  assert.ok(report.endpoints?.some((endpoint) => endpoint.host === 'pastebin.com'));
  for (const found of report.issues.filter((item) => item.category === 'hunting'))
    assert.ok(!JSON.stringify(found.evidence).includes('pastebin.com'), found.id);
  assert.ok(report.policy?.allowed?.some((item) => item.entry === 'pastebin.com'));
  const text = await run(['scan', pkg, '--no-color'], pkg);
  assert.match(
    text.out,
    /Allowed by the \[allow\] lists \(\d+\)\n {2}\S+ \[index\.js:1\]: allowed by pastebin\.com/,
  );
});
