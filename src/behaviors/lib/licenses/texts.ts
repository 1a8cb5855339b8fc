/**
 * License files recognised by their wording, and the license classifiers of Python metadata, as SPDX ids. Only
 * sentences each license is known for are used, so a README that mentions a license is not mistaken for one.
 */
const TEXTS: readonly [RegExp, string][] = [
  [/GNU AFFERO GENERAL PUBLIC LICENSE\s+Version 3/i, 'AGPL-3.0-only'],
  [/GNU LESSER GENERAL PUBLIC LICENSE\s+Version 3/i, 'LGPL-3.0-only'],
  [/GNU LESSER GENERAL PUBLIC LICENSE\s+Version 2\.1/i, 'LGPL-2.1-only'],
  [/GNU (?:LIBRARY|LESSER) GENERAL PUBLIC LICENSE\s+Version 2,/i, 'LGPL-2.0-only'],
  [/GNU GENERAL PUBLIC LICENSE\s+Version 3/i, 'GPL-3.0-only'],
  [/GNU GENERAL PUBLIC LICENSE\s+Version 2/i, 'GPL-2.0-only'],
  [/Mozilla Public License,? (?:Version|v\.?) ?2\.0/i, 'MPL-2.0'],
  [/Eclipse Public License - v 2\.0/i, 'EPL-2.0'],
  [/Server Side Public License/i, 'SSPL-1.0'],
  [/Business Source License 1\.1/i, 'BUSL-1.1'],
  [/Elastic License 2\.0/i, 'Elastic-2.0'],
  [/PolyForm Noncommercial License/i, 'PolyForm-Noncommercial-1.0.0'],
  [/Apache License,?\s+Version 2\.0/i, 'Apache-2.0'],
  [/Permission is hereby granted, free of charge, to any person obtaining a copy/i, 'MIT'],
  [
    /Permission to use, copy, modify, and(?:\/or)? distribute this software for any\s+purpose with or without fee/i,
    'ISC',
  ],
  [/This is free and unencumbered software released into the public domain/i, 'Unlicense'],
  [/Redistribution and use in source and binary forms[\s\S]{0,900}Neither the name/i, 'BSD-3-Clause'],
  [/Redistribution and use in source and binary forms/i, 'BSD-2-Clause'],
  [/PYTHON SOFTWARE FOUNDATION LICENSE VERSION 2/i, 'PSF-2.0'],
];

/** Every license whose wording the text contains (a file may hold two, as dual-licensed projects ship them). */
export function recognizeLicenseTexts(text: string): string[] {
  const head = text.slice(0, 20000);
  const ids: string[] = [];
  for (const [pattern, id] of TEXTS) {
    if (!pattern.test(head)) continue;
    // BSD-2-Clause is BSD-3-Clause without its third clause: one match is enough.
    if (id === 'BSD-2-Clause' && ids.includes('BSD-3-Clause')) continue;
    // 0BSD shares ISC's grant but drops the condition to keep the notice.
    if (id === 'ISC' && !/provided that the above\s+copyright notice/i.test(head)) ids.push('0BSD');
    else ids.push(id);
  }
  return ids;
}

export function recognizeLicenseText(text: string): string | null {
  return recognizeLicenseTexts(text)[0] ?? null;
}

/** Whether a recognised file agrees with a declared id: the same license, whatever version suffix. */
export function sameLicense(declared: string, recognised: string): boolean {
  const base = (id: string) =>
    id
      .replace(/-(only|or-later)$/, '')
      .replace(/\+$/, '')
      .replace(/^(BSD)-\d-Clause.*$/, '$1');
  return base(declared) === base(recognised);
}

const CLASSIFIERS: readonly [RegExp, string][] = [
  [/GNU Affero General Public License v3 or later/, 'AGPL-3.0-or-later'],
  [/GNU Affero General Public License v3/, 'AGPL-3.0-only'],
  [/GNU Lesser General Public License v3 or later/, 'LGPL-3.0-or-later'],
  [/GNU Lesser General Public License v3/, 'LGPL-3.0-only'],
  [/GNU Lesser General Public License v2 or later/, 'LGPL-2.1-or-later'],
  [/GNU Lesser General Public License v2/, 'LGPL-2.1-only'],
  [/GNU Library or Lesser General Public License/, 'LGPL-2.0-or-later'],
  [/GNU General Public License v3 or later/, 'GPL-3.0-or-later'],
  [/GNU General Public License v3/, 'GPL-3.0-only'],
  [/GNU General Public License v2 or later/, 'GPL-2.0-or-later'],
  [/GNU General Public License v2/, 'GPL-2.0-only'],
  [/GNU General Public License \(GPL\)/, 'GPL-2.0-or-later'],
  [/Mozilla Public License 2\.0/, 'MPL-2.0'],
  [/Eclipse Public License 2\.0/, 'EPL-2.0'],
  [/Apache Software License/, 'Apache-2.0'],
  [/MIT License/, 'MIT'],
  [/MIT No Attribution/, 'MIT-0'],
  [/ISC License/, 'ISC'],
  [/BSD License/, 'BSD-3-Clause'],
  [/Python Software Foundation License/, 'PSF-2.0'],
  [/The Unlicense/, 'Unlicense'],
  [/CC0 1\.0/, 'CC0-1.0'],
  [/Zope Public License/, 'ZPL-2.1'],
];

/** 'License :: OSI Approved :: MIT License' -> 'MIT'; null for classifiers with no single SPDX id. */
export function classifierLicense(classifier: string): string | null {
  if (!classifier.startsWith('License ::')) return null;
  for (const [pattern, id] of CLASSIFIERS) if (pattern.test(classifier)) return id;
  return null;
}
