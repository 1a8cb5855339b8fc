/**
 * What a name holds as far as a code analyzer knows, the same for both languages: a module, a reference to
 * something reached through one ('os.path.join', 'child_process.exec'), an instance of a known class, a
 * string the analyzer folded, or a local value it does not follow.
 */
export type Sym =
  | { readonly k: 'module'; readonly name: string }
  | { readonly k: 'ref'; readonly name: string }
  | { readonly k: 'instance'; readonly type: string }
  | { readonly k: 'str'; readonly value: string }
  | { readonly k: 'local' };

export const LOCAL: Sym = { k: 'local' };

/** A class by its name's shape: an initial capital followed by a lower-case letter ('Popen', 'Path'; not 'CONSTANT'). */
export function looksLikeClass(qualified: string): boolean {
  const last = qualified.slice(qualified.lastIndexOf('.') + 1);
  const first = last.charCodeAt(0);
  return first >= 65 && first <= 90 && /[a-z]/.test(last);
}
