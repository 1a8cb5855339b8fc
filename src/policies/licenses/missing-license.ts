import { definePolicy } from '../../catalog/define.ts';
import { licenseIssue } from '../lib/license-evidence.ts';

export const missingLicense = definePolicy({
  id: 'missing-license',
  category: 'licenses',
  riskLabel: 'Causes risk: no permission to use the code',
  title: 'Declares no license at all.',
  description: 'Raised when the package names no license and ships no license file (declares-no-license).',
  problem: 'Without a license nobody but the author may copy, change or distribute the code.',
  nextSteps: ['Ask the author to publish a license, or do not depend on the package.'],
  severity: 'medium',
  references: {},
  uses: ['declares-no-license'],
  evaluate: (context) =>
    licenseIssue(context, 'declares-no-license', () => ({
      severity: 'medium',
      detail: 'No license field, license classifier or license file.',
    })),
});
