import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as pep440 from '@renovatebot/pep440';
import { pep440Scheme, semverScheme } from './versions.ts';

// Every suffix kind PEP 440 orders, with spellings that normalize to the same thing.
const VERSIONS = [
  '0',
  '0.0',
  '1',
  '1.0',
  '1.0.0',
  '1.0.0.0',
  '1.0.1',
  '1.1',
  '1.10',
  '1.2',
  '2!0.1',
  '1!1.0',
  'v1.0',
  '1.0.dev0',
  '1.0.dev1',
  '1.0a0',
  '1.0a1',
  '1.0a1.dev1',
  '1.0.alpha.2',
  '1.0b1',
  '1.0beta2',
  '1.0c1',
  '1.0rc1',
  '1.0rc1.post1',
  '1.0pre2',
  '1.0.post0',
  '1.0-1',
  '1.0.post1',
  '1.0.post1.dev2',
  '1.0r3',
  '1.0+abc',
  '1.0+1',
  '1.0+abc.2',
  '1.0+abc.10',
  '1.0+ABC',
  '1.0+1e5',
  '1.0+0',
  '1.0+a-b_c',
  '1.0.0+x',
  '1.0a1+local',
  '1.0.post1+local',
  '01.02',
  '1.0.0.dev0',
  '1.0rc',
  '1.0.post',
  '1.0.dev',
];

describe('PEP 440 ordering', () => {
  it('orders every pair exactly as the reference implementation does', () => {
    const disagreements: string[] = [];
    for (const a of VERSIONS) {
      for (const b of VERSIONS) {
        const expected = Math.sign(pep440.compare(a, b));
        if (pep440Scheme.compare(a, b) !== expected) disagreements.push(`${a} vs ${b}: expected ${expected}`);
      }
    }
    assert.deepEqual(disagreements, []);
  });

  it('gives plain releases the same canonical key as the full grammar', () => {
    assert.equal(pep440Scheme.key('1.0.0')?.full, '0!1');
    assert.equal(pep440Scheme.key('0.0')?.full, '0!0');
    assert.equal(pep440Scheme.key('2.31.0')?.full, '0!2.31');
    assert.equal(pep440Scheme.key('1.0rc1')?.full, '0!1rc1');
    assert.equal(pep440Scheme.key('not a version'), null);
    assert.equal(pep440Scheme.isPrerelease('1.0.dev1'), true);
    assert.equal(pep440Scheme.isPrerelease('1.0.post1'), false);
  });
});

describe('SemVer ordering', () => {
  it('compares parsed versions like semver.compare, loose forms included', () => {
    const sorted = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-beta', '1.0.0', 'v1.0.1', '1.10.0'];
    for (let i = 0; i + 1 < sorted.length; i++) {
      assert.equal(semverScheme.compare(sorted[i] as string, sorted[i + 1] as string), -1);
      assert.equal(semverScheme.compare(sorted[i + 1] as string, sorted[i] as string), 1);
    }
    assert.equal(semverScheme.compare('v1.0.1', '1.0.1'), 0);
  });
});
