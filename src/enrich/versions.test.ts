import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unusualVersion } from './versions.ts';

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
