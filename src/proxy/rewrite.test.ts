import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rewritePackument } from './npm.ts';
import { rewriteJsonApi } from './pypi.ts';

const NOW = new Date('2026-12-01T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const options = { proxyBase: 'http://127.0.0.1:9', now: NOW, minAgeMs: DAY };

describe('packument rewriting', () => {
  const manifest = (name: string, version: string) => ({
    name,
    version,
    dist: {
      tarball: `https://registry.example/${name}/-/${name.split('/').pop()}-${version}.tgz`,
      integrity: 'sha512-AA==',
    },
  });

  it('points tarballs at the proxy, hides young and undated versions, and moves dist-tags to what is left', () => {
    const { packument, hidden, tarballs } = rewritePackument(
      {
        name: '@scope/pkg',
        'dist-tags': { latest: '2.0.0', next: '3.0.0-rc.1' },
        versions: {
          '1.0.0': manifest('@scope/pkg', '1.0.0'),
          '1.1.0-beta.1': manifest('@scope/pkg', '1.1.0-beta.1'),
          '2.0.0': manifest('@scope/pkg', '2.0.0'),
          '3.0.0-rc.1': manifest('@scope/pkg', '3.0.0-rc.1'),
        },
        time: {
          '1.0.0': '2025-01-01T00:00:00Z',
          '1.1.0-beta.1': '2025-02-01T00:00:00Z',
          '2.0.0': '2026-12-01T06:00:00Z',
        },
      },
      options,
    );
    assert.deepEqual(
      hidden.map((entry) => entry.version),
      ['2.0.0', '3.0.0-rc.1'],
    );
    assert.deepEqual(packument['dist-tags'], { latest: '1.0.0', next: '1.1.0-beta.1' });
    assert.deepEqual(Object.keys(packument['versions'] as object), ['1.0.0', '1.1.0-beta.1']);
    assert.equal(tarballs[0]?.upstreamUrl, 'https://registry.example/@scope/pkg/-/pkg-1.0.0.tgz');
    const dist = (packument['versions'] as Record<string, { dist: { tarball: string; integrity: string } }>)[
      '1.0.0'
    ]?.dist;
    assert.equal(dist?.tarball, 'http://127.0.0.1:9/npm/@scope/pkg/-/pkg-1.0.0.tgz');
    assert.equal(dist?.integrity, 'sha512-AA==');
    assert.equal((packument['time'] as Record<string, string>)['2.0.0'], undefined);
  });
});

describe('PyPI JSON API rewriting', () => {
  const file = (filename: string, uploaded: string) => ({
    filename,
    url: `https://files.example/${filename}`,
    digests: { sha256: 'ab'.repeat(32) },
    upload_time_iso_8601: uploaded,
  });

  it('drops young releases and rewrites file URLs to the proxy', () => {
    const { body, listed, hidden } = rewriteJsonApi(
      {
        info: { name: 'demo-pkg', version: '2.0' },
        releases: {
          '1.0': [file('demo_pkg-1.0-py3-none-any.whl', '2024-01-01T00:00:00Z')],
          '2.0': [file('demo_pkg-2.0-py3-none-any.whl', '2026-12-01T10:00:00Z')],
        },
        urls: [file('demo_pkg-2.0-py3-none-any.whl', '2026-12-01T10:00:00Z')],
      },
      options,
    );
    assert.deepEqual(hidden, ['2.0']);
    assert.deepEqual(Object.keys(body['releases'] as object), ['1.0']);
    assert.deepEqual(body['urls'], []);
    assert.deepEqual(
      listed.map((entry) => entry.filename),
      ['demo_pkg-1.0-py3-none-any.whl'],
    );
    const release = (body['releases'] as Record<string, { url: string }[]>)['1.0'];
    assert.equal(release?.[0]?.url, 'http://127.0.0.1:9/pypi/files/demo-pkg/demo_pkg-1.0-py3-none-any.whl');
  });
});
