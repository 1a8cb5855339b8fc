/**
 * tree-sitter parsers for JavaScript, TypeScript and TSX, one set per thread (web-tree-sitter is
 * single-threaded wasm; each worker loads its own copy). Trees are wasm memory: callers must
 * `tree.delete()`. tree-sitter is chosen over faster ESTree parsers because it always returns a tree
 * and keeps most calls of truncated or garbled files (STACK.md §3), which is what hostile code looks like.
 */
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';
import { AssayError } from '../../core/errors.ts';

const require = createRequire(import.meta.url);

export type JsDialect = 'javascript' | 'typescript' | 'tsx';

const GRAMMARS: Record<JsDialect, string> = {
  javascript: '@vscode/tree-sitter-wasm/wasm/tree-sitter-javascript.wasm',
  typescript: '@vscode/tree-sitter-wasm/wasm/tree-sitter-typescript.wasm',
  tsx: '@vscode/tree-sitter-wasm/wasm/tree-sitter-tsx.wasm',
};

const ALL_DIALECTS = Object.keys(GRAMMARS) as JsDialect[];

let runtime: Promise<void> | undefined;
const loading = new Map<JsDialect, Promise<void>>();
const languages = new Map<JsDialect, Language>();
const parsers = new Map<JsDialect, Parser>();

function loadDialect(dialect: JsDialect): Promise<void> {
  let promise = loading.get(dialect);
  if (promise === undefined) {
    runtime ??= Parser.init();
    promise = runtime.then(async () => {
      const language = await Language.load(require.resolve(GRAMMARS[dialect]));
      languages.set(dialect, language);
      const parser = new Parser();
      parser.setLanguage(language);
      parsers.set(dialect, parser);
    });
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
    runtime = undefined;
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

/** A fresh parser after a failure: a trapped or cancelled parse can leave state behind. */
export function resetJavaScriptParser(dialect: JsDialect): void {
  const language = languages.get(dialect);
  if (language === undefined) return;
  try {
    parsers.get(dialect)?.delete();
  } catch {
    // the old instance may already be unusable; a new one replaces it below
  }
  const parser = new Parser();
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
