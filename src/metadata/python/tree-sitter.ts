/**
 * One tree-sitter-python parser for the metadata reader (setup.py), per process or worker thread. It
 * shares the thread's web-tree-sitter runtime and grammar with the analyzer (src/analysis/tree-sitter/
 * runtime.ts): a second `Parser.init` on the same library instance would be ignored or race the first.
 */
import type { Parser } from 'web-tree-sitter';
import { newParser } from '../../analysis/tree-sitter/runtime.ts';
import { AssayError } from '../../core/errors.ts';

const GRAMMAR = '@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm';

let loading: Promise<Parser> | undefined;

async function load(): Promise<Parser> {
  try {
    return (await newParser(GRAMMAR)).parser;
  } catch (error) {
    throw new AssayError('E_INTERNAL', `cannot load the Python grammar (${GRAMMAR})`, { cause: error });
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
