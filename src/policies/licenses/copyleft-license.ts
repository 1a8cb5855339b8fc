import { definePolicy } from '../../catalog/define.ts';
import { readLicense } from '../../catalog/lib/spdx.ts';
import { licenseIssue } from '../lib/license-evidence.ts';

export const copyleftLicense = definePolicy({
  id: 'copyleft-license',
  category: 'licenses',
  riskLabel: 'Causes risk: license obligations on your software',
  title: 'Is distributed under a copyleft license.',
  description:
    'Raised when the package declares a copyleft license (declares-copyleft-license): medium for strong copyleft ' +
    '(GPL, AGPL, SSPL …), low for weak copyleft (LGPL, MPL, EPL …), whose obligations stay with the component.',
  problem:
    'Distributing software that includes the package may oblige you to publish your own source under the same ' +
    'license; AGPL extends that to software offered over a network.',
  nextSteps: [
    'Check with whoever decides licensing for your project whether these terms are acceptable.',
    'Look for an alternative under a permissive license if they are not.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['SQ12101'] },
  uses: ['declares-copyleft-license'],
  evaluate: (context) =>
    licenseIssue(context, 'declares-copyleft-license', (snippets) => {
      const strong = snippets.some((snippet) => readLicense(snippet).family === 'strong-copyleft');
      return {
        severity: strong ? 'medium' : 'low',
        detail: `Declared ${snippets.join('; ')}: ${strong ? 'strong' : 'weak'} copyleft.`,
      };
    }),
});
