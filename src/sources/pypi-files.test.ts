import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDistFilename } from './pypi-files.ts';

describe('parseDistFilename', () => {
  it('reads wheels and tells pure ones apart', () => {
    assert.deepEqual(parseDistFilename('demo_pkg-1.0-py3-none-any.whl', 'demo-pkg'), {
      kind: 'wheel',
      version: '1.0',
      pure: true,
    });
    assert.deepEqual(parseDistFilename('numpy-2.0.0-1-cp312-cp312-manylinux_2_17_x86_64.whl', 'numpy'), {
      kind: 'wheel',
      version: '2.0.0',
      pure: false,
    });
    assert.equal(parseDistFilename('other-1.0-py3-none-any.whl', 'demo'), undefined);
  });

  it('finds the version of sdists whose names keep dashes and dots', () => {
    assert.deepEqual(parseDistFilename('zope.interface-5.4.0.tar.gz', 'zope-interface'), {
      kind: 'sdist',
      version: '5.4.0',
    });
    assert.deepEqual(parseDistFilename('python-dateutil-2.8.2.tar.gz', 'python_dateutil'), {
      kind: 'sdist',
      version: '2.8.2',
    });
    assert.deepEqual(parseDistFilename('Demo-Pkg-1.0rc1.zip', 'demo-pkg'), {
      kind: 'sdist',
      version: '1.0rc1',
    });
  });

  it('reads eggs as other and refuses unknown files', () => {
    assert.deepEqual(parseDistFilename('demo-1.0-py2.7.egg', 'demo'), { kind: 'other', version: '1.0' });
    assert.equal(parseDistFilename('demo-1.0.txt', 'demo'), undefined);
    assert.equal(parseDistFilename('demo-.tar.gz', 'demo'), undefined);
  });
});
