/**
 * Fixtures for behaviors whose input cannot be a folder of files: archive anomalies and limit hits
 * come from the archive readers, so each case is a snapshot built in memory. The lead's fixture
 * harness runs these through the same checks as folder fixtures (a positive case must hit, a
 * negative case must not).
 */
import type { LimitHit, MemberAnomaly } from '../../artifacts/types.ts';
import type { PackageSnapshot } from '../../metadata/snapshot.ts';
import { emptyMetadata } from '../../metadata/types.ts';

export interface SyntheticFixture {
  /** The behavior id the cases are for. */
  readonly id: string;
  /** A snapshot on which the behavior must report at least one occurrence. */
  readonly positive: () => PackageSnapshot;
  /** A benign look-alike on which the behavior must report nothing. */
  readonly negative: () => PackageSnapshot;
}

const ARTIFACT = 'fixture-1.0.tar.gz';

/** A small sdist-like snapshot with the given anomalies and limit hits. */
export function syntheticSnapshot(
  anomalies: readonly MemberAnomaly[] = [],
  limitHits: readonly LimitHit[] = [],
): PackageSnapshot {
  return {
    ecosystem: 'pypi',
    name: 'fixture',
    version: '1.0',
    artifact: { file: ARTIFACT, sha256: '0'.repeat(64), size: 1024, format: 'tar.gz' },
    files: [
      {
        path: 'fixture-1.0/setup.py',
        data: Buffer.from('from setuptools import setup\nsetup(name="fixture")\n'),
      },
      { path: 'fixture-1.0/fixture/__init__.py', data: Buffer.from('VERSION = "1.0"\n') },
    ],
    metadata: emptyMetadata('pypi'),
    anomalies,
    limitHits,
  };
}

export function anomaly(
  kind: MemberAnomaly['kind'],
  member: string,
  detail: string,
  extra: Partial<MemberAnomaly> = {},
) {
  return { kind, member, container: '', detail, ...extra } satisfies MemberAnomaly;
}

/**
 * Each negative case carries anomalies of the *other* kinds, so a behavior that matched every
 * anomaly regardless of kind would fail its negative case.
 */
export const SYNTHETIC_FIXTURE_BEHAVIORS: readonly SyntheticFixture[] = [
  {
    id: 'archive-path-traversal',
    positive: () =>
      syntheticSnapshot([
        anomaly('path-traversal', 'fixture-1.0/../../.bashrc', 'member climbs out of the extraction folder'),
        anomaly('absolute-path', '/etc/cron.d/fixture', 'member has an absolute path'),
        anomaly('drive-letter', 'C:\\Users\\Public\\run.bat', 'member names a drive'),
      ]),
    negative: () =>
      syntheticSnapshot([
        anomaly('symlink', 'fixture-1.0/docs/README', 'symbolic link', { target: '../README' }),
      ]),
  },
  {
    id: 'archive-suspicious-member-name',
    positive: () =>
      syntheticSnapshot([
        anomaly('backslash-in-name', 'fixture-1.0\\fixture\\evil.py', 'backslash in member name'),
        anomaly('nul-in-name', 'fixture-1.0/setup.py\u0000.txt', 'NUL in member name'),
        anomaly(
          'control-character-in-name',
          'fixture-1.0/\u001b[8mhidden.py',
          'escape character in member name',
        ),
      ]),
    negative: () =>
      syntheticSnapshot([anomaly('duplicate-name', 'fixture-1.0/setup.py', 'name occurs twice')]),
  },
  {
    id: 'archive-link-member',
    positive: () =>
      syntheticSnapshot([
        anomaly('symlink', 'fixture-1.0/link', 'symbolic link', {
          target: '/home/user/.ssh/authorized_keys',
        }),
        anomaly('hardlink', 'fixture-1.0/hard', 'hard link', { target: 'fixture-1.0/setup.py' }),
        anomaly('special-file', 'fixture-1.0/dev', 'character device'),
      ]),
    negative: () => syntheticSnapshot([anomaly('path-traversal', '../x', 'member climbs out')]),
  },
  {
    id: 'archive-duplicate-member',
    positive: () =>
      syntheticSnapshot([anomaly('duplicate-name', 'fixture-1.0/setup.py', 'name occurs twice')]),
    negative: () => syntheticSnapshot([anomaly('size-mismatch', 'fixture-1.0/setup.py', 'sizes differ')]),
  },
  {
    id: 'archive-size-mismatch',
    positive: () =>
      syntheticSnapshot([
        anomaly('size-mismatch', 'fixture-1.0/setup.py', 'header says 10 bytes, 4096 bytes read', {
          container: 'fixture-1.0/vendor/inner.zip',
        }),
      ]),
    negative: () =>
      syntheticSnapshot([anomaly('duplicate-name', 'fixture-1.0/setup.py', 'name occurs twice')]),
  },
  {
    id: 'archive-unreadable-member',
    positive: () =>
      syntheticSnapshot([
        anomaly(
          'unreadable-member',
          'fixture/__init__.py',
          'compression method 93 is not supported by assay',
        ),
        anomaly('encrypted-member', 'fixture/core.py', 'encrypted member; its content cannot be analyzed'),
      ]),
    negative: () =>
      syntheticSnapshot([anomaly('header-mismatch', 'fixture/a.py', 'the local header names it b.py')]),
  },
  {
    id: 'archive-structure-anomaly',
    positive: () =>
      syntheticSnapshot([
        anomaly('header-mismatch', 'fixture/a.py', 'the local header names this member "fixture/b.py"'),
        anomaly('overlapping-member', 'fixture/c.py', 'its data overlaps the data of member "fixture/a.py"'),
        anomaly('prepended-data', '(start of the archive)', '512 bytes precede the zip archive'),
      ]),
    negative: () => syntheticSnapshot([anomaly('encrypted-member', 'fixture/core.py', 'encrypted member')]),
  },
  {
    id: 'archive-limit-exceeded',
    positive: () =>
      syntheticSnapshot(
        [],
        [
          {
            limit: 'compression-ratio',
            max: 200,
            observed: 10_000,
            member: 'fixture-1.0/data/bomb.bin',
            detail: 'member expands 10000 times',
          },
        ],
      ),
    negative: () =>
      syntheticSnapshot([anomaly('unreadable-member', 'fixture-1.0/x.zip', 'corrupt nested archive')]),
  },
];
