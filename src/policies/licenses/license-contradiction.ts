import { definePolicy } from '../../catalog/define.ts';
import { licenseIssue } from '../lib/license-evidence.ts';

export const licenseContradiction = definePolicy({
  id: 'license-contradiction',
  category: 'licenses',
  riskLabel: 'Causes risk: wrong license obligations',
  title: 'Ships a license file that contradicts the declared license.',
  description:
    'Raised when none of the recognised license files of the package is a license its metadata declares ' +
    '(license-file-contradicts-declaration).',
  problem: 'The shipped text usually prevails, so the obligations may not be the ones the metadata promises.',
  nextSteps: ['Read the license file, and ask the author which license applies.'],
  severity: 'medium',
  references: {},
  uses: ['license-file-contradicts-declaration'],
  evaluate: (context) =>
    licenseIssue(context, 'license-file-contradicts-declaration', (snippets) => ({
      severity: 'medium',
      detail: `The license file reads as ${[...new Set(snippets)].join(', ')}, which the metadata does not declare.`,
    })),
});
