/**
 * One tree-sitter parser for Python per thread, on the thread's shared web-tree-sitter runtime
 * (../tree-sitter/runtime.ts). Trees are wasm memory: callers must `tree.delete()`.
 */
import type { Language, Parser } from 'web-tree-sitter';
import { AssayError } from '../../core/errors.ts';
import type { CheckSample, FastRuntime } from '../tree-sitter/fast-tree.ts';
import { bindFastView, newParser } from '../tree-sitter/runtime.ts';

const GRAMMAR = '@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm';

/**
 * The shapes the analyzer reads most (an import with an alias, a call on an attribute with keyword
 * arguments, a subscript, a non-ASCII string, a syntax error), kept tiny: the check runs on every
 * node of it once per thread, on the critical path of every scan.
 */
const CHECK_SAMPLE: CheckSample = {
  source: 'import os as o\no.system(f("é", k=1))[0]\ndef g(:\n',
  fields: ['function', 'arguments', 'name', 'alias'],
  types: ['call', 'string', 'ERROR'],
};

let ready: Promise<void> | undefined;
let language: Language | undefined;
let parser: Parser | undefined;
let fastRuntime: FastRuntime | undefined;

export function initPythonParser(): Promise<void> {
  ready ??= (async () => {
    try {
      ({ language, parser } = await newParser(GRAMMAR));
      fastRuntime = bindFastView(language, parser, CHECK_SAMPLE);
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
