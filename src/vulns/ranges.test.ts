import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AffectedData, OsvEvent } from './osv.ts';
import { isVersionAffected, specifierIntervals, specifierMayBeAffected } from './ranges.ts';

const eco = (events: OsvEvent[], type = 'ECOSYSTEM'): AffectedData => ({
  ranges: [{ type, events }],
  versions: [],
});

function affected(data: AffectedData, ecosystem: string, versions: string[]): string[] {
  return versions.filter((v) => isVersionAffected(data, ecosystem, v));
}

describe('OSV range evaluation', () => {
  it('introduced / fixed: the fixed version and later are safe', () => {
    const data = eco([{ introduced: '1.0' }, { fixed: '1.5' }]);
    assert.deepEqual(affected(data, 'PyPI', ['0.9', '1.0', '1.4.9', '1.5', '1.5.0', '2.0']), [
      '1.0',
      '1.4.9',
    ]);
  });

  it('introduced "0" covers everything before the fix', () => {
    const data = eco([{ introduced: '0' }, { fixed: '2.0' }]);
    assert.deepEqual(affected(data, 'PyPI', ['0.0.1', '1.9', '2.0']), ['0.0.1', '1.9']);
  });

  it('two introduced/fixed pairs in one range leave the gap between them safe', () => {
    const data = eco([{ introduced: '1.0' }, { fixed: '1.2' }, { introduced: '2.0' }, { fixed: '2.3' }]);
    assert.deepEqual(affected(data, 'PyPI', ['0.5', '1.1', '1.2', '1.9', '2.0', '2.2.9', '2.3']), [
      '1.1',
      '2.0',
      '2.2.9',
    ]);
  });

  it('events are sorted before evaluation, whatever their order in the record', () => {
    const data = eco([{ fixed: '2.3' }, { introduced: '2.0' }, { fixed: '1.2' }, { introduced: '1.0' }]);
    assert.deepEqual(affected(data, 'PyPI', ['1.1', '1.5', '2.1', '2.4']), ['1.1', '2.1']);
  });

  it('last_affected includes that version and nothing after it', () => {
    const data = eco([{ introduced: '3.0' }, { last_affected: '3.2' }]);
    assert.deepEqual(affected(data, 'PyPI', ['2.9', '3.0', '3.2', '3.2.1', '3.3']), ['3.0', '3.2']);
  });

  it('limit caps an open range', () => {
    const data = eco([{ introduced: '0' }, { limit: '0.5' }]);
    assert.deepEqual(affected(data, 'PyPI', ['0.1', '0.4.9', '0.5', '0.6']), ['0.1', '0.4.9']);
    const starLimit = eco([{ introduced: '0' }, { limit: '*' }]);
    assert.deepEqual(affected(starLimit, 'PyPI', ['0.1', '99']), ['0.1', '99']);
  });

  it('a GIT range counts only through the versions list', () => {
    const data: AffectedData = {
      ranges: [
        {
          type: 'GIT',
          repo: 'https://example.test/r.git',
          events: [{ introduced: '0' }, { fixed: 'abc123' }],
        },
      ],
      versions: ['1.0', '1.1'],
    };
    assert.deepEqual(affected(data, 'PyPI', ['0.9', '1.0', '1.0.0', '1.1', '1.2']), ['1.0', '1.0.0', '1.1']);
  });

  it('PEP 440: pre-releases and dev releases sort before the final release', () => {
    const data = eco([{ introduced: '0' }, { fixed: '2.0' }]);
    assert.deepEqual(affected(data, 'PyPI', ['2.0rc1', '2.0.dev1', '2.0a1', '2.0', '2.0.post1']), [
      '2.0rc1',
      '2.0.dev1',
      '2.0a1',
    ]);
    const fixedInRc = eco([{ introduced: '0' }, { fixed: '2.0rc2' }]);
    assert.deepEqual(affected(fixedInRc, 'PyPI', ['2.0rc1', '2.0rc2', '2.0']), ['2.0rc1']);
  });

  it('PEP 440: epochs outrank every release number', () => {
    const data = eco([{ introduced: '1!0' }, { fixed: '1!2.0' }]);
    assert.deepEqual(affected(data, 'PyPI', ['3.0', '99.0', '1!0.5', '1!1.9', '1!2.0']), ['1!0.5', '1!1.9']);
    const epochZero = eco([{ introduced: '0' }, { fixed: '2.0' }]);
    assert.deepEqual(affected(epochZero, 'PyPI', ['1!0.5', '1.0']), ['1.0']);
  });

  it('PEP 440: post releases sort after their release', () => {
    const data = eco([{ introduced: '0' }, { fixed: '1.0.post1' }]);
    assert.deepEqual(affected(data, 'PyPI', ['1.0', '1.0.post0', '1.0.post1', '1.0.post2', '1.0-1']), [
      '1.0',
      '1.0.post0',
    ]);
  });

  it('PEP 440: local versions sort after their public version; a listed public version covers them', () => {
    const data = eco([{ introduced: '0' }, { fixed: '1.0' }]);
    assert.deepEqual(affected(data, 'PyPI', ['0.9+cpu', '1.0+cpu', '1.0']), ['0.9+cpu']);
    const listed: AffectedData = { ranges: [], versions: ['1.0', '2.0+special'] };
    assert.deepEqual(affected(listed, 'PyPI', ['1.0+ubuntu1', '1.0', '2.0', '2.0+special', '2.0+other']), [
      '1.0+ubuntu1',
      '1.0',
      '2.0+special',
    ]);
  });

  it('PEP 440: versions are normalized before comparison (case, separators, zero padding)', () => {
    const listed: AffectedData = { ranges: [], versions: ['1.0RC1', '0.12.01'] };
    assert.deepEqual(affected(listed, 'PyPI', ['1.0rc1', '1.0.0-rc.1', '0.12.1', '0.12']), [
      '1.0rc1',
      '1.0.0-rc.1',
      '0.12.1',
    ]);
  });

  it('npm: SemVer precedence puts pre-releases before their release', () => {
    const data = eco([{ introduced: '0' }, { fixed: '1.2.0' }]);
    assert.deepEqual(affected(data, 'npm', ['1.1.9', '1.2.0-beta.1', '1.2.0', '1.2.1-alpha']), [
      '1.1.9',
      '1.2.0-beta.1',
    ]);
  });

  it('SEMVER ranges with a pre-release introduced version', () => {
    const data = eco([{ introduced: '2.0.0-alpha.1' }, { fixed: '2.0.1' }], 'SEMVER');
    assert.deepEqual(affected(data, 'npm', ['2.0.0-alpha.0', '2.0.0-alpha.1', '2.0.0', '2.0.1']), [
      '2.0.0-alpha.1',
      '2.0.0',
    ]);
  });

  it('a range with an unreadable version is not evaluated (no guessing)', () => {
    const data = eco([{ introduced: '0' }, { fixed: 'not a version!' }]);
    assert.deepEqual(affected(data, 'PyPI', ['1.0']), []);
  });

  it('an unreadable component version matches only a literal list entry', () => {
    const data: AffectedData = {
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
      versions: ['weird!'],
    };
    assert.deepEqual(affected(data, 'PyPI', ['weird!', 'other!']), ['weird!']);
  });
});

