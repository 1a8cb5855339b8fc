import { defineBehavior } from '../../catalog/define.ts';
import { licenseFacts } from '../lib/licenses/facts.ts';
import { declaredOccurrence } from '../lib/licenses/occurrences.ts';

export const declaresCopyleftLicense = defineBehavior({
  id: 'declares-copyleft-license',
  category: 'licenses',
  ecosystems: ['pypi', 'npm'],
  title: 'Declares a copyleft license.',
  description:
    'Reads the declared license (npm "license", Python License-Expression or License, else the license ' +
    'classifiers) as an SPDX expression with spdx-expression-parse, after spdx-correct has mended common spellings, ' +
    'and reports strong copyleft (GPL, AGPL, SSPL, EUPL, OSL, CC-BY-SA …) and weak copyleft (LGPL, MPL, EPL, CDDL …). ' +
    'An OR expression counts only when every alternative is copyleft.',
  problem:
    'Copyleft licenses ask that software built with the package be shared under the same terms when it is ' +
    'distributed (or, for AGPL and SSPL, offered over a network). Weak copyleft limits that to the component itself.',
  nextSteps: ['Check the obligations against how your software is distributed or offered.'],
  severity: 'info',
  references: {},
  detect: (context) =>
    licenseFacts(context.snapshot).declared.flatMap((declared) =>
      declared.reading.family === 'strong-copyleft' || declared.reading.family === 'weak-copyleft'
        ? [
            declaredOccurrence(
              declared,
              `${declared.reading.family.replace('-', ' ')} (${declared.reading.ids.join(', ')})`,
            ),
          ]
        : [],
    ),
});
