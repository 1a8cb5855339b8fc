/**
 * One tree-sitter parser for Python per thread (web-tree-sitter is single-threaded wasm; each
 * worker loads its own copy). Trees are wasm memory: callers must `tree.delete()`.
 */
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';
import { AssayError } from '../../core/errors.ts';

const require = createRequire(import.meta.url);

let ready: Promise<void> | undefined;
let language: Language | undefined;
let parser: Parser | undefined;

function grammarPath(): string {
  return require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm');
}

export function initPythonParser(): Promise<void> {
  ready ??= (async () => {
    try {
      await Parser.init();
      language = await Language.load(grammarPath());
      parser = new Parser();
      parser.setLanguage(language);
    } catch (error) {
      ready = undefined;
      throw new AssayError('E_INTERNAL', 'could not load the tree-sitter Python grammar', { cause: error });
    }
  })();
  return ready;
}

export function pythonParser(): Parser {
  if (parser === undefined) {
    throw new AssayError(
      'E_INTERNAL',
      'the Python parser is not initialised: await initPythonParser() first',
    );
  }
  return parser;
}

/**
 * A fresh parser after a failure: a cancelled or trapped parse can leave state behind (a cancelled
 * parse resumes on the next call unless reset), so never reuse it blindly.
 */
export function resetPythonParser(): void {
  if (language === undefined) return;
  try {
    parser?.delete();
  } catch {
    // the old instance may already be unusable; a new one replaces it below
  }
  parser = new Parser();
  parser.setLanguage(language);
}
