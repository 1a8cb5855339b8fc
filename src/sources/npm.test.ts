import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Cache } from './cache.ts';
import { HttpClient } from './http.ts';
import { isSecurityPlaceholder, NpmClient, pickNpmVersion } from './npm.ts';
import { readFixture, startFixtureRegistry } from './testing/registry.ts';
import type { TestServer } from './testing/server.ts';
import { Transport } from './transport.ts';

function code(expected: string) {
  return (e: unknown): boolean => {
    assert.equal((e as { code?: string }).code, expected);
    return true;
  };
}

describe('NpmClient replaying recorded packuments', () => {
  let server: TestServer;
  let cacheDir: string;
  before(async () => {
    server = await startFixtureRegistry();
    cacheDir = mkdtempSync(join(tmpdir(), 'assay-npm-'));
  });
  after(async () => {
    await server.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });
  const client = (cache?: Cache, offline = false, token?: string): NpmClient =>
    new NpmClient(new Transport(new HttpClient({ retries: 0 }), cache, offline), {
      registry: `${server.url}/npm/`,
      ...(token !== undefined ? { token } : {}),
    });

  it('resolves dist-tags.latest with its tarball, integrity and shasum', async () => {
    const release = await client().resolve('is-number');
    assert.equal(release.version, '7.0.0');
    assert.equal(release.pinned, false);
    const file = release.files[0];
    assert.equal(file?.filename, 'is-number-7.0.0.tgz');
    assert.equal(file?.url, `${server.url}/npm/is-number/-/is-number-7.0.0.tgz`);
    assert.match(file?.hashes.integrity ?? '', /^sha512-41Cifkg6/);
    assert.equal(file?.hashes.sha1, '7535345b896734d5f80c4d06c50955527a14f12b');
    assert.equal(release.publishedAt, '2024-02-27T16:27:13.411Z', 'the mirror’s +00:00 time is normalized');
  });

  it('encodes a scoped name as @scope%2fname and honours ranges', async () => {
    const release = await client().resolve('@sindresorhus/is', '^7.0.0');
    assert.equal(release.version, '7.0.1');
    assert.ok(server.requests.some((r) => r.path === '/npm/@sindresorhus%2fis'));
    assert.equal((await client().resolve('@sindresorhus/is', '8.0.0')).pinned, true);
  });

  it('downloads the real tarball and checks its sha512 integrity; caches it by sha256', async () => {
    const cache = new Cache({ dir: cacheDir });
    const release = await client(cache).resolve('is-number', '7.0.0');
    const got = await client(cache).fetchArtifact(release.files[0]!);
    assert.deepEqual(got.bytes, readFixture('npm/is-number-7.0.0.tgz'));
    assert.equal(got.verifiedWith, 'sha512');
    assert.equal(got.fromCache, false);
    const again = await client(cache, true).fetchArtifact(release.files[0]!);
    assert.equal(again.fromCache, true);
    assert.equal(again.sha256, got.sha256);
  });

  it('rejects a tarball that does not match dist.integrity', async () => {
    const release = await client().resolve('is-number', '7.0.0');
    server.route('/npm/tampered.tgz', { body: Buffer.from('not the real tarball') });
    const tampered = { ...release.files[0]!, url: `${server.url}/npm/tampered.tgz` };
    await assert.rejects(client().fetchArtifact(tampered), code('E_HASH_MISMATCH'));
  });

  it('tells not-found, security placeholders and removed packages apart', async () => {
    assert.equal((await client().packageInfo('no-such-package-here')).status, 'not-found');
    const placeholder = await client().packageInfo('crossenv');
    assert.deepEqual([placeholder.status, placeholder.removedReason], ['removed', 'security-placeholder']);
    const emptied = await client().packageInfo('flatmap-stream');
    assert.deepEqual([emptied.status, emptied.removedReason], ['removed', 'no-releases']);
    const unpublished = await client().packageInfo('assay-unpublished-example');
    assert.deepEqual(
      [
        unpublished.status,
        unpublished.removedReason,
        unpublished.unpublishedAt,
        unpublished.firstPublishedAt,
      ],
      ['removed', 'unpublished', '2021-03-05T08:00:00.000Z', '2021-03-04T05:06:07.000Z'],
    );
    await assert.rejects(client().resolve('flatmap-stream'), code('E_NOT_FOUND'));
    await assert.rejects(client().resolve('no-such-package-here'), code('E_NOT_FOUND'));
  });

  it('reports publish dates, maintainers, repository and deprecation', async () => {
    const facts = await client().packageInfo('assay-deprecated-example', '1.5.0');
    assert.equal(facts.status, 'exists');
    assert.equal(facts.latestVersion, '2.0.0');
    assert.equal(facts.versionCount, 5);
    assert.equal(facts.firstPublishedAt, '2020-01-01T00:00:00.000Z');
    assert.equal(facts.latestPublishedAt, '2023-06-01T00:00:00.000Z');
    assert.equal(facts.versionPublishedAt, '2021-01-01T00:00:00.000Z');
    assert.equal(facts.modifiedAt, '2023-06-01T00:00:00.000Z');
    assert.deepEqual(facts.maintainers, [
      { name: 'alice', email: 'alice@example.org' },
      { name: 'bob', email: 'bob@example.org' },
    ]);
    assert.equal(facts.repository, 'git+https://example.org/alice/deprecated-example.git');
    assert.equal(facts.deprecated, undefined, '1.5.0 itself is not deprecated');
    const latest = await client().packageInfo('assay-deprecated-example');
    assert.equal(latest.deprecated, 'no longer maintained; use something else');
    const release = await client().resolve('assay-deprecated-example');
    assert.equal(release.deprecated, 'no longer maintained; use something else');
    assert.equal((await client().resolve('assay-deprecated-example', 'next')).version, '3.0.0-beta.1');
    // 9.9.9 has no dist: it is listed but cannot be resolved.
    await assert.rejects(client().resolve('assay-deprecated-example', '9.9.9'), code('E_METADATA'));
  });

  it('names the versions published with provenance, among well-formed manifests only', async () => {
    const dist = (version: string, attested: boolean) => ({
      tarball: `${server.url}/npm/prov/-/prov-${version}.tgz`,
      ...(attested ? { attestations: { url: 'https://example.test/a', provenance: {} } } : {}),
    });
    server.route('/npm/prov', {
      body: JSON.stringify({
        name: 'prov',
        'dist-tags': { latest: '1.2.0' },
        versions: {
          '1.0.0': { name: 'prov', version: '1.0.0', dist: dist('1.0.0', false) },
          '1.1.0': { name: 'prov', version: '1.1.0', dist: dist('1.1.0', true) },
          // Attestations named, but no version field: a malformed manifest never counts.
          '1.1.5': { name: 'prov', dist: dist('1.1.5', true) },
          '1.2.0': { name: 'prov', version: '1.2.0', dist: dist('1.2.0', true) },
        },
      }),
    });
    const facts = await client().packageInfo('prov');
    assert.deepEqual(facts.attestedVersions, ['1.1.0', '1.2.0']);
    assert.equal(facts.versionCount, 4, 'the malformed version is still listed');
    await assert.rejects(client().resolve('prov', '1.1.5'), code('E_METADATA'));
    assert.equal((await client().resolve('prov', '1.1.0')).version, '1.1.0');
  });

  it('rejects a packument of the wrong shape with E_METADATA', async () => {
    server.route('/npm/broken-shape', { body: '{"name":"broken-shape","versions":5}' });
    server.route('/npm/broken-json', { body: '{"name":' });
    await assert.rejects(client().resolve('broken-shape'), (e: unknown) => {
      assert.equal((e as { code?: string }).code, 'E_METADATA');
      assert.match((e as Error).message, /field versions/);
      return true;
    });
    await assert.rejects(client().packageInfo('broken-json'), code('E_METADATA'));
  });

  it('reads a manifest whose maintainers is one string and whose descriptive fields have odd types', async () => {
    // The shape of is2 2.0.9 and serialize-to-js 3.1.2 on the public registry: npm installs them.
    const manifest = {
      name: 'one-maintainer',
      version: '1.0.0',
      maintainers: 'Carol Example <carol@example.org>',
      homepage: ['https://example.org'],
      description: 42,
      dist: { tarball: `${server.url}/npm/one-maintainer/-/one-maintainer-1.0.0.tgz` },
    };
    server.route('/npm/one-maintainer', {
      body: JSON.stringify({
        name: 'one-maintainer',
        'dist-tags': { latest: '1.0.0' },
        versions: { '1.0.0': manifest },
        time: { '1.0.0': '2020-01-01T00:00:00.000Z' },
      }),
    });
    const release = await client().resolve('one-maintainer');
    assert.equal(release.version, '1.0.0');
    const facts = await client().packageInfo('one-maintainer');
    assert.deepEqual(facts.maintainers, [{ name: 'Carol Example', email: 'carol@example.org' }]);
    assert.equal(facts.homepage, undefined);
  });

  it('sends a bearer token to the registry origin only', async () => {
    await client(undefined, false, 't0ken').resolve('is-number');
    const last = server.requests.filter((r) => r.path === '/npm/is-number').at(-1);
    assert.equal(last?.headers['authorization'], 'Bearer t0ken');
  });

  it('fails offline when the packument is not cached', async () => {
    await assert.rejects(
      client(new Cache({ dir: cacheDir }), true).resolve('@sindresorhus/is'),
      code('E_OFFLINE'),
    );
  });
});

