/**
 * The suffixes node tries, in order, when it resolves a relative `require('./x')` or a script path of
 * package.json; a `.js` specifier in TypeScript sources names the `.ts` file, so those are tried as well.
 * One list for the analyzer's cross-module flow and the behaviors that follow install scripts to their files.
 */
export const NODE_RESOLVE_SUFFIXES: readonly string[] = [
  '',
  '.js',
  '.cjs',
  '.mjs',
  '.ts',
  '.cts',
  '.mts',
  '/index.js',
  '/index.cjs',
  '/index.mjs',
  '/index.ts',
];
