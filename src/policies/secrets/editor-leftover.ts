import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { secretIssue } from '../lib/secret-evidence.ts';

export const editorLeftover = definePolicy({
  id: 'editor-leftover',
  category: 'secrets',
  riskLabel: 'Causes risk: careless release process',
  title: 'Publishes editor, operating system or local run leftovers.',
  description:
    'Raised when the package ships swap files, .DS_Store, workspace settings, merge leftovers or local logs (ships-editor-leftover). For information.',
  problem:
    'Leftovers show that releases are not checked, and can hold local paths, user names or unsaved edits.',
  nextSteps: ['Exclude these files from the build.'],
  severity: 'low',
  references: {},
  uses: ['ships-editor-leftover'],
  signals: [filePlacement],
  evaluate: (context) =>
    secretIssue(
      context,
      'ships-editor-leftover',
      { shipped: 'low', auxiliary: 'low' },
      'editor or local run leftover(s)',
    ),
});
