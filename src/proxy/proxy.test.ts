import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TestServer } from '../sources/testing/server.ts';
import { Gate } from './gate.ts';
import { type DecisionLogEntry, type RunningProxy, startProxy } from './server.ts';
import { startUpstream } from './testing/upstream.ts';

/** Runs a real client without blocking this process's event loop (the proxy and the upstream live here). */
function run(command: string, args: readonly string[], cwd: string, env: Record<string, string>) {
  return new Promise<{ code: number; out: string }>((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

const HOUR = 60 * 60 * 1000;

describe('assay proxy: real clients on loopback against a local upstream', () => {
  let upstream: TestServer;
  let proxy: RunningProxy;
  let dir: string;
  const log: DecisionLogEntry[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'assay-proxy-'));
    upstream = await startUpstream();
    proxy = await startProxy({
      npmUpstream: `${upstream.url}/npm`,
      pypiUpstream: `${upstream.url}/simple`,
      minAgeMs: 24 * HOUR,
      gate: new Gate({ analyzer: 'test', dir: join(dir, 'decisions') }),
      log: (entry) => log.push(entry),
    });
  });
  after(async () => {
    await proxy.close();
    await upstream.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const npmInstall = async (spec: string) => {
    const project = mkdtempSync(join(dir, 'npm-'));
    writeFileSync(join(project, 'package.json'), '{"name":"proxy-test","version":"1.0.0","private":true}\n');
    writeFileSync(join(project, '.npmrc'), '');
    const result = await run(
      'npm',
      [
        'install',
        spec,
        '--registry',
        `${proxy.url}/npm/`,
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--no-update-notifier',
      ],
      project,
      { npm_config_cache: join(dir, 'npm-cache'), npm_config_userconfig: join(project, '.npmrc') },
    );
    return { ...result, project };
  };

  it('npm install: a clean package installs through the proxy, and its tarball was scanned once', async () => {
    const { code, out, project } = await npmInstall('clean-pkg');
    assert.equal(code, 0, out);
    const installed = JSON.parse(
      readFileSync(join(project, 'node_modules', 'clean-pkg', 'package.json'), 'utf8'),
    );
    assert.equal(installed.version, '1.0.0');
    const allowed = log.filter((entry) => entry.name === 'clean-pkg' && entry.action === 'allow');
    assert.equal(allowed.length, 1);
    assert.equal(allowed[0]?.cached, false);
    // A second install of the same tarball: served, not scanned again.
    const again = await npmInstall('clean-pkg@1.0.0');
    assert.equal(again.code, 0, again.out);
    const both = log.filter((entry) => entry.name === 'clean-pkg' && entry.action === 'allow');
    assert.deepEqual(
      both.map((entry) => entry.cached),
      [false, true],
    );
  });

  it("npm install: a package that fails the policy is refused with a 403 and the reason on npm's error line", async () => {
    const { code, out, project } = await npmInstall('bad-pkg');
    assert.notEqual(code, 0);
    assert.match(out, /403/);
    assert.match(out, /assay proxy refused bad-pkg@1\.0\.0: fail, npm-install-time-execution/);
    assert.equal(existsSync(join(project, 'node_modules', 'bad-pkg')), false);
    const blocked = log.find((entry) => entry.name === 'bad-pkg' && entry.action === 'block');
    assert.ok(blocked?.sha256?.match(/^[0-9a-f]{64}$/));
  });

  it('a version on the known-malicious list is refused whatever its code, with the list named as the reason', async () => {
    await fetch(`${proxy.url}/npm/a11y-speak`).then((response) => response.arrayBuffer());
    const response = await fetch(`${proxy.url}/npm/a11y-speak/-/a11y-speak-1.0.0.tgz`);
    assert.equal(response.status, 403);
    const body = (await response.json()) as { error: string };
    assert.match(body.error, /^assay proxy refused a11y-speak@1\.0\.0: fail, known-malicious-component/);
  });

  it('npm install: a version younger than the minimum age is hidden, so npm installs the one before', async () => {
    const { code, out, project } = await npmInstall('young-pkg');
    assert.equal(code, 0, out);
    const installed = JSON.parse(
      readFileSync(join(project, 'node_modules', 'young-pkg', 'package.json'), 'utf8'),
    );
    assert.equal(installed.version, '1.0.0');
    assert.ok(
      log.some((entry) => entry.name === 'young-pkg' && entry.version === '1.1.0' && entry.action === 'hide'),
    );
    // Asked for by exact version (a lockfile), the young tarball is refused rather than served.
    const direct = await fetch(`${proxy.url}/npm/young-pkg/-/young-pkg-1.1.0.tgz`);
    assert.equal(direct.status, 403);
  });

  it('decisions persist by sha256: a restarted proxy does not scan a known artifact again', async () => {
    const decisions = readdirSync(join(dir, 'decisions'));
    assert.ok(decisions.length >= 2);
    const restarted = await startProxy({
      npmUpstream: `${upstream.url}/npm`,
      pypiUpstream: `${upstream.url}/simple`,
      minAgeMs: 0,
      gate: new Gate({ analyzer: 'test', dir: join(dir, 'decisions') }),
      log: (entry) => log.push(entry),
    });
    try {
      await fetch(`${restarted.url}/npm/clean-pkg`).then((r) => r.arrayBuffer());
      const response = await fetch(`${restarted.url}/npm/clean-pkg/-/clean-pkg-1.0.0.tgz`);
      assert.equal(response.status, 200);
      assert.equal(log[log.length - 1]?.cached, true);
    } finally {
      await restarted.close();
    }
  });

  const pip = (spec: string) => {
    const target = mkdtempSync(join(dir, 'pip-'));
    return run(
      'python3',
      [
        '-m',
        'pip',
        'download',
        '--index-url',
        `${proxy.url}/pypi/simple/`,
        '--no-deps',
        '--no-cache-dir',
        '--disable-pip-version-check',
        '-d',
        target,
        spec,
      ],
      dir,
      { PIP_CONFIG_FILE: '/dev/null', PIP_FIND_LINKS: '' },
    ).then((result) => ({ ...result, files: readdirSync(target) }));
  };

  it('pip download: clean wheel through the proxy; failing wheel refused with the reason; young release skipped', async () => {
    const clean = await pip('clean-pkg');
    assert.equal(clean.code, 0, clean.out);
    assert.deepEqual(clean.files, ['clean_pkg-1.0-py3-none-any.whl']);

    const bad = await pip('bad-pkg');
    assert.notEqual(bad.code, 0);
    assert.match(bad.out, /403/);
    assert.match(bad.out, /assay proxy refused bad-pkg@1\.0: fail, pth-file-code-execution/);
    assert.deepEqual(bad.files, []);

    const young = await pip('young-pkg');
    assert.equal(young.code, 0, young.out);
    assert.deepEqual(young.files, ['young_pkg-1.0-py3-none-any.whl']);
    assert.ok(
      log.some((entry) => entry.ecosystem === 'pypi' && entry.version === '1.1' && entry.action === 'hide'),
    );
  });

  it('serves PEP 691 JSON and PEP 503 HTML by Accept, with file URLs pointing at the proxy', async () => {
    const json = (await (
      await fetch(`${proxy.url}/pypi/simple/clean-pkg/`, {
        headers: { accept: 'application/vnd.pypi.simple.v1+json' },
      })
    ).json()) as { files: { url: string; hashes: { sha256: string } }[] };
    assert.equal(json.files[0]?.url, `${proxy.url}/pypi/files/clean-pkg/clean_pkg-1.0-py3-none-any.whl`);
    assert.match(json.files[0]?.hashes.sha256 ?? '', /^[0-9a-f]{64}$/);
    const html = await (await fetch(`${proxy.url}/pypi/simple/clean-pkg/`)).text();
    assert.match(
      html,
      /href="http:\/\/127\.0\.0\.1:\d+\/pypi\/files\/clean-pkg\/clean_pkg-1\.0-py3-none-any\.whl#sha256=[0-9a-f]{64}"/,
    );
    // Not an open relay: a file the proxy did not list is not fetched.
    assert.equal((await fetch(`${proxy.url}/pypi/files/clean-pkg/other.whl`)).status, 404);
  });
});
