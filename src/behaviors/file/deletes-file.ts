import { defineBehavior } from '../../catalog/define.ts';
import { detectCalls, mergeOccurrences } from '../lib/detect.ts';
import { detectJsCalls } from '../lib/javascript.ts';
import { JS_FILE_DELETE_CALLEES } from '../lib/js-apis.ts';

/** npm: fs removal calls and the common deletion packages. */
const JS_RULES = [{ callees: JS_FILE_DELETE_CALLEES }];

export const deletesFile = defineBehavior({
  id: 'deletes-file',
  category: 'file',
  ecosystems: ['pypi', 'npm'],
  title: 'Deletes files or directories.',
  description:
    'Finds os.remove, os.unlink, os.rmdir, os.removedirs, shutil.rmtree, Path.unlink / rmdir and send2trash.',
  problem:
    "Cleaning up is normal. Malware deletes its dropper, its logs or the user's data; wipers delete whole trees.",
  nextSteps: ["Check what is deleted, especially paths outside the package's own temporary files."],
  severity: 'info',
  references: { mitreAttack: ['T1070.004'] },
  detect: (context) =>
    mergeOccurrences(
      detectCalls(context, [
        {
          callees: [
            'os.remove',
            'os.unlink',
            'os.rmdir',
            'os.removedirs',
            'shutil.rmtree',
            'pathlib.Path.unlink',
            'pathlib.Path.rmdir',
            'send2trash.send2trash',
          ],
        },
      ]),
      detectJsCalls(context, JS_RULES),
    ),
});