describe('npm version choice', () => {
  const p = {
    name: 'x',
    distTags: { latest: '1.2.0', beta: '2.0.0-beta.1' },
    listed: ['1.0.0', '1.2.0', '1.3.0', '2.0.0-beta.1'],
  };

  it('prefers latest inside a range, like npm', () => {
    assert.deepEqual(pickNpmVersion(p, '^1.0.0'), { version: '1.2.0', pinned: false });
    assert.deepEqual(pickNpmVersion(p, '>=1.3'), { version: '1.3.0', pinned: false });
    assert.deepEqual(pickNpmVersion(p, 'beta'), { version: '2.0.0-beta.1', pinned: false });
    assert.deepEqual(pickNpmVersion(p, 'v1.0.0'), { version: '1.0.0', pinned: true });
    assert.throws(() => pickNpmVersion(p, '^3'), /no version matching "\^3" \(latest is 1\.2\.0\)/);
  });

  it('recognizes the security placeholder versions', () => {
    assert.equal(isSecurityPlaceholder('0.0.1-security'), true);
    assert.equal(isSecurityPlaceholder('1.0.1-security'), false);
  });
});

describe('live npm registry (ASSAY_LIVE_TESTS=1)', { skip: process.env['ASSAY_LIVE_TESTS'] !== '1' }, () => {
  it('resolves and verifies is-number@7.0.0 from the real registry', async () => {
    const live = new NpmClient(new Transport(new HttpClient(), undefined, false));
    const release = await live.resolve('is-number', '7.0.0');
    const got = await live.fetchArtifact(release.files[0]!);
    assert.equal(got.verifiedWith, 'sha512');
    assert.deepEqual(got.bytes, readFixture('npm/is-number-7.0.0.tgz'));
    assert.equal((await live.packageInfo('crossenv')).status, 'removed');
  });
});
