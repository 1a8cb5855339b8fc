import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createSources } from '../sources/fetch.ts';
import { startFixtureRegistry } from '../sources/testing/registry.ts';
import type { TestServer } from '../sources/testing/server.ts';
import { DOWNLOADS_UNREACHABLE_TTL_MS, registryFactsSource } from './registry.ts';

const fast = { retries: 0, timeoutMs: 5000 };

describe('registryFactsSource against a local registry replaying recorded npm answers', () => {
  let server: TestServer;
  let cacheDir: string;
  before(async () => {
    server = await startFixtureRegistry();
    server.route('/downloads/is-number', {
      body: '{"downloads":48213,"start":"2026-11-14","end":"2026-11-20","package":"is-number"}',
    });
    cacheDir = mkdtempSync(join(tmpdir(), 'assay-hunting-cache-'));
  });
  after(async () => {
    await server.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });
  const sources = (offline = false) =>
    createSources({ npmRegistry: `${server.url}/npm`, cacheDir, offline, env: {}, http: fast });

  it('reduces a packument to status, dates, versions and repository', async () => {
    const facts = await registryFactsSource(sources(), { downloadsApi: null }).facts('npm', 'is-number');
    assert.equal(facts.status, 'exists');
    assert.equal(facts.registry, `${server.url}/npm`);
    assert.ok(facts.versionTimes['7.0.0']?.startsWith('20'));
    assert.match(facts.repository ?? '', /is-number/);
  });

  it('tells removed names apart: security placeholder, no releases, all unpublished, never existed', async () => {
    const source = registryFactsSource(sources(), { downloadsApi: null });
    const statuses = [];
    for (const name of ['crossenv', 'flatmap-stream', 'assay-unpublished-example', 'assay-never-was'])
      statuses.push(await source.facts('npm', name).then((f) => `${f.status}:${f.removedReason ?? ''}`));
    assert.deepEqual(statuses, [
      'removed:security-placeholder',
      'removed:no-releases',
      'removed:unpublished',
      'not-found:',
    ]);
  });

  it('serves reduced facts from the cache on the next run, and offline; not-found is never cached', async () => {
    await registryFactsSource(sources(), { downloadsApi: null }).facts('npm', 'is-number');
    const before = server.hits('/npm/is-number');
    const warm = await registryFactsSource(sources(), { downloadsApi: null }).facts('npm', 'is-number');
    const offline = await registryFactsSource(sources(true), { downloadsApi: null }).facts(
      'npm',
      'is-number',
    );
    assert.equal(server.hits('/npm/is-number'), before);
    assert.equal(warm.status, 'exists');
    assert.equal(offline.status, 'exists');
    await assert.rejects(
      registryFactsSource(sources(true), { downloadsApi: null }).facts('npm', 'assay-never-was'),
      /Offline/,
    );
  });

  it('reads weekly downloads when the API answers, caches them, and stops asking once it fails', async () => {
    const source = registryFactsSource(sources(), { downloadsApi: `${server.url}/downloads`, http: fast });
    assert.equal(await source.weeklyDownloads?.('is-number'), 48213);
    assert.equal(await source.weeklyDownloads?.('is-number'), 48213);
    assert.equal(server.hits('/downloads/is-number'), 1);
    server.route('/broken/left-pad', { destroy: true });
    const down = registryFactsSource(sources(), { downloadsApi: `${server.url}/broken`, http: fast });
    assert.equal(await down.weeklyDownloads?.('left-pad'), undefined);
    assert.equal(await down.weeklyDownloads?.('right-pad'), undefined);
    assert.equal(server.hits('/broken/left-pad'), 1);
    assert.equal(server.hits('/broken/right-pad'), 0);
  });

  it('remembers a failed downloads API for an hour across runs, then asks again', async () => {
    server.route('/down-for-now/is-odd', { destroy: true });
    const api = `${server.url}/down-for-now`;
    const first = registryFactsSource(sources(), { downloadsApi: api, http: fast });
    assert.equal(await first.weeklyDownloads?.('is-odd'), undefined);
    assert.equal(server.hits('/down-for-now/is-odd'), 1);
    const warm = registryFactsSource(sources(), { downloadsApi: api, http: fast });
    assert.equal(await warm.weeklyDownloads?.('is-odd'), undefined);
    assert.equal(server.hits('/down-for-now/is-odd'), 1, 'the next run does not wait on it again');
    const later = registryFactsSource(sources(), {
      downloadsApi: api,
      http: fast,
      now: () => Date.now() + DOWNLOADS_UNREACHABLE_TTL_MS + 1000,
    });
    assert.equal(await later.weeklyDownloads?.('is-odd'), undefined);
    assert.equal(server.hits('/down-for-now/is-odd'), 2, 'an hour later it is tried once more');
  });
});
