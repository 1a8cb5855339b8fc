import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findImpersonation, glyphSkeleton, osaDistance } from './typosquat.ts';

describe('typosquat detection', () => {
  it('computes optimal string alignment distance', () => {
    assert.equal(osaDistance('lodash', 'lodahs'), 1);
    assert.equal(osaDistance('express', 'expres'), 1);
    assert.equal(osaDistance('abc', 'xyz', 1), 2, 'stops early above the bound');
    assert.equal(glyphSkeleton('djang0'), 'django');
    assert.equal(glyphSkeleton('rnatplotlib'), 'matplotlib');
  });

  const positives: [ecosystem: 'pypi' | 'npm', name: string, target: string, technique: string][] = [
    ['pypi', 'reqeusts', 'requests', 'known-pair'],
    ['pypi', 'requestss', 'requests', 'known-pair'],
    ['pypi', 'dateutil', 'python-dateutil', 'affix'],
    ['pypi', 'colourama', 'colorama', 'addition'],
    ['pypi', 'djang0', 'django', 'homoglyph'],
    ['pypi', 'python-requests', 'requests', 'affix'],
    ['pypi', 'boto4', 'boto3', 'substitution'],
    ['pypi', 'Charset.Normalizr', 'charset-normalizer', 'omission'],
    ['npm', 'expres', 'express', 'omission'],
    ['npm', 'expresss', 'express', 'repetition'],
    ['npm', 'lodahs', 'lodash', 'transposition'],
    ['npm', '@typescript_eslinter/eslint', '@typescript-eslint/eslint-plugin', 'scope-confusion'],
    ['npm', 'types-react', '@types/react', 'scope-confusion'],
    ['npm', 'crossenv', 'cross-env', 'known-pair'],
    ['npm', 'cross_env', 'cross-env', 'separator'],
  ];
  for (const [ecosystem, name, target, technique] of positives) {
    it(`flags ${ecosystem} ${name} as imitating ${target} (${technique})`, () => {
      const hit = findImpersonation(ecosystem, name);
      assert.equal(hit?.target, target);
      assert.equal(hit?.technique, technique);
      assert.ok((hit?.targetRank ?? 0) > 0);
    });
  }

  const negatives: [ecosystem: 'pypi' | 'npm', name: string][] = [
    ['pypi', 'requests'],
    ['pypi', 'urllib3'],
    ['pypi', 'Typing_Extensions'],
    ['npm', 'request'],
    ['npm', 'react-dom'],
    ['npm', '@types/react'],
    ['npm', 'chalk'],
    ['pypi', 'my-internal-service-client'],
    ['npm', 'abc'],
  ];
  for (const [ecosystem, name] of negatives) {
    it(`does not flag ${ecosystem} ${name}`, () => {
      assert.equal(findImpersonation(ecosystem, name), null);
    });
  }

  it('checks 1,000 names quickly once the index is built', () => {
    findImpersonation('pypi', 'warm-up');
    findImpersonation('npm', 'warm-up');
    const names = Array.from({ length: 500 }, (_, i) => `some-internal-lib-${i}`);
    const start = performance.now();
    for (const n of names) {
      findImpersonation('pypi', n);
      findImpersonation('npm', n);
    }
    const ms = performance.now() - start;
    assert.ok(ms < 1000, `1,000 checks took ${ms.toFixed(0)} ms`);
  });
});
