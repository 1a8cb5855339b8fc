/**
 * Loads tree-sitter-python once per process (per worker thread). Kept here so the metadata reader
 * does not depend on the analyzer in src/analysis/python.
 */
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';
import { AssayError } from '../../core/errors.ts';

let loading: Promise<Parser> | undefined;

async function load(): Promise<Parser> {
  const require = createRequire(import.meta.url);
  const wasm = require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm');
  try {
    await Parser.init();
    const language = await Language.load(wasm);
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  } catch (error) {
    throw new AssayError('E_INTERNAL', `cannot load the Python grammar (${wasm})`, { cause: error });
  }
}

/** One shared parser: parsing is synchronous, so callers never interleave on it. */
export function pythonParser(): Promise<Parser> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
