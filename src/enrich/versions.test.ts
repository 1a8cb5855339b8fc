import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveSpecifier, unusualVersion } from './versions.ts';

describe('unusualVersion', () => {
  it('flags invalid versions per ecosystem', () => {
    assert.equal(unusualVersion('pypi', 'not.a.version!')?.kind, 'invalid');
    assert.equal(unusualVersion('npm', '1.2')?.kind, 'invalid');
    assert.equal(unusualVersion('npm', '')?.kind, 'invalid');
    assert.equal(unusualVersion('pypi', '1.2'), null);
  });

  it('flags the huge versions dependency-confusion packages use', () => {
    assert.equal(unusualVersion('npm', '99999.0.0')?.kind, 'huge');
    assert.equal(unusualVersion('npm', '1000.0.0')?.kind, 'huge');
    assert.equal(unusualVersion('npm', '99.9.9')?.kind, 'all-nines');
    assert.equal(unusualVersion('npm', '1.0.999999999')?.kind, 'all-nines');
    assert.equal(unusualVersion('pypi', '9999.0')?.kind, 'huge');
  });

  it('flags the all-zero placeholder', () => {
    assert.equal(unusualVersion('npm', '0.0.0')?.kind, 'zero');
    assert.equal(unusualVersion('pypi', '0.0')?.kind, 'zero');
  });

  it('accepts calendar versions and legitimately large patch numbers', () => {
    assert.equal(unusualVersion('pypi', '2024.2.2'), null);
    assert.equal(unusualVersion('pypi', '20240115'), null);
    assert.equal(unusualVersion('npm', '2024.1.0'), null);
    assert.equal(unusualVersion('npm', '1.0.30001600'), null);
    assert.equal(unusualVersion('pypi', '1.34.162'), null);
    assert.equal(unusualVersion('npm', '120.0.0'), null);
    assert.equal(unusualVersion('pypi', '2.0.0rc1'), null);
  });
});

describe('resolveSpecifier', () => {
  const npm = ['15.0.3', '15.0.12', '16.0.0-beta.1', '18.3.0'];
  it('npm: the highest release the range admits, the latest tag when it admits that', () => {
    assert.equal(resolveSpecifier('npm', '^15.0.3', npm, '18.3.0'), '15.0.12');
    assert.equal(resolveSpecifier('npm', '>=15', npm, '15.0.3'), '15.0.3');
    assert.equal(resolveSpecifier('npm', '', npm, '18.3.0'), '18.3.0');
    assert.equal(resolveSpecifier('npm', '^99', npm, '18.3.0'), undefined);
    assert.equal(resolveSpecifier('npm', 'next', npm, '18.3.0'), undefined);
  });
  it('PyPI: PEP 440 specifiers, parentheses of old METADATA, prereleases only when nothing else fits', () => {
    const pypi = ['1.0', '1.4', '2.0rc1', '2.0'];
    assert.equal(resolveSpecifier('pypi', '>=1.0,<2', pypi, '2.0'), '1.4');
    assert.equal(resolveSpecifier('pypi', '(>=1.0,<2)', pypi, '2.0'), '1.4');
    assert.equal(resolveSpecifier('pypi', '>=1.5', ['1.0', '1.4', '2.0rc1'], '1.4'), '2.0rc1');
    assert.equal(resolveSpecifier('pypi', '', pypi, '2.0'), '2.0');
    assert.equal(resolveSpecifier('pypi', '>=3', pypi, '2.0'), undefined);
  });
});
