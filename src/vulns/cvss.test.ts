import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cvss3BaseScore, labelForScore, labelFromText } from './cvss.ts';

describe('CVSS 3.x base score', () => {
  // Expected scores are those NVD and the FIRST calculator publish for these vectors.
  const cases: [string, number][] = [
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 7.5],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:N/A:N', 6.8],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:U/C:L/I:N/A:N', 2.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10],
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', 9.9],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N', 0],
  ];
  for (const [vector, score] of cases) {
    it(`${vector} scores ${score}`, () => assert.equal(cvss3BaseScore(vector), score));
  }

  it('ignores temporal metrics after the base ones', () => {
    assert.equal(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O'), 9.8);
  });

  it('refuses vectors it cannot score', () => {
    assert.equal(cvss3BaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N'), null);
    assert.equal(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H'), null);
    assert.equal(cvss3BaseScore('CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), null);
    assert.equal(cvss3BaseScore('CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), null);
    assert.equal(cvss3BaseScore('AV:N/AC:L/Au:N/C:P/I:P/A:P'), null);
    assert.equal(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:__proto__/UI:N/S:U/C:H/I:H/A:H'), null);
  });

  it('maps scores and advisory labels onto the qualitative scale', () => {
    assert.deepEqual([0, 0.1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map(labelForScore), [
      'none',
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
      'critical',
    ]);
    assert.equal(labelFromText('MODERATE'), 'medium');
    assert.equal(labelFromText('CRITICAL'), 'critical');
    assert.equal(labelFromText('whatever'), null);
    assert.equal(labelFromText(7), null);
  });
});
