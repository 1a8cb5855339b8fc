import { definePolicy } from '../../catalog/define.ts';
import { licenseIssue } from '../lib/license-evidence.ts';

export const unknownLicense = definePolicy({
  id: 'unknown-license',
  category: 'licenses',
  riskLabel: 'Causes risk: license terms not checked',
  title: 'Declares a license that is not a known SPDX license.',
  description:
    'Raised when the declared license is not an SPDX expression, even after spdx-correct, and no license file of ' +
    'the package is recognised (declares-unknown-license).',
  problem: 'The terms cannot be checked automatically and may forbid your use.',
  nextSteps: ['Read the license text and record a decision for it.'],
  severity: 'low',
  references: {},
  uses: ['declares-unknown-license'],
  evaluate: (context) =>
    licenseIssue(context, 'declares-unknown-license', (snippets) => ({
      severity: 'low',
      detail: `Declared ${snippets.join('; ').slice(0, 160)}, which SPDX does not list.`,
    })),
});
