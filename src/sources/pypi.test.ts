import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Cache } from './cache.ts';
import { HttpClient } from './http.ts';
import { deriveJsonApiUrl, PypiClient, type PypiClientOptions } from './pypi.ts';
import { startFixtureRegistry } from './testing/registry.ts';
import type { TestServer } from './testing/server.ts';
import { Transport } from './transport.ts';

const noWait = { retries: 2, sleep: async () => undefined };

describe('PypiClient against a local index', () => {
  let server: TestServer;
  let cacheDir: string;
  before(async () => {
    server = await startFixtureRegistry();
    cacheDir = mkdtempSync(join(tmpdir(), 'assay-pypi-'));
  });
  after(async () => {
    await server.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  const client = (options: PypiClientOptions = {}, offline = false, cache?: Cache): PypiClient =>
    new PypiClient(new Transport(new HttpClient(noWait), cache, offline), {
      indexUrl: `${server.url}/simple`,
      ...options,
    });

  it('asks for PEP 691 JSON and picks the newest final, non-yanked release', async () => {
    const release = await client().resolve('Demo_Pkg');
    assert.equal(release.version, '1.0', '1.1 is yanked and 2.0b1 is a pre-release');
    assert.equal(release.pinned, false);
    assert.deepEqual(release.files.map((f) => f.filename).sort(), [
      'demo_pkg-1.0-cp311-cp311-manylinux_2_17_x86_64.whl',
      'demo_pkg-1.0-py3-none-any.whl',
      'demo_pkg-1.0.tar.gz',
    ]);
    assert.equal(release.publishedAt, '2021-02-03T04:05:06.000Z');
    assert.deepEqual(
      release.versions.map((v) => v.version),
      ['0.8', '0.9', '1.0', '1.1', '2.0b1'],
    );
    assert.equal(release.versions.find((v) => v.version === '1.1')?.yanked, true);
    const request = server.requests.find((r) => r.path === '/simple/demo-pkg/');
    assert.match(String(request?.headers['accept']), /^application\/vnd\.pypi\.simple\.v1\+json/);
  });

  it('selects a yanked release only when pinned, and flags it', async () => {
    const pinned = await client().resolve('demo-pkg', '1.1');
    assert.equal(pinned.pinned, true);
    assert.equal(pinned.yanked, true);
    assert.equal(pinned.yankedReason, 'broken build');
    assert.equal(pinned.files[0]?.yanked, true);
    await assert.rejects(
      client().resolve('demo-pkg', '>1.0,<2'),
      (e: unknown) => (e as { code?: string }).code === 'E_NOT_FOUND',
    );
    assert.equal((await client().resolve('demo-pkg', '>=0.9,<1.1')).version, '1.0');
    assert.equal((await client().resolve('demo-pkg', '==1.0.0')).version, '1.0', 'PEP 440 equality');
  });

  it('reads a PEP 503 HTML-only index the same way', async () => {
    const release = await client({ indexUrl: `${server.url}/html/simple`, jsonApiUrl: null }).resolve(
      'demo-pkg',
    );
    assert.equal(release.version, '1.0');
    const sdist = release.files.find((f) => f.kind === 'sdist');
    assert.equal(sdist?.url, `${server.url}/html/files/demo_pkg-1.0.tar.gz`);
    assert.equal(sdist?.requiresPython, '>=3.8');
  });

  it('follows a redirected index and resolves relative URLs against the final page', async () => {
    const release = await client({ indexUrl: `${server.url}/legacy/simple`, jsonApiUrl: null }).resolve(
      'demo-pkg',
    );
    assert.equal(
      release.files.find((f) => f.kind === 'sdist')?.url,
      `${server.url}/files/demo_pkg-1.0.tar.gz`,
    );
  });

  it('resolves through the JSON API too', async () => {
    const release = await client({ api: 'json' }).resolve('demo-pkg', '1.0');
    assert.equal(release.name, 'Demo_Pkg');
    assert.equal(release.files.length, 3);
    assert.equal(release.files.find((f) => f.kind === 'sdist')?.hashes.md5?.length, 32);
  });

  it('downloads and verifies a file, and reports a hash mismatch', async () => {
    const release = await client().resolve('demo-pkg', '1.0');
    const sdist = release.files.find((f) => f.kind === 'sdist');
    assert.ok(sdist);
    const got = await client().fetchArtifact(sdist);
    assert.equal(got.bytes.toString(), 'demo sdist 1.0\n');
    assert.equal(got.verifiedWith, 'sha256');
    const old = await client().resolve('demo-pkg', '0.8');
    await assert.rejects(client().fetchArtifact(old.files[0]!), (e: unknown) => {
      assert.equal((e as { code?: string }).code, 'E_HASH_MISMATCH');
      assert.match((e as Error).message, /demo_pkg-0\.8\.tar\.gz/);
      return true;
    });
  });

  it('follows a redirected file download', async () => {
    const release = await client().resolve('demo-pkg', '1.0');
    const sdist = release.files.find((f) => f.kind === 'sdist')!;
    const moved = { ...sdist, url: `${server.url}/files/redirect/demo_pkg-1.0.tar.gz` };
    assert.equal((await client().fetchArtifact(moved)).bytes.toString(), 'demo sdist 1.0\n');
  });

  it('says not found for a missing project, and retries 429 and 500', async () => {
    await assert.rejects(
      client().resolve('no-such-project'),
      (e: unknown) => (e as { code?: string }).code === 'E_NOT_FOUND',
    );
    server.route('/flaky/simple/demo-pkg/', [
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 500 },
      { status: 302, headers: { location: '/simple/demo-pkg/' } },
    ]);
    const release = await client({ indexUrl: `${server.url}/flaky/simple`, jsonApiUrl: null }).resolve(
      'demo-pkg',
    );
    assert.equal(release.version, '1.0');
    assert.equal(server.hits('/flaky/simple/demo-pkg/'), 3);
  });

  it('uses only the cache when offline', async () => {
    const cache = new Cache({ dir: cacheDir });
    const online = client({}, false, cache);
    const release = await online.resolve('demo-pkg');
    const sdist = release.files.find((f) => f.kind === 'sdist')!;
    const first = await online.fetchArtifact(sdist);
    assert.equal(first.fromCache, false);
    const offline = client({}, true, cache);
    const again = await offline.resolve('demo-pkg');
    const cached = await offline.fetchArtifact(again.files.find((f) => f.kind === 'sdist')!);
    assert.equal(cached.fromCache, true);
    assert.equal(cached.sha256, first.sha256);
    await assert.rejects(
      offline.resolve('other-project'),
      (e: unknown) => (e as { code?: string }).code === 'E_OFFLINE',
    );
  });

  it('reports registry facts from the JSON API', async () => {
    const facts = await client().packageInfo('demo-pkg', '0.9');
    assert.equal(facts.status, 'exists');
    assert.equal(facts.latestVersion, '1.0');
    assert.equal(facts.firstPublishedAt, '2019-05-01T10:00:00.000Z');
    assert.equal(facts.latestPublishedAt, '2023-07-08T00:00:00.000Z');
    assert.equal(facts.versionPublishedAt, '2020-01-01T10:00:00.000Z');
    assert.equal(facts.repository, 'https://github.com/example/demo-pkg');
    assert.deepEqual(facts.maintainers, [
      { name: 'Alice Example', email: 'alice@example.org' },
      { name: 'alice' },
      { name: 'bob' },
    ]);
    const missing = await client().packageInfo('no-such-project');
    assert.equal(missing.status, 'not-found');
    const simpleOnly = await client({ indexUrl: `${server.url}/html/simple`, jsonApiUrl: null }).packageInfo(
      'demo-pkg',
    );
    assert.equal(simpleOnly.status, 'exists');
    assert.equal(simpleOnly.versionCount, 5);
  });

  it('derives the JSON API from a /simple index URL only', () => {
    assert.equal(deriveJsonApiUrl('https://pypi.org/simple/'), 'https://pypi.org/pypi');
    assert.equal(deriveJsonApiUrl('https://mirror.example/root/pypi/+simple/'), undefined);
  });
});
