/**
 * Python's one-character string escapes (the language reference's escape table). Shared by the static setup.py
 * reader here and the Python analyzer (src/analysis/python/literals.ts), which sits above metadata in the flow.
 */
export const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};
