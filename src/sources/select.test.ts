import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectArtifacts } from './select.ts';
import type { ArtifactFile, ArtifactKind, ReleaseInfo } from './types.ts';

function file(filename: string, kind: ArtifactKind): ArtifactFile {
  return {
    ecosystem: 'pypi',
    name: 'demo',
    version: '1.0',
    url: `https://f.example/${filename}`,
    filename,
    kind,
    hashes: {},
    yanked: false,
  };
}
function release(...files: ArtifactFile[]): ReleaseInfo {
  return {
    ecosystem: 'pypi',
    name: 'demo',
    version: '1.0',
    pinned: true,
    versions: [],
    files,
    yanked: false,
  };
}
const names = (files: ArtifactFile[]): string[] => files.map((f) => f.filename);

describe('selectArtifacts', () => {
  const platform = file('demo-1.0-cp311-cp311-manylinux_2_17_x86_64.whl', 'wheel');
  const pure = file('demo-1.0-py3-none-any.whl', 'wheel');
  const zip = file('demo-1.0.zip', 'sdist');
  const tgz = file('demo-1.0.tar.gz', 'sdist');

  it('defaults to the sdist, preferring .tar.gz', () => {
    assert.deepEqual(names(selectArtifacts(release(platform, pure, zip, tgz), 'auto')), ['demo-1.0.tar.gz']);
  });

  it('falls back to a pure-Python wheel, then the first wheel', () => {
    assert.deepEqual(names(selectArtifacts(release(platform, pure), 'auto')), ['demo-1.0-py3-none-any.whl']);
    assert.deepEqual(names(selectArtifacts(release(platform), 'auto')), [platform.filename]);
    assert.deepEqual(names(selectArtifacts(release(platform, pure, tgz), 'wheel')), [
      'demo-1.0-py3-none-any.whl',
    ]);
  });

  it('returns every sdist and wheel for all', () => {
    assert.deepEqual(names(selectArtifacts(release(platform, pure, tgz), 'all')), [
      tgz.filename,
      platform.filename,
      pure.filename,
    ]);
  });

  it('fails with E_NOT_FOUND naming what exists', () => {
    assert.throws(
      () => selectArtifacts(release(pure), 'sdist'),
      (e: unknown) =>
        (e as { code?: string }).code === 'E_NOT_FOUND' &&
        /no sdist .*demo-1\.0-py3-none-any\.whl/.test((e as Error).message),
    );
    assert.throws(() => selectArtifacts(release(tgz), 'wheel'), /no wheel/);
  });

  it('honours a purl file_name qualifier', () => {
    assert.deepEqual(names(selectArtifacts(release(platform, pure, tgz), 'auto', pure.filename)), [
      pure.filename,
    ]);
    assert.throws(() => selectArtifacts(release(tgz), 'auto', 'other.whl'), /no file named other\.whl/);
  });
});
