import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createSources, fetchTarget, packageFacts, resolveSourceConfig } from './fetch.ts';
import { parseTarget } from './target.ts';
import { startFixtureRegistry } from './testing/registry.ts';
import type { TestServer } from './testing/server.ts';

describe('resolveSourceConfig', () => {
  it('takes flags over the environment over defaults', () => {
    const env = {
      ASSAY_PYPI_INDEX_URL: 'https://a.example/simple',
      PIP_INDEX_URL: 'https://pip.example/simple',
      ASSAY_NPM_REGISTRY: 'https://npm.example',
      ASSAY_OFFLINE: '1',
      ASSAY_CACHE_DIR: '/tmp/c',
      ASSAY_CACHE_MAX_BYTES: '1000',
    };
    const fromEnv = resolveSourceConfig({ env });
    assert.deepEqual(
      [fromEnv.pypiIndexUrl, fromEnv.npmRegistry, fromEnv.offline, fromEnv.cacheDir, fromEnv.cacheMaxBytes],
      ['https://a.example/simple', 'https://npm.example', true, '/tmp/c', 1000],
    );
    const flags = resolveSourceConfig({ env, pypiIndexUrl: 'https://flag.example/simple', offline: false });
    assert.deepEqual([flags.pypiIndexUrl, flags.offline], ['https://flag.example/simple', false]);
    assert.equal(
      resolveSourceConfig({ env: { PIP_INDEX_URL: 'https://pip.example/simple' } }).pypiIndexUrl,
      'https://pip.example/simple',
    );
    const defaults = resolveSourceConfig({ env: { HOME: '/h' } });
    assert.deepEqual(
      [defaults.pypiIndexUrl, defaults.npmRegistry, defaults.offline, defaults.artifact, defaults.cacheDir],
      ['https://pypi.org/simple', 'https://registry.npmjs.org', false, 'auto', '/h/.cache/assay'],
    );
  });

  it('rejects index URLs that are not http(s) with E_CONFIG', () => {
    assert.throws(
      () => resolveSourceConfig({ env: {}, pypiIndexUrl: 'file:///etc' }),
      (e: unknown) => (e as { code?: string }).code === 'E_CONFIG',
    );
    assert.throws(() => resolveSourceConfig({ env: { ASSAY_NPM_REGISTRY: 'not a url' } }), /not a URL/);
  });
});

describe('fetchTarget end to end', () => {
  let server: TestServer;
  let cacheDir: string;
  before(async () => {
    server = await startFixtureRegistry();
    cacheDir = mkdtempSync(join(tmpdir(), 'assay-fetch-'));
  });
  after(async () => {
    await server.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });
  const options = (extra: Record<string, unknown> = {}) => ({
    env: {},
    cacheDir,
    pypiIndexUrl: `${server.url}/simple`,
    npmRegistry: `${server.url}/npm`,
    http: { retries: 0 },
    ...extra,
  });

  it('fetches the default artifact, then serves it from the cache, then offline', async () => {
    const target = parseTarget('pypi:demo-pkg==1.0');
    const [cold] = await fetchTarget(target, options());
    assert.deepEqual(
      [cold?.filename, cold?.fromCache, cold?.version, cold?.kind],
      ['demo_pkg-1.0.tar.gz', false, '1.0', 'sdist'],
    );
    const [warm] = await fetchTarget(target, options());
    assert.equal(warm?.fromCache, true);
    const [offline] = await fetchTarget(target, options({ offline: true }));
    assert.deepEqual([offline?.fromCache, offline?.sha256], [true, cold?.sha256]);
    await assert.rejects(
      fetchTarget(parseTarget('pypi:demo-pkg==1.0'), options({ offline: true, artifact: 'wheel' })),
      (e: unknown) => (e as { code?: string }).code === 'E_OFFLINE',
    );
  });

  it('fetches every sdist and wheel with artifact all, and flags a pinned yanked file', async () => {
    const all = await fetchTarget(parseTarget('pkg:pypi/demo-pkg@1.0'), options({ artifact: 'all' }));
    assert.equal(all.length, 3);
    const [yanked] = await fetchTarget(parseTarget('pypi:demo-pkg==1.1'), options());
    assert.deepEqual([yanked?.yanked, yanked?.yankedReason], [true, 'broken build']);
  });

  it('fetches an npm purl and shares built sources across calls', async () => {
    const sources = createSources(options());
    const [tgz] = await fetchTarget(parseTarget('pkg:npm/is-number@7.0.0'), sources);
    assert.deepEqual(
      [tgz?.ecosystem, tgz?.filename, tgz?.verifiedWith],
      ['npm', 'is-number-7.0.0.tgz', 'sha512'],
    );
    const facts = await packageFacts('npm', 'crossenv', sources);
    assert.equal(facts.status, 'removed');
  });

  it('refuses a local path target', async () => {
    await assert.rejects(
      fetchTarget(parseTarget('./x.tar.gz'), options()),
      (e: unknown) => (e as { code?: string }).code === 'E_USAGE',
    );
  });
});
