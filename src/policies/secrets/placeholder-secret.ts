import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { secretIssue } from '../lib/secret-evidence.ts';

export const placeholderSecret = definePolicy({
  id: 'placeholder-secret',
  category: 'secrets',
  riskLabel: 'Causes risk: none by itself',
  title: 'Contains placeholder or example credentials.',
  description:
    'Raised when the package contains values shaped like credentials that are placeholders or documentation examples (contains-placeholder-secret). For information: nothing is exposed.',
  problem:
    'Nothing is exposed by a placeholder; it marks where a real secret would go, and real ones sometimes sit next to it.',
  nextSteps: ['Check that no real value sits next to the placeholder.'],
  severity: 'low',
  references: { reversinglabs: ['SQ34251', 'SQ34301'] },
  uses: ['contains-placeholder-secret'],
  signals: [filePlacement],
  evaluate: (context) =>
    secretIssue(
      context,
      'contains-placeholder-secret',
      { shipped: 'low', auxiliary: 'low' },
      'placeholder or example credential(s)',
    ),
});
