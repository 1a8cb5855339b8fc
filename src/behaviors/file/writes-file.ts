import type { CallFact } from '../../analysis/types.ts';
import { defineBehavior } from '../../catalog/define.ts';
import { detectCalls, mergeOccurrences } from '../lib/detect.ts';
import { FILE_WRITE_CALLEES, isFileWrite } from '../lib/files.ts';
import { detectJsCalls } from '../lib/javascript.ts';
import { JS_FILE_WRITE_CALLEES } from '../lib/js-apis.ts';

/** npm: fs writes and write streams. */
const JS_RULES = [
  { callees: JS_FILE_WRITE_CALLEES, note: (call: CallFact) => `writes a file with ${call.callee}` },
];

export const writesFile = defineBehavior({
  id: 'writes-file',
  category: 'file',
  ecosystems: ['pypi', 'npm'],
  title: 'Writes files.',
  description:
    'Finds files opened for writing or appending (open, io.open, codecs.open, Path.open with a w / a / x / + ' +
    'mode), Path.write_text / write_bytes and shutil copies.',
  problem:
    'Writing files is ordinary work. It becomes interesting when the target is a startup location, another ' +
    "package's directory, or an executable that is started right after.",
  nextSteps: ['Check the paths written, especially outside the current project or temporary directories.'],
  severity: 'info',
  references: { mitreAttack: ['T1105'] },
  detect: (context) =>
    mergeOccurrences(
      detectCalls(context, [
        {
          callees: FILE_WRITE_CALLEES,
          when: isFileWrite,
          note: (call) => `writes a file with ${call.callee}`,
        },
      ]),
      detectJsCalls(context, JS_RULES),
    ),
});
