import type { CallFact } from '../../analysis/types.ts';
import { argument, matchesCallee, stringOf, textOf } from './match.ts';

const OPEN_CALLEES: readonly string[] = [
  'builtins.open',
  'io.open',
  'codecs.open',
  'pathlib.Path.open',
  'os.fdopen',
];
const WRITE_CALLEES: readonly string[] = [
  'pathlib.Path.write_text',
  'pathlib.Path.write_bytes',
  '*.write_text',
  '*.write_bytes',
  'shutil.copy',
  'shutil.copy2',
  'shutil.copyfile',
  'shutil.copytree',
  'shutil.copyfileobj',
];

/** The mode of an open() call as written ('r' when none is given). */
export function openMode(call: CallFact): string | undefined {
  const index = call.callee === 'pathlib.Path.open' ? 0 : 1;
  const mode = argument(call, index, 'mode');
  if (!mode) return 'r';
  return stringOf(mode);
}

/** Every callee isFileWrite can accept: rules list it so that the call index narrows their candidates. */
export const FILE_WRITE_CALLEES: readonly string[] = [...OPEN_CALLEES, ...WRITE_CALLEES];

/** Calls that create or change files. */
export function isFileWrite(call: CallFact): boolean {
  if (matchesCallee(call.callee, OPEN_CALLEES)) {
    const mode = openMode(call);
    return mode !== undefined && /[wax+]/.test(mode);
  }
  return matchesCallee(call.callee, WRITE_CALLEES);
}

/** The target path as written: the first argument of open() / write_*, the destination of a copy. */
export function writeTargetText(call: CallFact): string {
  if (call.callee.startsWith('shutil.copy')) return textOf(argument(call, 1, 'dst'));
  return [textOf(call.args[0]), call.callee].join(' ');
}
