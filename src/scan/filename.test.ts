import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nameAndVersionFromFileName } from './filename.ts';

test('reads name and version from wheel, sdist, egg and npm file names', () => {
  assert.deepEqual(nameAndVersionFromFileName('/x/requests-2.31.0-py3-none-any.whl'), {
    name: 'requests',
    version: '2.31.0',
  });
  assert.deepEqual(nameAndVersionFromFileName('numpy-1.26.0-1-cp311-cp311-manylinux_2_17_x86_64.whl'), {
    name: 'numpy',
    version: '1.26.0',
  });
  assert.deepEqual(nameAndVersionFromFileName('python-dateutil-2.9.0.tar.gz'), {
    name: 'python-dateutil',
    version: '2.9.0',
  });
  assert.deepEqual(nameAndVersionFromFileName('six-1.16.0-py3.11.egg'), { name: 'six', version: '1.16.0' });
  assert.deepEqual(nameAndVersionFromFileName('is-number-7.0.0.tgz'), {
    name: 'is-number',
    version: '7.0.0',
  });
  assert.deepEqual(nameAndVersionFromFileName('README'), {});
});
