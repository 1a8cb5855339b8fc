import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePurl } from './purl.ts';
import { parseTarget } from './target.ts';

function usageError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.equal((e as { code?: string }).code, 'E_USAGE');
    assert.match((e as Error).message, pattern);
    return true;
  });
}

describe('parsePurl', () => {
  it('splits type, namespace, name, version, qualifiers and subpath, percent-decoding each', () => {
    const p = parsePurl(
      'pkg:npm/%40angular/core@16.0.0%2Bbuild?repository_url=https%3A%2F%2Fr.example&Arch=x#lib/./../index.js',
    );
    assert.deepEqual(p, {
      type: 'npm',
      namespace: '@angular',
      name: 'core',
      version: '16.0.0+build',
      qualifiers: { repository_url: 'https://r.example', arch: 'x' },
      subpath: 'lib/index.js',
    });
  });

  it('accepts pkg:// and an unencoded npm scope', () => {
    assert.deepEqual(parsePurl('pkg://npm/@babel/core@7.0.0'), {
      type: 'npm',
      namespace: '@babel',
      name: 'core',
      version: '7.0.0',
      qualifiers: {},
    });
    assert.equal(parsePurl('pkg:npm/@babel/core').version, undefined);
  });

  it('rejects bad scheme, bad escapes and missing names', () => {
    usageError(() => parsePurl('npm/foo'), /must start with "pkg:"/);
    usageError(() => parsePurl('pkg:pypi/foo%zz'), /percent-encoding/);
    usageError(() => parsePurl('pkg:pypi'), /no type\/name/);
    usageError(() => parsePurl('pkg:pypi/x?=1'), /key=value/);
  });
});

describe('parseTarget', () => {
  it('reads pypi:NAME and pypi:NAME==VERSION', () => {
    assert.deepEqual(parseTarget('pypi:requests'), {
      kind: 'registry',
      ecosystem: 'pypi',
      name: 'requests',
      qualifiers: {},
      input: 'pypi:requests',
    });
    const t = parseTarget('pypi:Django==4.2.1');
    assert.equal(t.kind === 'registry' && t.version, '4.2.1');
    const r = parseTarget('pypi:django>=4,<5');
    assert.equal(r.kind === 'registry' && r.version, '>=4,<5');
  });

  it('reads npm names, scoped names and ranges', () => {
    const a = parseTarget('npm:express@4.18.2');
    assert.ok(a.kind === 'registry');
    assert.deepEqual([a.ecosystem, a.name, a.version], ['npm', 'express', '4.18.2']);
    const b = parseTarget('npm:@scope/name@1.2.3');
    assert.ok(b.kind === 'registry');
    assert.deepEqual([b.name, b.version], ['@scope/name', '1.2.3']);
    const c = parseTarget('npm:@scope/name');
    assert.ok(c.kind === 'registry');
    assert.deepEqual([c.name, c.version], ['@scope/name', undefined]);
    const d = parseTarget('npm:lodash@^4.17');
    assert.ok(d.kind === 'registry' && d.version === '^4.17');
  });

  it('reads purls for pypi (normalized name) and npm (encoded scope)', () => {
    const p = parseTarget('pkg:pypi/Django_Rest@3.0?file_name=x.whl');
    assert.ok(p.kind === 'registry');
    assert.deepEqual(
      [p.ecosystem, p.name, p.version, p.qualifiers['file_name']],
      ['pypi', 'django-rest', '3.0', 'x.whl'],
    );
    const n = parseTarget('pkg:npm/%40scope/name@1.2.3');
    assert.ok(n.kind === 'registry');
    assert.deepEqual([n.ecosystem, n.name, n.version], ['npm', '@scope/name', '1.2.3']);
  });

  it('treats anything else as a local path', () => {
    assert.deepEqual(parseTarget('./dist/pkg-1.0.tar.gz'), {
      kind: 'path',
      path: './dist/pkg-1.0.tar.gz',
      input: './dist/pkg-1.0.tar.gz',
    });
  });

  it('rejects bad input with E_USAGE and a clear message', () => {
    usageError(() => parseTarget(''), /Nothing to scan/);
    usageError(() => parseTarget('pypi:bad name'), /use == before the version|not a valid PyPI/);
    usageError(() => parseTarget('pypi:-bad'), /Expected pypi:NAME|not a valid PyPI/);
    usageError(() => parseTarget('npm:../etc/passwd'), /not a valid npm package name/);
    usageError(() => parseTarget('npm:a/b/c'), /not a valid npm package name/);
    usageError(() => parseTarget('npm:x@'), /version .* empty/);
    usageError(() => parseTarget('pkg:gem/rails@7'), /not supported/);
    usageError(() => parseTarget('pkg:pypi/ns/name'), /no namespace/);
    usageError(() => parseTarget('pkg:npm/scope/name'), /one @scope/);
    usageError(() => parseTarget('pypi:x==1\u0000'), /not valid/);
  });
});
