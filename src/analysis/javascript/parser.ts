/**
 * tree-sitter parsers for JavaScript, TypeScript and TSX, one set per thread, on the thread's shared
 * web-tree-sitter runtime (../tree-sitter/runtime.ts). Trees are wasm memory: callers must
 * `tree.delete()`. tree-sitter is chosen over faster ESTree parsers because it always returns a tree
 * and keeps most calls of truncated or garbled files, which is what hostile code looks like.
 */
import type { Language, Parser } from 'web-tree-sitter';
import { AssayError } from '../../core/errors.ts';
import type { CheckSample, FastRuntime } from '../tree-sitter/fast-tree.ts';
import { bindFastView, newParser } from '../tree-sitter/runtime.ts';

export type JsDialect = 'javascript' | 'typescript' | 'tsx';

const GRAMMARS: Record<JsDialect, string> = {
  javascript: '@vscode/tree-sitter-wasm/wasm/tree-sitter-javascript.wasm',
  typescript: '@vscode/tree-sitter-wasm/wasm/tree-sitter-typescript.wasm',
  tsx: '@vscode/tree-sitter-wasm/wasm/tree-sitter-tsx.wasm',
};

const ALL_DIALECTS = Object.keys(GRAMMARS) as JsDialect[];

/**
 * The shapes the analyzer reads most (a require with destructuring, a member call, a template with a
 * substitution, a non-ASCII string, a syntax error), kept tiny: the check runs on every node of it
 * once per thread, on the critical path of every scan. It reads alike in all three dialects. (`$` is escaped
 * only so that the linter does not take the template for a mistake.)
 */
const CHECK_SAMPLE: CheckSample = {
  source: "const c = require('x'), { a: b } = c;\nc.exec(`\u0024{b}`, 'é')[0];\nif (a) { (\n",
  fields: ['function', 'arguments', 'object', 'value'],
  types: ['call_expression', 'string', 'ERROR'],
};

const loading = new Map<JsDialect, Promise<void>>();
const languages = new Map<JsDialect, Language>();
const parsers = new Map<JsDialect, Parser>();
const fastRuntimes = new Map<JsDialect, FastRuntime>();

function loadDialect(dialect: JsDialect): Promise<void> {
  let promise = loading.get(dialect);
  if (promise === undefined) {
    promise = (async () => {
      const { language, parser } = await newParser(GRAMMARS[dialect]);
      languages.set(dialect, language);
      parsers.set(dialect, parser);
      const fast = bindFastView(language, parser, CHECK_SAMPLE);
      if (fast !== undefined) fastRuntimes.set(dialect, fast);
    })();
    loading.set(dialect, promise);
  }
  return promise;
}

/**
 * Loads the grammars of `dialects` once (all three by default); later calls share the same promises. A
 * package of plain JavaScript loads only that grammar: the TypeScript and TSX grammars are 2.8 MB of wasm
 * more to compile (measured: about 40 ms of a small package's scan).
 */
export async function initJavaScriptParser(dialects: readonly JsDialect[] = ALL_DIALECTS): Promise<void> {
  try {
    await Promise.all(dialects.map(loadDialect));
  } catch (error) {
    // Forget the failed loads so that a later call tries again.
    for (const dialect of dialects) if (!parsers.has(dialect)) loading.delete(dialect);
    throw new AssayError('E_INTERNAL', 'could not load the tree-sitter JavaScript grammars', {
      cause: error,
    });
  }
}

export function javascriptParser(dialect: JsDialect): Parser {
  const parser = parsers.get(dialect);
  if (parser === undefined) {
    throw new AssayError(
      'E_INTERNAL',
      'the JavaScript parser is not initialised: await initJavaScriptParser() first',
    );
  }
  return parser;
}

/** The direct wasm access fast-tree.ts uses for `dialect`, when this thread's runtime allows it. */
export function javascriptFastRuntime(dialect: JsDialect): FastRuntime | undefined {
  return fastRuntimes.get(dialect);
}

/** A fresh parser after a failure: a trapped or cancelled parse can leave state behind. */
export function resetJavaScriptParser(dialect: JsDialect): void {
  const language = languages.get(dialect);
  const old = parsers.get(dialect);
  if (language === undefined || old === undefined) return;
  const ParserClass = old.constructor as new () => Parser;
  try {
    old.delete();
  } catch {
    // the old instance may already be unusable; a new one replaces it below
  }
  const parser = new ParserClass();
  parser.setLanguage(language);
  parsers.set(dialect, parser);
}

/** The dialect of a file by its name, or undefined when it is not JavaScript or TypeScript source. */
export function dialectOf(path: string): JsDialect | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.d.ts') || lower.endsWith('.d.mts') || lower.endsWith('.d.cts')) return undefined;
  if (/\.(?:js|cjs|mjs|jsx)$/.test(lower)) return 'javascript';
  if (/\.(?:ts|cts|mts)$/.test(lower)) return 'typescript';
  if (lower.endsWith('.tsx')) return 'tsx';
  return undefined;
}
