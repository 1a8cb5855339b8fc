/**
 * The proxy judges artifacts with the team's assay.toml, as `assay scan` does: a denied package is refused, a
 * suppressed finding lets its package through, and decisions made under one config are not reused under another.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type AssayConfig, DEFAULT_CONFIG, EMPTY_LISTS } from '../config/types.ts';
import type { TestServer } from '../sources/testing/server.ts';
import { configAnalyzer, Gate } from './gate.ts';
import { type DecisionLogEntry, type RunningProxy, startProxy } from './server.ts';
import { startUpstream } from './testing/upstream.ts';

describe('assay proxy with an assay.toml', () => {
  let upstream: TestServer;
  let dir: string;
  const running: RunningProxy[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'assay-proxy-config-'));
    upstream = await startUpstream();
  });
  after(async () => {
    for (const proxy of running) await proxy.close();
    await upstream.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function proxyWith(config: AssayConfig): Promise<{ proxy: RunningProxy; log: DecisionLogEntry[] }> {
    const log: DecisionLogEntry[] = [];
    const proxy = await startProxy({
      npmUpstream: `${upstream.url}/npm`,
      pypiUpstream: `${upstream.url}/simple`,
      minAgeMs: 0,
      gate: new Gate({ analyzer: configAnalyzer(config), config, dir: join(dir, 'decisions') }),
      log: (entry) => log.push(entry),
    });
    running.push(proxy);
    return { proxy, log };
  }

  async function tarball(proxy: RunningProxy, name: string): Promise<{ status: number; body: string }> {
    await (await fetch(`${proxy.url}/npm/${name}`)).arrayBuffer();
    const response = await fetch(`${proxy.url}/npm/${name}/-/${name}-1.0.0.tgz`);
    return { status: response.status, body: await response.text() };
  }

  it('refuses a package the deny list names, with the list issue as the reason', async () => {
    const { proxy } = await proxyWith({
      ...DEFAULT_CONFIG,
      file: '/team/assay.toml',
      deny: { ...EMPTY_LISTS, packages: ['pkg:npm/clean-pkg@<2'] },
    });
    const refused = await tarball(proxy, 'clean-pkg');
    assert.equal(refused.status, 403);
    assert.match(refused.body, /assay proxy refused clean-pkg@1\.0\.0: fail, denied-package \(high\)/);
  });

  it('lets a failing package through when its finding is suppressed, and judges again under another config', async () => {
    const suppressed: AssayConfig = {
      ...DEFAULT_CONFIG,
      file: '/team/assay.toml',
      suppressions: [
        {
          policy: 'npm-install-time-execution',
          package: 'pkg:npm/bad-pkg',
          reason: 'reviewed: the install step only prints a banner',
          expires: '2099-12-31',
          by: 'security team',
          origin: 'assay.toml:3',
        },
      ],
    };
    const { proxy, log } = await proxyWith(suppressed);
    const allowed = await tarball(proxy, 'bad-pkg');
    assert.equal(allowed.status, 200, allowed.body);
    assert.equal(log.find((entry) => entry.name === 'bad-pkg')?.action, 'allow');
    // The decision of the suppressing config is not reused by a proxy without it, though both share the folder.
    const plain = await proxyWith(DEFAULT_CONFIG);
    assert.equal((await tarball(plain.proxy, 'bad-pkg')).status, 403);
    assert.notEqual(configAnalyzer(suppressed), configAnalyzer(DEFAULT_CONFIG));
    assert.notEqual(
      configAnalyzer(suppressed, new Date('2026-01-01')),
      configAnalyzer(suppressed, new Date('2026-01-02')),
    );
  });
});
