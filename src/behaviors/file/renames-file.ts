import type { CallFact, StaticValue } from '../../analysis/types.ts';
import { defineBehavior } from '../../catalog/define.ts';
import { detectCalls, mergeOccurrences } from '../lib/detect.ts';
import { detectJsCalls } from '../lib/javascript.ts';
import { JS_FILE_RENAME_CALLEES } from '../lib/js-apis.ts';
import { stringOf } from '../lib/match.ts';

/** Keywords of DataFrame / Series / Index .rename: their presence means a table, not a file. */
const TABLE_KEYWORDS = new Set(['columns', 'index', 'axis', 'mapper', 'inplace', 'level', 'errors', 'copy']);

/** Does a value look like a file-system path? Strings with separators or extensions, path builders, path-ish names. */
function isPathLike(value: StaticValue | undefined): boolean {
  if (!value) return false;
  const text = stringOf(value);
  if (text !== undefined) return /[/\\]/.test(text) || /\.[A-Za-z0-9]{1,5}$/.test(text);
  if (value.kind === 'call')
    return /^(os\.path\.|pathlib\.|builtins\.str$|str$)|Path\b|join$/.test(value.callee);
  if (value.kind === 'ref')
    return /(path|file|dir|folder|dst|dest|src|target|tmp|temp|old|new)/i.test(value.name);
  if (value.kind === 'expr') return /os\.path\.|Path\(|\/\s*['"]|(path|file|dir)\w*\s*[/+]/i.test(value.text);
  return false;
}

/** Unknown receivers: `p.rename(new_path)` is a file, `df.rename(columns=...)` or `s.rename('total')` is not. */
function isFileRename(call: CallFact): boolean {
  if (call.args.length === 0) return false;
  if (call.keywords.some((entry) => TABLE_KEYWORDS.has(entry.name))) return false;
  return isPathLike(call.args[0]);
}

/** npm: the same calls in JavaScript, named by the JavaScript analyzer. */
const JS_RULES = [
  { callees: JS_FILE_RENAME_CALLEES, note: (call: CallFact) => `renames or moves with ${call.callee}` },
];

export const renamesFile = defineBehavior({
  id: 'renames-file',
  category: 'file',
  ecosystems: ['pypi', 'npm'],
  title: 'Renames a file or directory.',
  description:
    'Finds os.rename, os.replace, os.renames, shutil.move and pathlib rename / replace, and rename() on other ' +
    'receivers when its argument looks like a path (not the DataFrame or Series rename of pandas).',
  problem:
    'Renaming is routine for atomic writes and installers. Malware renames to swap a legitimate file for its own, ' +
    'to give a dropped payload an innocent name or extension, or to move it into a startup folder.',
  nextSteps: [
    'Check the source and destination of each rename, especially executables and files outside the package.',
  ],
  severity: 'info',
  references: { mitreAttack: ['T1036'] },
  detect: (context) =>
    mergeOccurrences(
      detectCalls(context, [
        {
          callees: [
            'os.rename',
            'os.replace',
            'os.renames',
            'shutil.move',
            'pathlib.Path.rename',
            'pathlib.Path.replace',
            'pathlib.PosixPath.rename',
            'pathlib.WindowsPath.rename',
          ],
          note: (call) => `renames or moves with ${call.callee}`,
        },
        { callees: ['*.rename'], when: isFileRename, note: () => 'renames a path' },
      ]),
      detectJsCalls(context, JS_RULES),
    ),
});
