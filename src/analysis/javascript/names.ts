/**
 * What JavaScript names are before any require or import says otherwise: Node's globals (named
 * 'builtins.<name>' like Python's builtins, so 'builtins.eval' means the same in both), the global
 * objects, the spellings of require, and Node's own module names. `Sym` is what a name holds as far as
 * the analyzer knows.
 */
import { builtinModules } from 'node:module';
import type { Sym } from '../code/symbols.ts';

/** Global functions: named 'builtins.<name>' like Python's builtins, so 'builtins.eval' means the same in both. */
const GLOBAL_FUNCTIONS = new Set(
  (
    'eval Function fetch require atob btoa setTimeout setInterval setImmediate unescape escape decodeURIComponent ' +
    'encodeURIComponent decodeURI encodeURI parseInt parseFloat queueMicrotask importScripts structuredClone'
  ).split(' '),
);
/** Global objects and classes keep their own name: 'process.env', 'Date.now', 'JSON.stringify'. */
const GLOBAL_OBJECTS = new Set(
  (
    'process Buffer JSON Object Date Math Intl console navigator module exports String Array Reflect Proxy Promise ' +
    'Symbol Number RegExp XMLHttpRequest WebSocket URL URLSearchParams crypto document location localStorage ' +
    'sessionStorage Bun Deno WebAssembly TextDecoder TextEncoder Error performance Worker'
  ).split(' '),
);
const GLOBAL_SELF = new Set(['globalThis', 'global', 'window', 'self']);
/**
 * CommonJS wrappers (browserify, AMD, Node's own module wrapper) pass these in as parameters: inside
 * such a function they still mean the real thing, so a parameter of that name does not shadow them.
 */
export const WRAPPER_PARAMS = new Set(['require', 'module', 'exports', 'process', 'global', 'Buffer']);
/** Bundler spellings of Node's require. */
export const REQUIRE_ALIASES = new Set(['__require', '__non_webpack_require__']);

/** Callees that load a module by name and return it (behaviors key on the same list). */
export const REQUIRE_CALLEES: readonly string[] = [
  'builtins.require',
  'builtins.import',
  'module.require',
  'process.mainModule.require',
  'require.main.require',
  'module.constructor._load',
  'module.constructor.require',
  'module._load',
  'module.Module._load',
];
export const REQUIRERS: ReadonlySet<string> = new Set(REQUIRE_CALLEES);
/** Internal bindings: process.binding('spawn_sync') reaches the process spawner without child_process. */
export const BINDING_LOADERS = new Set(['process.binding', 'process._linkedBinding']);

const NODE_BUILTINS = new Set(builtinModules);

/** 'node:fs/promises' → 'fs.promises'; third-party names stay as written ('axios', '@scope/pkg/sub'). */
export function normalizeModule(spec: string): string {
  const bare = spec.startsWith('node:') ? spec.slice(5) : spec;
  if (NODE_BUILTINS.has(bare) || NODE_BUILTINS.has(bare.split('/')[0] ?? '')) {
    if (NODE_BUILTINS.has(bare)) return bare.replaceAll('/', '.');
  }
  return bare;
}

export { LOCAL, type Sym } from '../code/symbols.ts';

const GLOBAL_THIS: Sym = { k: 'module', name: 'globalThis' };

export function globalSym(name: string): Sym | undefined {
  if (GLOBAL_FUNCTIONS.has(name)) return { k: 'ref', name: `builtins.${name}` };
  if (GLOBAL_OBJECTS.has(name)) return { k: 'module', name };
  if (GLOBAL_SELF.has(name)) return GLOBAL_THIS;
  if (REQUIRE_ALIASES.has(name)) return { k: 'ref', name: 'builtins.require' };
  return undefined;
}

export function memberOf(base: Sym | undefined, prop: string): Sym | undefined {
  if (base === undefined) return undefined;
  if (base.k === 'module' && base.name === 'globalThis') {
    return globalSym(prop) ?? { k: 'ref', name: `globalThis.${prop}` };
  }
  if (base.k === 'module' || base.k === 'ref') {
    // An ES module's default export of a CommonJS module is the module itself.
    if (prop === 'default' && base.k === 'module') return base;
    if (base.name === 'builtins.require' && prop === 'main') return { k: 'ref', name: 'require.main' };
    return { k: 'ref', name: `${base.name}.${prop}` };
  }
  if (base.k === 'instance') return { k: 'ref', name: `${base.type}.${prop}` };
  return undefined;
}

export { looksLikeClass as isClassName } from '../code/symbols.ts';

/** Properties whose reads are facts: the environment, the platform and the user's locale. */
export const WATCHED_MEMBER =
  /^(?:process\.(?:platform|arch|getuid|versions|mainModule)|navigator\.(?:language|languages|userAgent)|os\.EOL)$/;
export const LOCALE_MEMBER = /^(?:timeZone|locale)$/;
