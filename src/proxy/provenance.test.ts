/**
 * Provenance through the proxy, against a local upstream that serves the recorded real @playwright/cli 0.1.1
 * release (tarball and attestations, src/provenance/fixtures/) and a 0.1.2 written here without attestations.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type AssayConfig, DEFAULT_CONFIG } from '../config/types.ts';
import { startTestServer, type TestServer } from '../sources/testing/server.ts';
import { configAnalyzer, Gate } from './gate.ts';
import { PROVENANCE_POLICIES, proxyConfig, upstreamDocuments } from './provenance.ts';
import { type DecisionLogEntry, type RunningProxy, startProxy } from './server.ts';
import { npmTarball } from './testing/upstream.ts';

const recorded = join(import.meta.dirname, '..', 'provenance', 'fixtures');
const realTarball = readFileSync(join(recorded, 'playwright-cli-0.1.1.tgz'));
const attestations = readFileSync(join(recorded, 'playwright-cli-0.1.1.attestations.json'));
const sri = (bytes: Buffer) => `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
const REPOSITORY = { type: 'git', url: 'git+https://github.com/microsoft/playwright-cli.git' };

describe('assay proxy: provenance', () => {
  let upstream: TestServer;
  const running: RunningProxy[] = [];
  const next = npmTarball({
    name: '@playwright/cli',
    version: '0.1.2',
    publishedAt: '2026-02-20T08:15:00.000Z',
    files: {
      'package.json': JSON.stringify({ name: '@playwright/cli', version: '0.1.2', repository: REPOSITORY }),
      'index.js': 'module.exports = 2;\n',
    },
  });

  before(async () => {
    upstream = await startTestServer();
    const base = `${upstream.url}/npm`;
    const attestationsUrl = `${base}/-/npm/v1/attestations/@playwright%2fcli@0.1.1`;
    upstream.route('/npm/-/npm/v1/attestations/@playwright%2fcli@0.1.1', {
      body: attestations,
      headers: { 'content-type': 'application/json' },
    });
    upstream.route('/npm/@playwright/cli/-/cli-0.1.1.tgz', { body: realTarball });
    upstream.route('/npm/@playwright/cli/-/cli-0.1.2.tgz', { body: next });
    const manifest = (version: string, bytes: Buffer, extra: Record<string, unknown> = {}) => ({
      name: '@playwright/cli',
      version,
      repository: REPOSITORY,
      dist: { tarball: `${base}/@playwright/cli/-/cli-${version}.tgz`, integrity: sri(bytes), ...extra },
    });
    upstream.route('/npm/@playwright%2fcli', {
      body: JSON.stringify({
        name: '@playwright/cli',
        'dist-tags': { latest: '0.1.2' },
        versions: {
          '0.1.1': manifest('0.1.1', realTarball, {
            attestations: {
              url: attestationsUrl,
              provenance: { predicateType: 'https://slsa.dev/provenance/v1' },
            },
          }),
          '0.1.2': manifest('0.1.2', next),
        },
        time: { '0.1.1': '2026-02-14T21:30:00.000Z', '0.1.2': '2026-02-20T08:15:00.000Z' },
      }),
      headers: { 'content-type': 'application/json' },
    });
    upstream.route('/simple/demo/', {
      body: JSON.stringify({
        meta: { 'api-version': '1.3' },
        name: 'demo',
        files: [
          {
            filename: 'demo-1.0.tar.gz',
            url: '/files/demo-1.0.tar.gz',
            hashes: { sha256: '00'.repeat(32) },
            'upload-time': '2024-01-15T10:00:00.000Z',
            provenance: '/integrity/demo/1.0/demo-1.0.tar.gz/provenance',
          },
        ],
      }),
      headers: { 'content-type': 'application/vnd.pypi.simple.v1+json' },
    });
  });
  after(async () => {
    for (const proxy of running) await proxy.close();
    await upstream.close();
  });

  async function proxyWith(team: AssayConfig): Promise<{ url: string; log: DecisionLogEntry[] }> {
    const log: DecisionLogEntry[] = [];
    const config = proxyConfig(team);
    const proxy = await startProxy({
      npmUpstream: `${upstream.url}/npm`,
      pypiUpstream: `${upstream.url}/simple`,
      minAgeMs: 0,
      gate: new Gate({
        analyzer: configAnalyzer(config),
        config,
        scan: { workers: 0 },
        documents: upstreamDocuments([`${upstream.url}/npm`, `${upstream.url}/simple`]),
      }),
      log: (entry) => log.push(entry),
    });
    running.push(proxy);
    await fetch(`${proxy.url}/npm/@playwright%2fcli`).then((response) => response.text());
    return { url: proxy.url, log };
  }

  it('verifies the attestations the upstream links and logs what they show', async () => {
    const { url, log } = await proxyWith(DEFAULT_CONFIG);
    const response = await fetch(`${url}/npm/@playwright/cli/-/cli-0.1.1.tgz`);
    assert.equal(response.status, 200);
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), realTarball);
    const entry = log.find((line) => line.version === '0.1.1');
    assert.equal(entry?.provenance, 'verified: https://github.com/microsoft/playwright-cli');
  });

  it('a version without provenance after one with it is reported, not refused, by default', async () => {
    const { url, log } = await proxyWith(DEFAULT_CONFIG);
    const response = await fetch(`${url}/npm/@playwright/cli/-/cli-0.1.2.tgz`);
    assert.equal(response.status, 200);
    await response.arrayBuffer();
    const entry = log.find((line) => line.version === '0.1.2');
    assert.equal(entry?.action, 'allow');
    assert.equal(entry?.provenance, 'none (0.1.1 had provenance)');
  });

  it('refuses it when assay.toml gives the policy the fail level', async () => {
    const { url, log } = await proxyWith({ ...DEFAULT_CONFIG, levels: { 'provenance-dropped': 'fail' } });
    const response = await fetch(`${url}/npm/@playwright/cli/-/cli-0.1.2.tgz`);
    const body = await response.text();
    assert.equal(response.status, 403);
    assert.match(body, /assay proxy refused @playwright\/cli@0\.1\.2: fail, provenance-dropped/);
    assert.equal(log.find((line) => line.version === '0.1.2')?.action, 'block');
  });

  it('passes the PEP 740 provenance link through the PEP 691 and PEP 503 pages', async () => {
    const { url } = await proxyWith(DEFAULT_CONFIG);
    const link = `${upstream.url}/integrity/demo/1.0/demo-1.0.tar.gz/provenance`;
    const json = (await (
      await fetch(`${url}/pypi/simple/demo/`, { headers: { accept: 'application/vnd.pypi.simple.v1+json' } })
    ).json()) as { meta: { 'api-version': string }; files: { provenance?: string }[] };
    const html = await (await fetch(`${url}/pypi/simple/demo/`, { headers: { accept: 'text/html' } })).text();
    assert.deepEqual([json.meta['api-version'], json.files[0]?.provenance], ['1.3', link]);
    assert.ok(html.includes(`data-provenance="${link}"`), html);
  });

  it('fetches linked documents from its upstreams only; the team config keeps its own levels', async () => {
    const documents = upstreamDocuments([`${upstream.url}/npm`]);
    await assert.rejects(documents('http://203.0.113.7/-/npm/v1/attestations/x@1'), /not an upstream/);
    const config = proxyConfig({ ...DEFAULT_CONFIG, levels: { 'provenance-dropped': 'warning' } });
    assert.deepEqual(
      PROVENANCE_POLICIES.map((id) => config.levels[id]),
      ['info', 'info', 'warning'],
    );
  });
});
