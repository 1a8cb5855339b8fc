/**
 * Text fast paths for the Python analyzer. Most calls and assignments are simple (`os.path.join(a, 'b')`,
 * `x = y.z`), and reading them from the source text saves a dozen wasm round trips each. Anything these
 * patterns do not fully match goes the slow way through the tree, so they only need to be exact, not complete.
 */

/** The name an assignment's value is, when it is a plain name (`x = y`); the flow tracker copies its origin. */
export function name0(text: string, from: number, to: number): string | undefined {
  const value = text.slice(from, to);
  return /^[A-Za-z_]\w*$/.test(value) ? value : undefined;
}

const IDENT = '[A-Za-z_][A-Za-z0-9_]*';
const DOTTED = `${IDENT}(?:[ \\t]*\\.[ \\t]*${IDENT})*`;
export const CALLEE_RE = new RegExp(`(${DOTTED})[ \\t]*\\(`, 'y');
export const ARG_STRING_RE =
  /(?:[rR][bB]?|[bB][rR]?|[uU][rR]?)?(?:'(?:[^'\\\r\n]|\\[^\r\n])*'|"(?:[^"\\\r\n]|\\[^\r\n])*")/y;
export const ARG_NUMBER_RE =
  /(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][+-]?[0-9_]+)?|\.[0-9][0-9_]*(?:[eE][+-]?[0-9_]+)?)[lLjJ]?(?![A-Za-z0-9_.])/y;
export const ARG_NAME_RE = new RegExp(DOTTED, 'y');
export const ARG_KEYWORD_RE = new RegExp(`(${IDENT})[ \\t\\r\\n]*=(?!=)`, 'y');
export const ASSIGN_NAME_RE = new RegExp(`(${IDENT})[ \\t]*=(?!=)[ \\t]*`, 'y');
export const ASSIGN_ATTRIBUTE_RE = new RegExp(`${IDENT}(?:[ \\t]*\\.[ \\t]*${IDENT})+[ \\t]*=(?!=)`, 'y');
export const END_OF_STATEMENT_RE = /[ \t]*(?:#[^\n]*)?(?:\r?\n|;|$)/y;
export const KEYWORDS = new Set(
  'and as assert async await break class continue def del elif else except exec finally for from global if import in is lambda nonlocal not or pass print raise return try while with yield'.split(
    ' ',
  ),
);

export function stickyMatch(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

export function splitDotted(text: string): string[] {
  // DOTTED allows only blanks and tabs around the dots: without them there is nothing to trim.
  if (text.indexOf(' ') < 0 && text.indexOf('\t') < 0)
    return text.indexOf('.') < 0 ? [text] : text.split('.');
  return text.split('.').map((part) => part.trim());
}

/** Index of the first character at or after `at` that is not a blank, tab, newline or form feed. */
export function skipBlanks(text: string, at: number): number {
  let i = at;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) i++;
    else return i;
  }
}

export function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/** Characters ARG_STRING_RE can start with: a quote or a prefix letter (r, b, u). */
export function mayStartString(c: number): boolean {
  return c === 39 || c === 34 || c === 114 || c === 82 || c === 98 || c === 66 || c === 117 || c === 85;
}

/** The first word of a dotted name, as `raw.split(/[ \t.]/, 1)[0]`. */
export function headWord(raw: string): string {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 32 || c === 9 || c === 46) return raw.slice(0, i);
  }
  return raw;
}
