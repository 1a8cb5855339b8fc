/**
 * Package strings are hostile: a file name or a snippet may carry terminal escape sequences,
 * bidirectional overrides that reorder what a reviewer sees, or NULs. Each output escapes them its own way.
 */

// C0 and C1 controls (but tab), DEL, bidi embeddings/overrides/isolates, zero-width and line/paragraph separators.
const UNSAFE_FOR_TERMINAL =
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

function escapeCodePoint(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** For the terminal and plain-text files: every control or invisible formatting character becomes visible. */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE_FOR_TERMINAL, escapeCodePoint);
}

/** Shortens long package strings so one snippet cannot flood the report. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** For JSON: JSON.stringify already escapes C0 controls; make bidi and invisible characters visible too. */
export function escapeForJson(text: string): string {
  return text.replace(/[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, escapeCodePoint);
}
