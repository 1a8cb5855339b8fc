/**
 * One tree-sitter parser for Python per thread (web-tree-sitter is single-threaded wasm; each
 * worker loads its own copy). Trees are wasm memory: callers must `tree.delete()`.
 *
 * The CommonJS build of web-tree-sitter is a separate instance of the library from the ES module
 * build other analyzers import, so this file is the first to initialise it and the module object
 * passed to `Parser.init` becomes the Emscripten module: fast-tree.ts reads nodes through it.
 */
import { createRequire } from 'node:module';
import type * as WebTreeSitter from 'web-tree-sitter';
import type { Language, Parser } from 'web-tree-sitter';
import { AssayError } from '../../core/errors.ts';
import { bindFastRuntime, type FastRuntime } from './fast-tree.ts';

const require = createRequire(import.meta.url);

let ready: Promise<void> | undefined;
let language: Language | undefined;
let parser: Parser | undefined;
let fastRuntime: FastRuntime | undefined;

function grammarPath(): string {
  return require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm');
}

export function initPythonParser(): Promise<void> {
  ready ??= (async () => {
    try {
      const treeSitter = require('web-tree-sitter') as typeof WebTreeSitter;
      const moduleObject: Record<string, unknown> = {};
      await treeSitter.Parser.init(moduleObject);
      language = await treeSitter.Language.load(grammarPath());
      parser = new treeSitter.Parser();
      parser.setLanguage(language);
      fastRuntime = bindFastRuntime(moduleObject, language, parser);
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

/** The direct wasm access fast-tree.ts uses, when this thread's library instance allows it. */
export function pythonFastRuntime(): FastRuntime | undefined {
  return fastRuntime;
}

/**
 * A fresh parser after a failure: a cancelled or trapped parse can leave state behind (a cancelled
 * parse resumes on the next call unless reset), so never reuse it blindly.
 */
export function resetPythonParser(): void {
  if (language === undefined || parser === undefined) return;
  const ParserClass = parser.constructor as new () => Parser;
  try {
    parser.delete();
  } catch {
    // the old instance may already be unusable; a new one replaces it below
  }
  parser = new ParserClass();
  parser.setLanguage(language);
}
