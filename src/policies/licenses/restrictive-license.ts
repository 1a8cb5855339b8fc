import { definePolicy } from '../../catalog/define.ts';
import { readLicense } from '../../catalog/lib/spdx.ts';
import { licenseIssue } from '../lib/license-evidence.ts';

export const restrictiveLicense = definePolicy({
  id: 'restrictive-license',
  category: 'licenses',
  riskLabel: 'Causes risk: use not permitted by the license',
  title: 'Is distributed under a license that withholds rights users usually need.',
  description:
    'Raised when the package declares a license that restricts commercial use, distribution or modification ' +
    '(medium), or use in production and as a service, or that grants no patent rights (high: a separate ' +
    'agreement is needed before such use) (declares-restrictive-license).',
  problem:
    'Using the package outside what the license allows is copyright or patent infringement, whatever the ' +
    'registry made possible.',
  nextSteps: ['Read the license terms and obtain the rights you need, or replace the package.'],
  severity: 'high',
  references: { reversinglabs: ['SQ12404', 'SQ12405', 'SQ12406', 'SQ12407', 'SQ12408'] },
  uses: ['declares-restrictive-license'],
  evaluate: (context) =>
    licenseIssue(context, 'declares-restrictive-license', (snippets) => {
      const restrictions = [...new Set(snippets.flatMap((snippet) => readLicense(snippet).restrictions))];
      const blocking = restrictions.some((kind) => kind === 'production-use' || kind === 'patent-grant');
      return {
        severity: blocking ? 'high' : 'medium',
        detail: `Declared ${snippets.join('; ')}: restricts ${restrictions.join(', ')}.`,
      };
    }),
});
