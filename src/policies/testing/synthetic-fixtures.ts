/**
 * Cases for the policies that judge archive anomalies: like their behaviors (see
 * src/behaviors/anomaly/synthetic-fixtures.ts), their input comes from the archive readers, so each case
 * is a snapshot built in memory. Each negative case is a benign look-alike of its positive one.
 */
import {
  anomaly,
  type SyntheticFixture,
  syntheticSnapshot,
} from '../../behaviors/testing/synthetic-fixtures.ts';

export const SYNTHETIC_FIXTURE_POLICIES: readonly SyntheticFixture[] = [
  {
    id: 'archive-escapes-install-root',
    positive: () =>
      syntheticSnapshot([
        anomaly('path-traversal', '../../tmp/x', 'member climbs out of the extraction folder'),
        anomaly('absolute-path', '/etc/cron.d/evil', 'member has an absolute path'),
        anomaly('symlink', 'fixture-1.0/passwd', 'symbolic link', { target: '/etc/passwd' }),
        anomaly('symlink', 'fixture-1.0/up', 'symbolic link', { target: '../../.bashrc' }),
      ]),
    // A link inside the package, and a traversal inside a nested archive nobody unpacks on install.
    negative: () =>
      syntheticSnapshot([
        anomaly('symlink', 'fixture-1.0/docs/README', 'symbolic link', { target: '../README' }),
        anomaly('path-traversal', '../x', 'member climbs out', {
          container: 'fixture-1.0/tests/data/evil.zip',
        }),
      ]),
  },
  {
    id: 'archive-content-hidden',
    positive: () =>
      syntheticSnapshot([
        anomaly('unreadable-member', 'lz/__init__.py', 'compression method 93 is not supported'),
      ]),
    // A corrupt zip kept as test data of an archive library: nested, so no installer reads it.
    negative: () =>
      syntheticSnapshot([
        anomaly('unreadable-member', 'fixture-1.0/tests/bad.zip', 'nested zip archive is corrupt', {
          container: 'fixture-1.0/tests/data.zip',
        }),
      ]),
  },
  {
    id: 'archive-reads-differently',
    positive: () =>
      syntheticSnapshot([
        anomaly('header-mismatch', 'fixture/a.py', 'the local header names this member "fixture/b.py"'),
        anomaly('size-mismatch', 'fixture/c.py', 'declares 10 bytes, the data holds 45'),
      ]),
    negative: () =>
      syntheticSnapshot([
        anomaly('size-mismatch', 'inner/c.py', 'declares 10 bytes, the data holds 45', {
          container: 'fixture-1.0/vendor/inner.whl',
        }),
      ]),
  },
];
