import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readLicense } from '../../../catalog/lib/spdx.ts';
import { classifierLicense, recognizeLicenseText, sameLicense } from './texts.ts';

describe('declared licenses', () => {
  test('common spellings are corrected into SPDX before they are judged', () => {
    assert.equal(readLicense('Apache 2.0').expression, 'Apache-2.0');
    assert.equal(readLicense('GPLv3').family, 'strong-copyleft');
    assert.equal(readLicense('MIT').family, 'permissive');
  });

  test('OR lets the user pick the easier license; AND imposes both', () => {
    assert.equal(readLicense('MIT OR GPL-3.0-only').family, 'permissive');
    assert.equal(readLicense('MIT AND GPL-3.0-only').family, 'strong-copyleft');
    assert.equal(readLicense('LGPL-2.1-only OR GPL-2.0-only').family, 'weak-copyleft');
    assert.deepEqual(readLicense('BUSL-1.1 OR Apache-2.0').restrictions, []);
    assert.deepEqual(readLicense('MIT AND CC-BY-NC-4.0').restrictions, ['commercial-use']);
  });

  test('restrictions are named per license', () => {
    assert.deepEqual(readLicense('BUSL-1.1').restrictions, ['production-use']);
    assert.deepEqual(readLicense('CC-BY-ND-4.0').restrictions, ['modification']);
    assert.deepEqual(readLicense('BSD-3-Clause-Clear').restrictions, ['patent-grant']);
  });

  test('text that is not SPDX is unknown, and LicenseRef ids are flagged as outside the list', () => {
    assert.equal(readLicense('Proprietary Fixture Terms').expression, null);
    assert.deepEqual(readLicense('LicenseRef-Fixture').unknown, ['LicenseRef-Fixture']);
  });
});

describe('license files and classifiers', () => {
  test('license files are recognised by their wording', () => {
    assert.equal(
      recognizeLicenseText('Permission is hereby granted, free of charge, to any person obtaining a copy'),
      'MIT',
    );
    assert.equal(
      recognizeLicenseText('GNU GENERAL PUBLIC LICENSE\n   Version 3, 29 June 2007'),
      'GPL-3.0-only',
    );
    assert.equal(recognizeLicenseText('See the website for terms.'), null);
  });

  test('versions and clause counts of one family agree with each other', () => {
    assert.ok(sameLicense('GPL-3.0-or-later', 'GPL-3.0-only'));
    assert.ok(sameLicense('BSD-2-Clause', 'BSD-3-Clause'));
    assert.equal(sameLicense('MIT', 'GPL-3.0-only'), false);
  });

  test('license classifiers map to SPDX ids', () => {
    assert.equal(classifierLicense('License :: OSI Approved :: MIT License'), 'MIT');
    assert.equal(
      classifierLicense('License :: OSI Approved :: GNU General Public License v3 or later (GPLv3+)'),
      'GPL-3.0-or-later',
    );
    assert.equal(classifierLicense('Programming Language :: Python'), null);
  });
});

describe('license files with more than one license', () => {
  test('a dual-licensed file yields both ids, and 0BSD is told apart from ISC', async () => {
    const { recognizeLicenseTexts } = await import('./texts.ts');
    const grant =
      'Permission to use, copy, modify, and/or distribute this software for any\npurpose with or without fee is hereby granted';
    assert.deepEqual(recognizeLicenseTexts(`${grant}.`), ['0BSD']);
    assert.deepEqual(recognizeLicenseTexts(`${grant}, provided that the above\ncopyright notice appear.`), [
      'ISC',
    ]);
    assert.deepEqual(
      recognizeLicenseTexts(
        'Mozilla Public License Version 2.0\n...\nPermission is hereby granted, free of charge, to any person obtaining a copy',
      ),
      ['MPL-2.0', 'MIT'],
    );
  });
});
