import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lookup, parseIni, section } from './ini.ts';

describe('parseIni (configparser semantics)', () => {
  const text = [
    '# leading comment',
    '[metadata]',
    'Name = demo',
    'summary: uses a colon',
    'url = https://example.org/#anchor ; not a comment',
    '',
    '[options]',
    'install_requires =',
    '    first>=1',
    '    ; a comment line inside the value',
    '',
    '    second',
    '',
    'zip_safe = False',
  ].join('\n');
  const document = parseIni(text);

  it('reads "=" and ":" separators and finds keys case-insensitively', () => {
    assert.equal(lookup(section(document, 'metadata'), 'name')?.value, 'demo');
    assert.equal(lookup(section(document, 'metadata'), 'name')?.key, 'Name');
    assert.equal(lookup(section(document, 'metadata'), 'summary')?.value, 'uses a colon');
  });

  it('has no inline comments, like configparser by default', () => {
    assert.equal(
      lookup(section(document, 'metadata'), 'url')?.value,
      'https://example.org/#anchor ; not a comment',
    );
  });

  it('joins continuation lines, drops comment lines, keeps inner blank lines and trims trailing ones', () => {
    const entry = lookup(section(document, 'options'), 'install_requires');
    assert.equal(entry?.value, '\nfirst>=1\n\nsecond');
    assert.deepEqual(
      entry?.lines.map((l) => l.line),
      [8, 9, 11, 12],
    );
    assert.equal(lookup(section(document, 'options'), 'zip_safe')?.value, 'False');
  });

  it('reports text outside a section and duplicate options without throwing', () => {
    const broken = parseIni('orphan = 1\n[a]\nx = 1\nx = 2\njust words\n');
    assert.equal(broken.errors.length, 3);
    assert.equal(lookup(section(broken, 'a'), 'x')?.value, '2');
  });

  it('numbers lines from the given first line', () => {
    const shifted = parseIni('[console_scripts]\nrun = pkg:main\n', 40);
    assert.equal(lookup(section(shifted, 'console_scripts'), 'run')?.line, 41);
  });
});
