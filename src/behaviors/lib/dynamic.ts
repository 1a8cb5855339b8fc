import type { CallFact } from '../../analysis/types.ts';
import { DECODING_TEXT, FETCHING_TEXT, FILE_READ_TEXT } from './apis.ts';
import { textOf } from './match.ts';

/** Where the code handed to exec / eval / compile comes from, judged from the text of the argument. */
export type CodeSource = 'literal' | 'decoded' | 'fetched' | 'file-read' | 'computed';

export function dynamicCodeSource(call: CallFact): CodeSource {
  const first = call.args[0];
  if (!first) return 'computed';
  if (first.kind === 'string' || first.kind === 'bytes' || first.kind === 'number') return 'literal';
  const text = textOf(first);
  if (DECODING_TEXT.test(text)) return 'decoded';
  if (FETCHING_TEXT.test(text)) return 'fetched';
  if (first.kind === 'expr' && first.folded !== undefined) return 'computed';
  if (FILE_READ_TEXT.test(text)) return 'file-read';
  return 'computed';
}

/** A name built at run time instead of written plainly: decoded, reversed, joined from chr() or concatenated. */
export function isObfuscatedName(call: CallFact): boolean {
  const first = call.args[0];
  if (!first || first.kind === 'string') return false;
  // 'o' + 's' folds to a plain name: the split only serves to hide it. A constant the analyzer propagated does not.
  if (first.kind === 'expr' && first.folded !== undefined) return /['"]\s*\+|\+\s*['"]/.test(first.text);
  const text = textOf(first);
  return DECODING_TEXT.test(text) || /\bchr\(|\[::-1\]/.test(text);
}
