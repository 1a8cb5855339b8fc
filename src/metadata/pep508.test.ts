import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalMarker, normalizePypiName, parseRequirement } from './pep508.ts';

describe('normalizePypiName', () => {
  it('folds case and runs of -, _ and . into one dash (PEP 503)', () => {
    assert.equal(normalizePypiName('Foo__Bar.-baz'), 'foo-bar-baz');
    assert.equal(normalizePypiName('zope.interface'), 'zope-interface');
    assert.equal(normalizePypiName('PyYAML'), 'pyyaml');
  });
});

describe('parseRequirement', () => {
  it('reads the legacy parenthesised specifier and extras', () => {
    const parsed = parseRequirement('coverage[toml,extra2] (>=5.3)');
    assert.equal(parsed?.name, 'coverage');
    assert.deepEqual(parsed?.extras, ['toml', 'extra2']);
    assert.equal(parsed?.specifier, '>=5.3');
    assert.equal(parsed?.marker, undefined);
  });

  it('keeps several clauses in written order', () => {
    assert.equal(parseRequirement('PySocks!=1.5.7,>=1.5.6')?.specifier, '!=1.5.7,>=1.5.6');
  });

  it('takes the group from an extra clause and keeps the marker text as written', () => {
    const parsed = parseRequirement(
      `cloudpickle ; (platform_python_implementation == "CPython") and extra == 'tests'`,
    );
    assert.equal(parsed?.extra, 'tests');
    assert.equal(parsed?.marker, `(platform_python_implementation == "CPython") and extra == 'tests'`);
    assert.equal(parsed?.markerKey, 'platform_python_implementation == "CPython"');
  });

  it('reads a direct URL reference with a marker after whitespace', () => {
    const parsed = parseRequirement(
      'evil @ https://evil.example/pkg.tar.gz#sha256=ab ; python_version < "3.12"',
    );
    assert.equal(parsed?.name, 'evil');
    assert.equal(parsed?.url, 'https://evil.example/pkg.tar.gz#sha256=ab');
    assert.equal(parsed?.marker, 'python_version < "3.12"');
    assert.equal(parsed?.specifier, '');
  });

  it('keeps a ";" that belongs to the URL', () => {
    const parsed = parseRequirement('x @ https://host.example/a;b.zip');
    assert.equal(parsed?.url, 'https://host.example/a;b.zip');
    assert.equal(parsed?.marker, undefined);
  });

  it('returns null for junk, blank lines, comments and pip options', () => {
    assert.equal(parseRequirement('this is ((( junk'), null);
    assert.equal(parseRequirement(''), null);
    assert.equal(parseRequirement('# comment'), null);
    assert.equal(parseRequirement('-r other.txt'), null);
    assert.equal(parseRequirement('pkg ; python_version <<< "3"'), null);
    assert.equal(parseRequirement('pkg ;'), null);
    assert.equal(parseRequirement(`a${'b'.repeat(9000)}`), null);
  });

  it('drops a trailing " #" comment', () => {
    assert.equal(parseRequirement('six>=1.10  # compat')?.specifier, '>=1.10');
  });
});

describe('canonicalMarker', () => {
  it('spells quotes one way so equivalent markers compare equal', () => {
    assert.equal(canonicalMarker(`python_version<'3'`), canonicalMarker('python_version < "3"'));
    assert.equal(canonicalMarker('python_version < "3"'), 'python_version < "3"');
  });

  it('returns null for an unreadable marker', () => {
    assert.equal(canonicalMarker('not a marker ((('), null);
  });
});
