import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DetectionContext } from '../../catalog/types.ts';
import type { DeclaredUrl, MetadataSource, PackageMetadata } from '../../metadata/types.ts';
import { emptyMetadata } from '../../metadata/types.ts';
import { metadataMissingSourceRepository } from './metadata-missing-source-repository.ts';

function contextOf(
  sources: readonly MetadataSource[],
  urls: readonly [string, string, string][],
): DetectionContext {
  const declared: DeclaredUrl[] = urls.map(([file, label, url]) => ({
    label,
    url,
    source: { file, field: label },
  }));
  const metadata: PackageMetadata = { ...emptyMetadata('pypi'), sources, urls: declared };
  return {
    snapshot: {
      ecosystem: 'pypi',
      name: 'pkg',
      version: '1.0',
      artifact: { file: 'pkg-1.0.tar.gz', sha256: '0'.repeat(64), size: 1, format: 'tar.gz' },
      files: [],
      metadata,
      anomalies: [],
      limitHits: [],
    },
    facts: { sources: [], urls: [], embedded: [], problems: [] },
  };
}

const PKG_INFO: MetadataSource = { file: 'pkg-1.0/PKG-INFO', kind: 'PKG-INFO' };
const PACKAGE_JSON: MetadataSource = { file: 'package/package.json', kind: 'package.json' };

describe('metadata-missing-source-repository', () => {
  test('repository hosts under any label count as a repository', () => {
    for (const url of [
      'https://github.com/o/r',
      'https://gitlab.com/g/sub/p',
      'https://bitbucket.org/o/r',
      'https://codeberg.org/o/r',
      'https://git.sr.ht/~u/r',
      'https://launchpad.net/p',
      'https://sourceforge.net/projects/p/',
      'https://git.example.org/p.git',
      'git+ssh://git@github.com/o/r.git',
      'git@github.com:o/r.git',
    ]) {
      assert.deepEqual(
        metadataMissingSourceRepository.detect(contextOf([PKG_INFO], [[PKG_INFO.file, 'Home-page', url]])),
        [],
        url,
      );
    }
  });

  test('a Source or Repository label on any host counts', () => {
    assert.deepEqual(
      metadataMissingSourceRepository.detect(
        contextOf([PKG_INFO], [[PKG_INFO.file, 'Source Code', 'https://hg.example.net/p']]),
      ),
      [],
    );
  });

  test('npm shorthand in repository counts', () => {
    assert.deepEqual(
      metadataMissingSourceRepository.detect(
        contextOf([PACKAGE_JSON], [[PACKAGE_JSON.file, 'repository', 'github:o/r']]),
      ),
      [],
    );
    assert.deepEqual(
      metadataMissingSourceRepository.detect(
        contextOf([PACKAGE_JSON], [[PACKAGE_JSON.file, 'repository', 'o/r']]),
      ),
      [],
    );
  });

  test('only a home page and docs: reported once per metadata file with its URLs', () => {
    const found = metadataMissingSourceRepository.detect(
      contextOf(
        [PKG_INFO, { file: 'pkg-1.0/setup.py', kind: 'setup.py' }],
        [
          [PKG_INFO.file, 'Home-page', 'https://pkg.example.com'],
          [PKG_INFO.file, 'Documentation', 'https://pkg.readthedocs.io'],
        ],
      ),
    );
    assert.deepEqual(
      found.map((o) => [o.file, o.field, o.snippet, o.detail]),
      [
        [
          'pkg-1.0/PKG-INFO',
          'Project-URL',
          'Home-page: https://pkg.example.com; Documentation: https://pkg.readthedocs.io',
          'PKG-INFO declares 2 URL(s), none of a source repository',
        ],
        ['pkg-1.0/setup.py', 'project_urls', '', 'setup.py declares no URL'],
      ],
    );
  });

  test('a label without a URL does not count', () => {
    assert.equal(
      metadataMissingSourceRepository.detect(
        contextOf([PKG_INFO], [[PKG_INFO.file, 'Repository', 'UNKNOWN']]),
      ).length,
      1,
    );
  });

  test('no metadata file at all: one occurrence on the artifact that says so', () => {
    const [occurrence, ...rest] = metadataMissingSourceRepository.detect(contextOf([], []));
    assert.deepEqual(rest, []);
    assert.equal(occurrence?.file, 'pkg-1.0.tar.gz');
    assert.match(occurrence?.detail ?? '', /no metadata file/);
  });
});
