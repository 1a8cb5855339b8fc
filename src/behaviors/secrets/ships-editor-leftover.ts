import { defineBehavior } from '../../catalog/define.ts';
import { locatedDetail } from '../lib/occurrence.ts';
import { editorLeftovers } from '../lib/secrets/leftovers.ts';

export const shipsEditorLeftover = defineBehavior({
  id: 'ships-editor-leftover',
  category: 'secrets',
  ecosystems: ['pypi', 'npm'],
  title: 'Ships editor, operating system or local run leftovers.',
  description:
    'Reports Vim swap files, .DS_Store files, JetBrains workspace settings, Emacs autosave files, .orig / .rej ' +
    'files of merges and patches, and logs or coverage data of local runs (npm-debug.log, .coverage, nohup.out).',
  problem:
    'Such files are published by accident. They can hold unsaved edits, local paths and user names, and they show ' +
    'that nothing checks what goes into a release.',
  nextSteps: ['Exclude these files from the build and check what else the release picked up by accident.'],
  severity: 'low',
  references: {},
  detect: (context) =>
    editorLeftovers(context.snapshot.files).map((leftover) => ({
      file: leftover.file,
      line: 1,
      snippet: leftover.file,
      detail: locatedDetail(leftover.file, leftover.note),
    })),
});
