/**
 * One web-tree-sitter runtime per thread, shared by the Python and JavaScript analyzers (web-tree-sitter
 * is single-threaded wasm; each worker loads its own copy).
 *
 * Why one place: the library keeps its Emscripten module in a module-level `Module ??= await
 * factory(options)`. Only the first `Parser.init(options)` of an instance decides the module object,
 * so a second caller's object stays empty (and the fast view it wanted is lost without a word), and two
 * inits racing each other can even build two wasm instances. Every user of the library in this code goes
 * through here, which initialises it once through a shared promise, with our module object. The CLI bundle
 * carries the library's CommonJS build inside it (scripts/build.mjs), so V8's code cache covers it too.
 *
 * The fast view's binding is trusted on the release the tests check, and checked once per thread, on a
 * small sample of the first grammar bound, on any other; the unit tests check full agreement for every
 * grammar.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as WebTreeSitter from 'web-tree-sitter';
import type { Language, Parser } from 'web-tree-sitter';
import { bindExports, type CheckSample, type FastBinding, FastRuntime, quickCheck } from './fast-tree.ts';
import { instantiateWithFastInput } from './parse-input.ts';

const require = createRequire(import.meta.url);

/** The library's classes, from the one initialised instance of this thread. */
interface TreeSitterLibrary {
  readonly Parser: typeof WebTreeSitter.Parser;
  readonly Language: typeof WebTreeSitter.Language;
}

let ready: Promise<TreeSitterLibrary> | undefined;
let binding: FastBinding | undefined;
/** The verdict of this thread's check: undefined until the first grammar is bound. */
let checked: boolean | undefined;
const runtimes = new WeakMap<Language, FastRuntime>();

/** Initialises web-tree-sitter once for this thread; later calls share the same promise. */
function initTreeSitter(): Promise<TreeSitterLibrary> {
  ready ??= (async () => {
    try {
      // Loaded on first use: scans of lockfiles and other commands never need it (in the CLI bundle the
      // import becomes a lazy require of the bundled copy).
      const library: typeof WebTreeSitter = await import('web-tree-sitter');
      const wasmPath = (): string => require.resolve('web-tree-sitter/web-tree-sitter.wasm');
      const moduleObject: Record<string, unknown> = {
        // The library looks for its wasm beside its own script; the CLI bundle carries the script, not the wasm.
        locateFile: (path: string, directory: string): string =>
          path === 'web-tree-sitter.wasm' ? wasmPath() : directory + path,
      };
      // The cheaper copy of the text into the parser (parse-input.ts), on the release it was written for.
      if (installedLibraryVersion() === CHECKED_LIBRARY_VERSION)
        moduleObject['instantiateWasm'] = instantiateWithFastInput(moduleObject, wasmPath);
      await library.Parser.init(moduleObject);
      binding = bindExports(moduleObject);
      return { Parser: library.Parser, Language: library.Language };
    } catch (error) {
      ready = undefined;
      throw error;
    }
  })();
  return ready;
}

const languages = new Map<string, Promise<Language>>();

/** A new parser for `grammar` on this thread's runtime; each caller keeps its own, as parsing is stateful. */
export async function newParser(grammar: string): Promise<{ language: Language; parser: Parser }> {
  const library = await initTreeSitter();
  const language = await loadLanguage(grammar);
  const parser = new library.Parser();
  parser.setLanguage(language);
  return { language, parser };
}

/**
 * Loads a grammar by module path (`@vscode/tree-sitter-wasm/wasm/...`) into this thread's runtime, once:
 * the analyzer and the setup.py reader share the Python grammar instead of compiling its wasm twice.
 */
function loadLanguage(grammar: string): Promise<Language> {
  let loading = languages.get(grammar);
  if (loading === undefined) {
    loading = initTreeSitter().then((library) => library.Language.load(require.resolve(grammar)));
    loading.catch(() => languages.delete(grammar));
    languages.set(grammar, loading);
  }
  return loading;
}

/**
 * The web-tree-sitter release the fast view was written for and is checked against node by node, for every
 * grammar, in fast-tree.test.ts (which also fails when the installed release is another one).
 */
export const CHECKED_LIBRARY_VERSION = '0.27.1';

/** The installed web-tree-sitter's version, from the package.json beside its CommonJS build. */
export function installedLibraryVersion(): string | undefined {
  try {
    const manifest: unknown = JSON.parse(
      readFileSync(join(dirname(require.resolve('web-tree-sitter')), 'package.json'), 'utf8'),
    );
    const version = (manifest as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The fast view's runtime for `language`, or undefined when this thread has no usable binding. On the
 * release the tests check (CHECKED_LIBRARY_VERSION) the binding is trusted as it is; any other release is
 * checked once per thread on `sample` parsed by `parser` (a parser set to `language`), and the verdict holds
 * for every grammar, as the binding does not depend on one. The check cost 8–36 ms on a cold start, on the
 * critical path of every small scan.
 */
export function bindFastView(
  language: Language,
  parser: Parser,
  sample: CheckSample,
): FastRuntime | undefined {
  if (binding === undefined) return undefined;
  let runtime = runtimes.get(language);
  if (runtime === undefined) {
    runtime = new FastRuntime(binding, language);
    runtimes.set(language, runtime);
  }
  checked ??= installedLibraryVersion() === CHECKED_LIBRARY_VERSION || quickCheck(runtime, parser, sample);
  return checked ? runtime : undefined;
}