describe('specifier matching', () => {
  const fixedAt220 = eco([{ introduced: '0' }, { fixed: '2.20.0' }]);
  const may = (data: AffectedData, ecosystem: string, spec: string) => {
    const intervals = specifierIntervals(ecosystem, spec);
    assert.ok(intervals, `specifier ${spec} should parse`);
    return specifierMayBeAffected(data, ecosystem, intervals);
  };

  it('PEP 440 specifiers', () => {
    assert.equal(may(fixedAt220, 'PyPI', '>=2.0,<2.20'), true);
    assert.equal(may(fixedAt220, 'PyPI', '>=2.20'), false);
    assert.equal(may(fixedAt220, 'PyPI', '>2.19.9'), true);
    assert.equal(may(fixedAt220, 'PyPI', '~=2.19.0'), true);
    assert.equal(may(fixedAt220, 'PyPI', '~=2.20.0'), false);
    assert.equal(may(fixedAt220, 'PyPI', '==2.*'), true);
    assert.equal(may(fixedAt220, 'PyPI', '==3.*'), false);
    assert.equal(may(fixedAt220, 'PyPI', '==2.20.0'), false);
    assert.equal(may(fixedAt220, 'PyPI', ''), true);
  });

  it('the upper bound of last_affected is inclusive, of fixed exclusive', () => {
    const last = eco([{ introduced: '1.0' }, { last_affected: '1.4' }]);
    assert.equal(may(last, 'PyPI', '>=1.4'), true);
    assert.equal(may(last, 'PyPI', '>1.4'), false);
    const fixed = eco([{ introduced: '1.0' }, { fixed: '1.4' }]);
    assert.equal(may(fixed, 'PyPI', '>=1.4'), false);
  });

  it('npm ranges, including unions', () => {
    const data = eco([{ introduced: '1.5.0' }, { fixed: '1.6.0' }]);
    assert.equal(may(data, 'npm', '^1.2.0'), true);
    assert.equal(may(data, 'npm', '^2.0.0'), false);
    assert.equal(may(data, 'npm', '~1.4.0 || >=3'), false);
    assert.equal(may(data, 'npm', '~1.4.0 || 1.5.x'), true);
  });

  it('versions lists are checked against the specifier', () => {
    const listed: AffectedData = { ranges: [], versions: ['1.0', '1.1'] };
    assert.equal(may(listed, 'PyPI', '>=1.1,<2'), true);
    assert.equal(may(listed, 'PyPI', '>=1.2'), false);
  });

  it('unreadable specifiers are refused rather than guessed', () => {
    assert.equal(specifierIntervals('PyPI', '>>1.0'), null);
    assert.equal(specifierIntervals('npm', 'not a range at all ~~'), null);
  });
});
