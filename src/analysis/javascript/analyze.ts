/**
 * Facts from one JavaScript or TypeScript file: imports and requires, calls resolved through them to
 * Node's own module names ('child_process.exec', 'fs.promises.rename', 'builtins.eval'), string
 * literals and shapes such as concatenation and obfuscator output. Read with tree-sitter, never run.
 *
 * The design mirrors the Python analyzer: tree-sitter hands over the few node kinds that matter in
 * document order, scopes are tracked from function ranges, and a binding takes effect after the
 * statement that makes it. Callee names use Node's module names as the namespace (with `node:`
 * stripped) so that behaviors can share ids with Python where the meaning is the same.
 */
import { builtinModules } from 'node:module';
import type { Tree } from 'web-tree-sitter';
import { WorkCounter, type WorkLimits, workLimits } from '../../core/budget.ts';
import { readSource, readTree } from '../code/driver.ts';
import {
  cap,
  entropyDetail,
  FactCollector,
  type ImportShape,
  type Keyword,
  MAX_ARGS,
  MAX_CALLS,
  MAX_CONSTRUCTS,
  MAX_DEPTH,
  MAX_IMPORTS,
  MAX_STRING_CHARS,
} from '../code/facts.ts';
import { type Scope, ScopeStack } from '../code/scopes.ts';
import { type SyntaxNode, treeView } from '../tree-sitter/fast-tree.ts';
import type { AnalysisProblem, ConstructKind, SourceFacts, SourceLanguage, StaticValue } from '../types.ts';
import { canonicalCallee, FUNCTION_NODE_TYPES, invokerTarget } from './callee-forms.ts';
import { FlowTracker, flowHints } from './flow.ts';
import { scanLexical } from './lexical.ts';
import { decodeJsEscapes, decodeJsString } from './literals.ts';
import { obfuscationSignals, obfuscatorVerdict } from './obfuscation.ts';
import {
  dialectOf,
  type JsDialect,
  javascriptFastRuntime,
  javascriptParser,
  resetJavaScriptParser,
} from './parser.ts';

export { dialectOf, initJavaScriptParser } from './parser.ts';

export interface JavaScriptAnalysisOptions {
  /** Work budgets for one file (parse steps, nodes walked, token steps); past one, facts so far are kept. */
  readonly work?: Partial<WorkLimits>;
  /** Bytes read from one file; the rest is ignored and the facts are marked partial. */
  readonly maxBytes?: number;
  /** Forces a grammar; by default it follows the file name (.ts → typescript, .tsx → tsx). */
  readonly dialect?: JsDialect;
}

export interface JavaScriptAnalysis {
  readonly facts: SourceFacts;
  readonly problems: readonly AnalysisProblem[];
}

/**
 * Bytes read from one file. Files past LEXICAL_THRESHOLD_CHARS are read by the token reader, which is
 * linear, so the whole file is read: the unpacker's total-bytes limit is what bounds the size.
 */
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

/**
 * Past this size a file is read by the token-level reader instead of tree-sitter: bundles of several
 * MB parse at under 1 MB/s here and would spend the whole budget building a tree (see lexical.ts).
 */
export const LEXICAL_THRESHOLD_CHARS = 256 * 1024;
/** Minified files (one line of many KB) parse slowly for their size; past this size they go the token way too. */
const MINIFIED_THRESHOLD_CHARS = 96 * 1024;
const MINIFIED_LINE_CHARS = 10_000;

function readByTokens(text: string): boolean {
  if (text.length > LEXICAL_THRESHOLD_CHARS) return true;
  if (text.length <= MINIFIED_THRESHOLD_CHARS) return false;
  let start = 0;
  for (let i = text.indexOf('\n'); ; i = text.indexOf('\n', start)) {
    const end = i < 0 ? text.length : i;
    if (end - start > MINIFIED_LINE_CHARS) return true;
    if (i < 0) return false;
    start = i + 1;
  }
}

const FUNCTION_TYPES = new Set([
  'function_declaration',
  'generator_function_declaration',
  'function_expression',
  'function',
  'generator_function',
  'arrow_function',
  'method_definition',
]);

const NODE_TYPES = [
  'import_statement',
  'call_expression',
  'new_expression',
  'variable_declarator',
  'assignment_expression',
  'augmented_assignment_expression',
  'string',
  'template_string',
  'member_expression',
  'class_declaration',
  'for_statement',
  'while_statement',
  'do_statement',
  'return_statement',
  ...FUNCTION_TYPES,
];

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
const WRAPPER_PARAMS = new Set(['require', 'module', 'exports', 'process', 'global', 'Buffer']);
/** Bundler spellings of Node's require. */
const REQUIRE_ALIASES = new Set(['__require', '__non_webpack_require__']);

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
const REQUIRERS: ReadonlySet<string> = new Set(REQUIRE_CALLEES);
/** Internal bindings: process.binding('spawn_sync') reaches the process spawner without child_process. */
const BINDING_LOADERS = new Set(['process.binding', 'process._linkedBinding']);

const NODE_BUILTINS = new Set(builtinModules);

/** 'node:fs/promises' → 'fs.promises'; third-party names stay as written ('axios', '@scope/pkg/sub'). */
export function normalizeModule(spec: string): string {
  const bare = spec.startsWith('node:') ? spec.slice(5) : spec;
  if (NODE_BUILTINS.has(bare) || NODE_BUILTINS.has(bare.split('/')[0] ?? '')) {
    if (NODE_BUILTINS.has(bare)) return bare.replaceAll('/', '.');
  }
  return bare;
}

type Sym =
  | { readonly k: 'module'; readonly name: string }
  | { readonly k: 'ref'; readonly name: string }
  | { readonly k: 'instance'; readonly type: string }
  | { readonly k: 'str'; readonly value: string }
  | { readonly k: 'local' };

const LOCAL: Sym = { k: 'local' };
const GLOBAL_THIS: Sym = { k: 'module', name: 'globalThis' };

function globalSym(name: string): Sym | undefined {
  if (GLOBAL_FUNCTIONS.has(name)) return { k: 'ref', name: `builtins.${name}` };
  if (GLOBAL_OBJECTS.has(name)) return { k: 'module', name };
  if (GLOBAL_SELF.has(name)) return GLOBAL_THIS;
  if (REQUIRE_ALIASES.has(name)) return { k: 'ref', name: 'builtins.require' };
  return undefined;
}

function memberOf(base: Sym | undefined, prop: string): Sym | undefined {
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

function isClassName(qualified: string): boolean {
  const last = qualified.slice(qualified.lastIndexOf('.') + 1);
  const first = last.charCodeAt(0);
  return first >= 65 && first <= 90 && /[a-z]/.test(last);
}

/** Properties whose reads are facts: the environment, the platform and the user's locale. */
const WATCHED_MEMBER =
  /^(?:process\.(?:platform|arch|getuid|versions|mainModule)|navigator\.(?:language|languages|userAgent)|os\.EOL)$/;
const LOCALE_MEMBER = /^(?:timeZone|locale)$/;

interface Chain {
  readonly top: SyntaxNode;
  strings: number;
}

class FileAnalyzer {
  readonly facts: FactCollector;
  private readonly scopes = new ScopeStack<Sym>();
  private readonly chains = new Map<number, Chain>();
  private readonly flow: FlowTracker;

  constructor(
    private readonly file: string,
    private readonly text: string,
    language: SourceLanguage,
  ) {
    this.facts = new FactCollector(file, text, language, { capUnresolvedCalls: true });
    this.flow = new FlowTracker({
      src: (node) => this.src(node),
      hints: flowHints(text),
      calleeOfCall: (node) => {
        const fn = node.childForFieldName(node.type === 'new_expression' ? 'constructor' : 'function');
        const callee = this.calleeOf(fn);
        return callee.resolved ? { name: canonicalCallee(callee.name), resolved: true } : callee;
      },
    });
  }

  // ---------------------------------------------------------------- text helpers

  private src(node: SyntaxNode): string {
    return this.text.slice(node.startIndex, node.endIndex);
  }

  private capped(node: SyntaxNode, max?: number): string {
    return this.facts.capped(node, max);
  }

  addConstruct(kind: ConstructKind, node: SyntaxNode, detail?: string): void {
    this.facts.addConstruct(kind, node, detail);
  }

  private lookup(name: string, index: number): Sym | undefined {
    return this.scopes.lookup(name, index);
  }

  private lookupOrGlobal(name: string, index: number): Sym | undefined {
    if (REQUIRE_ALIASES.has(name)) return globalSym(name);
    const sym = this.lookup(name, index);
    if (sym !== undefined) return sym.k === 'local' ? undefined : sym;
    return globalSym(name);
  }

  // ---------------------------------------------------------------- static values

  private unwrap(node: SyntaxNode | null): SyntaxNode | null {
    let cur = node;
    for (let i = 0; i < 16 && cur !== null; i++) {
      const type = cur.type;
      if (type === 'parenthesized_expression' || type === 'sequence_expression') {
        // (0, eval)(x): the comma operator yields its last operand, a classic way to call eval indirectly.
        cur = cur.lastNamedChild;
      } else if (
        type === 'await_expression' ||
        type === 'as_expression' ||
        type === 'non_null_expression' ||
        type === 'satisfies_expression' ||
        type === 'type_assertion'
      ) {
        cur = type === 'type_assertion' ? cur.lastNamedChild : cur.firstNamedChild;
      } else {
        return cur;
      }
    }
    return cur;
  }

  private propertyName(node: SyntaxNode): string | undefined {
    if (node.type === 'member_expression') {
      const prop = node.childForFieldName('property');
      return prop === null ? undefined : this.src(prop);
    }
    if (node.type === 'subscript_expression') return this.fold(node.childForFieldName('index'));
    return undefined;
  }

  /** What an expression refers to, as far as requires, imports and simple assignments tell. */
  valueOf(input: SyntaxNode | null, depth = 0): Sym | undefined {
    const node = this.unwrap(input);
    if (node === null || depth > MAX_DEPTH) return undefined;
    switch (node.type) {
      case 'identifier':
        return this.lookupOrGlobal(this.src(node), node.startIndex);
      case 'member_expression':
      case 'subscript_expression': {
        const prop = this.propertyName(node);
        if (prop === undefined) return undefined;
        return memberOf(this.valueOf(node.childForFieldName('object'), depth + 1), prop);
      }
      case 'call_expression':
        return this.callResult(node, depth + 1);
      case 'new_expression': {
        const callee = this.calleeOf(node.childForFieldName('constructor'), depth + 1);
        return callee.resolved ? { k: 'instance', type: callee.name } : undefined;
      }
      case 'assignment_expression':
        return this.valueOf(node.childForFieldName('right'), depth + 1);
      case 'string':
      case 'template_string':
      case 'binary_expression': {
        const folded = this.fold(node, depth + 1);
        return folded === undefined ? undefined : { k: 'str', value: folded };
      }
      default:
        return undefined;
    }
  }

  private callArgs(node: SyntaxNode): SyntaxNode[] {
    const args = node.childForFieldName('arguments');
    if (args === null || args.type !== 'arguments') return [];
    return args.namedChildren.filter((a): a is SyntaxNode => a !== null && a.type !== 'comment');
  }

  private callResult(node: SyntaxNode, depth: number): Sym | undefined {
    const callee = this.calleeOf(node.childForFieldName('function'), depth);
    if (!callee.resolved) {
      const folded = this.foldCall(node, depth);
      return folded === undefined ? undefined : { k: 'str', value: folded };
    }
    const name = callee.name;
    if (REQUIRERS.has(name)) {
      const module = this.fold(this.callArgs(node)[0] ?? null, depth);
      return module === undefined ? undefined : { k: 'module', name: normalizeModule(module) };
    }
    if (BINDING_LOADERS.has(name)) {
      const binding = this.fold(this.callArgs(node)[0] ?? null, depth);
      return binding === undefined ? undefined : { k: 'module', name: `process.binding.${binding}` };
    }
    // createRequire(import.meta.url) gives a require of its own.
    if (name === 'module.createRequire' || name === 'module.createRequireFromPath') {
      return { k: 'ref', name: 'builtins.require' };
    }
    if (name === 'Reflect.get') {
      const [target, key] = this.callArgs(node);
      const prop = this.fold(key ?? null, depth);
      return prop === undefined ? undefined : memberOf(this.valueOf(target ?? null, depth), prop);
    }
    // eval.bind(null) is eval with a fixed receiver.
    if (name.endsWith('.bind')) {
      const target = name.slice(0, -'.bind'.length);
      if (target.includes('.')) return { k: 'ref', name: canonicalCallee(target) };
    }
    if (isClassName(name)) return { k: 'instance', type: name };
    const folded = this.foldCall(node, depth);
    return folded === undefined ? undefined : { k: 'str', value: folded };
  }

  /** `Object.getOwnPropertyDescriptor(globalThis, 'eval')`: the property the descriptor's `.value` holds. */
  private describedProperty(input: SyntaxNode | null, depth: number): Sym | undefined {
    const call = this.unwrap(input);
    if (call === null || call.type !== 'call_expression') return undefined;
    const getter = this.calleeOf(call.childForFieldName('function'), depth + 1);
    if (
      !getter.resolved ||
      (getter.name !== 'Object.getOwnPropertyDescriptor' &&
        getter.name !== 'Reflect.getOwnPropertyDescriptor')
    )
      return undefined;
    const [target, key] = this.callArgs(call);
    const prop = this.fold(key ?? null, depth);
    return prop === undefined ? undefined : memberOf(this.valueOf(target ?? null, depth), prop);
  }

  /** The API a call reaches, or the source text / '*.name' when it cannot be known. */
  calleeOf(input: SyntaxNode | null, depth = 0): { name: string; resolved: boolean } {
    const fn = this.unwrap(input);
    if (fn === null) return { name: '', resolved: false };
    const type = fn.type;
    if (type === 'import') return { name: 'builtins.import', resolved: true };
    if (type === 'member_expression' || type === 'subscript_expression') {
      const prop = this.propertyName(fn);
      if (prop === undefined) return { name: `*.${cap(this.capped(fn, 60))}`, resolved: false };
      const described =
        prop === 'value' ? this.describedProperty(fn.childForFieldName('object'), depth) : undefined;
      if (described?.k === 'module' || described?.k === 'ref')
        return { name: described.name, resolved: true };
      const base = this.valueOf(fn.childForFieldName('object'), depth + 1);
      const sym = memberOf(base, prop);
      if (sym?.k === 'module' || sym?.k === 'ref') return { name: sym.name, resolved: true };
      return { name: `*.${prop}`, resolved: false };
    }
    const sym = this.valueOf(fn, depth + 1);
    if (sym?.k === 'module' || sym?.k === 'ref') return { name: sym.name, resolved: true };
    if (type === 'identifier') return { name: this.src(fn), resolved: false };
    return { name: this.capped(fn, 80), resolved: false };
  }

  /** The string an expression evaluates to, when that is knowable without running anything. */
  fold(input: SyntaxNode | null, depth = 0): string | undefined {
    const node = this.unwrap(input);
    if (node === null || depth > MAX_DEPTH) return undefined;
    switch (node.type) {
      case 'string':
        return decodeJsString(this.src(node), MAX_STRING_CHARS);
      case 'template_string': {
        let out = '';
        for (const part of node.namedChildren) {
          if (part === null) continue;
          if (part.type === 'template_substitution') {
            const value = this.fold(part.firstNamedChild, depth + 1);
            if (value === undefined) return undefined;
            out += value;
          } else if (part.type === 'string_fragment' || part.type === 'escape_sequence') {
            out += decodeJsEscapes(this.src(part), MAX_STRING_CHARS).value;
          }
          if (out.length > MAX_STRING_CHARS) return out.slice(0, MAX_STRING_CHARS);
        }
        return out;
      }
      case 'number':
        return undefined;
      case 'identifier': {
        const sym = this.lookup(this.src(node), node.startIndex);
        return sym?.k === 'str' ? sym.value : undefined;
      }
      case 'binary_expression':
        return this.foldBinary(node, depth);
      case 'call_expression':
        return this.foldCall(node, depth);
      case 'array':
        return undefined;
      default:
        return undefined;
    }
  }

  private foldBinary(node: SyntaxNode, depth: number): string | undefined {
    if (node.childForFieldName('operator')?.type !== '+') return undefined;
    // 'a' + 'b' + … nests to the left; walk the spine without recursion so a long chain cannot overflow.
    const rights: SyntaxNode[] = [];
    let cur: SyntaxNode | null = node;
    let guard = 0;
    while (cur !== null && cur.type === 'binary_expression' && guard++ < 100_000) {
      if (cur.childForFieldName('operator')?.type !== '+') break;
      const right = cur.childForFieldName('right');
      if (right === null) return undefined;
      rights.push(right);
      cur = cur.childForFieldName('left');
    }
    let out = this.fold(cur, depth + 1);
    if (out === undefined) return undefined;
    for (let i = rights.length - 1; i >= 0; i--) {
      const part = this.fold(rights[i]!, depth + 1);
      if (part === undefined) return undefined;
      out += part;
      if (out.length > MAX_STRING_CHARS) return out.slice(0, MAX_STRING_CHARS);
    }
    return out;
  }

  private numberOf(node: SyntaxNode | null): number | undefined {
    const inner = this.unwrap(node);
    if (inner === null || inner.type !== 'number') return undefined;
    const value = Number(this.src(inner).replace(/_/g, ''));
    return Number.isSafeInteger(value) ? value : undefined;
  }

  /** String.fromCharCode(…), 'x'.split('').reverse().join(''), [..].join(''), atob / Buffer.from(…).toString(). */
  private foldCall(node: SyntaxNode, depth: number): string | undefined {
    const fn = this.unwrap(node.childForFieldName('function'));
    if (fn === null || depth > MAX_DEPTH) return undefined;
    const args = this.callArgs(node);
    if (fn.type === 'member_expression') {
      const method = this.propertyName(fn);
      const receiver = fn.childForFieldName('object');
      if (method === 'join' && args.length <= 1) {
        const sep = args.length === 0 ? ',' : this.fold(args[0]!, depth + 1);
        if (sep === undefined) return undefined;
        const list = this.foldList(receiver, depth + 1);
        return list === undefined ? undefined : list.join(sep).slice(0, MAX_STRING_CHARS);
      }
      if (method === 'fromCharCode' || method === 'fromCodePoint') {
        const base = this.valueOf(receiver, depth + 1);
        if (base?.k !== 'module' || base.name !== 'String') return undefined;
        let out = '';
        for (const arg of args) {
          const code = this.numberOf(arg);
          if (code === undefined || code < 0 || code > 0x10ffff) return undefined;
          out += String.fromCodePoint(code);
        }
        return out;
      }
      if (method === 'toString' && receiver !== null) {
        // Buffer.from('Y2hpbGRfcHJvY2Vzcw==', 'base64').toString(): names hidden in base64 or hex.
        const inner = this.unwrap(receiver);
        if (inner?.type !== 'call_expression') return this.fold(receiver, depth + 1);
        const callee = this.calleeOf(inner.childForFieldName('function'), depth + 1).name;
        if (callee !== 'Buffer.from') return undefined;
        const [data, encoding] = this.callArgs(inner);
        const value = this.fold(data ?? null, depth + 1);
        const enc = encoding === undefined ? 'utf8' : this.fold(encoding, depth + 1);
        if (value === undefined || (enc !== 'base64' && enc !== 'hex' && enc !== 'utf8')) return undefined;
        return Buffer.from(value, enc).toString('latin1').slice(0, MAX_STRING_CHARS);
      }
      if ((method === 'toLowerCase' || method === 'toUpperCase' || method === 'trim') && args.length === 0) {
        const value = this.fold(receiver, depth + 1);
        if (value === undefined) return undefined;
        return method === 'trim'
          ? value.trim()
          : method === 'toLowerCase'
            ? value.toLowerCase()
            : value.toUpperCase();
      }
      if (method === 'concat') {
        let out = this.fold(receiver, depth + 1);
        for (const arg of args) {
          const part = out === undefined ? undefined : this.fold(arg, depth + 1);
          out = part === undefined ? undefined : out + part;
        }
        return out?.slice(0, MAX_STRING_CHARS);
      }
      return undefined;
    }
    if (fn.type === 'identifier') {
      const callee = this.calleeOf(fn, depth + 1).name;
      if (callee === 'builtins.atob' && args.length === 1) {
        const value = this.fold(args[0]!, depth + 1);
        return value === undefined ? undefined : Buffer.from(value, 'base64').toString('latin1');
      }
      if (callee === 'builtins.String' || callee === 'String')
        return args.length === 1 ? this.fold(args[0]!, depth + 1) : undefined;
    }
    return undefined;
  }

  /** The strings of an array literal, or of 'abc'.split('') / .reverse() on one. */
  private foldList(input: SyntaxNode | null, depth: number): string[] | undefined {
    const node = this.unwrap(input);
    if (node === null || depth > MAX_DEPTH) return undefined;
    if (node.type === 'array') {
      const out: string[] = [];
      let size = 0;
      for (const item of node.namedChildren) {
        if (item === null || item.type === 'comment') continue;
        const value = this.fold(item, depth + 1);
        if (value === undefined) return undefined;
        out.push(value);
        size += value.length;
        if (size > MAX_STRING_CHARS || out.length > 10_000) return undefined;
      }
      return out;
    }
    if (node.type !== 'call_expression') return undefined;
    const fn = this.unwrap(node.childForFieldName('function'));
    if (fn?.type !== 'member_expression') return undefined;
    const method = this.propertyName(fn);
    const receiver = fn.childForFieldName('object');
    if (method === 'reverse') return this.foldList(receiver, depth + 1)?.reverse();
    if (method === 'split') {
      const sep = this.fold(this.callArgs(node)[0] ?? null, depth + 1);
      const value = this.fold(receiver, depth + 1);
      return sep === undefined || value === undefined ? undefined : value.split(sep);
    }
    return undefined;
  }

  staticValue(input: SyntaxNode, depth = 0): StaticValue {
    const node = this.unwrap(input) ?? input;
    switch (node.type) {
      case 'string':
        return { kind: 'string', value: decodeJsString(this.src(node), MAX_STRING_CHARS) };
      case 'template_string': {
        const folded = this.fold(node, depth + 1);
        if (!node.namedChildren.some((c) => c?.type === 'template_substitution') && folded !== undefined) {
          return { kind: 'string', value: folded };
        }
        return { kind: 'expr', text: this.capped(node), ...(folded !== undefined ? { folded } : {}) };
      }
      case 'number': {
        const value = Number(this.src(node).replace(/_/g, ''));
        return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'expr', text: this.capped(node) };
      }
      case 'true':
        return { kind: 'bool', value: true };
      case 'false':
        return { kind: 'bool', value: false };
      case 'null':
      case 'undefined':
        return { kind: 'none' };
      case 'identifier':
      case 'member_expression':
      case 'subscript_expression': {
        const sym = this.valueOf(node, depth);
        const text = this.capped(node);
        if (sym?.k === 'str') return { kind: 'expr', text, folded: sym.value };
        if (sym?.k === 'module' || sym?.k === 'ref') return { kind: 'ref', name: sym.name };
        return { kind: 'ref', name: text };
      }
      case 'call_expression':
      case 'new_expression': {
        const folded = node.type === 'call_expression' ? this.foldCall(node, depth + 1) : undefined;
        if (folded !== undefined) return { kind: 'expr', text: this.capped(node), folded };
        const fn = node.childForFieldName(node.type === 'call_expression' ? 'function' : 'constructor');
        const callee = this.calleeOf(fn, depth + 1);
        return { kind: 'call', callee: callee.name, text: this.capped(node) };
      }
      default: {
        const folded = this.fold(node, depth + 1);
        return { kind: 'expr', text: this.capped(node), ...(folded !== undefined ? { folded } : {}) };
      }
    }
  }

  // ---------------------------------------------------------------- node handlers

  visit(node: SyntaxNode, type: string): void {
    this.scopes.advance(node.startIndex);
    this.flow.advance(node.startIndex);
    switch (type) {
      case 'call_expression':
      case 'new_expression':
        this.onCall(node, type);
        return;
      case 'string':
      case 'template_string':
        this.onString(node, type);
        return;
      case 'variable_declarator':
        this.onDeclarator(node);
        return;
      case 'assignment_expression':
        this.onAssignment(node);
        return;
      case 'augmented_assignment_expression':
        this.onAugmented(node);
        return;
      case 'import_statement':
        this.onImport(node);
        return;
      case 'member_expression':
        this.onMember(node);
        return;
      case 'class_declaration': {
        const name = node.childForFieldName('name');
        if (name !== null) this.scopes.bind(this.scopes.at(node.startIndex), this.src(name), LOCAL);
        return;
      }
      case 'for_statement':
      case 'while_statement':
      case 'do_statement':
        if (this.scopes.at(node.startIndex).kind === 'module') this.onModuleLoop(node);
        return;
      case 'return_statement':
        this.flow.onReturn(node);
        return;
      default:
        if (FUNCTION_TYPES.has(type)) this.onFunction(node, type);
        return;
    }
  }

  private onFunction(node: SyntaxNode, type: string): void {
    const index = node.startIndex;
    if (type === 'function_declaration' || type === 'generator_function_declaration') {
      const name = node.childForFieldName('name');
      if (name !== null) this.scopes.bind(this.scopes.at(index), this.src(name), LOCAL);
    }
    const body = node.childForFieldName('body');
    const params = node.childForFieldName('parameters') ?? node.childForFieldName('parameter');
    const scope = this.scopes.push(
      'function',
      params?.startIndex ?? body?.startIndex ?? node.endIndex,
      node.endIndex,
    );
    if (params === null) {
      this.flow.enterFunction(node, []);
      return;
    }
    // Parameters shadow requires and globals of the same name inside the body.
    const names =
      params.type === 'identifier'
        ? [params]
        : params.descendantsOfType(['identifier', 'shorthand_property_identifier_pattern']);
    const paramNames: string[] = [];
    for (const param of names) {
      if (param === null) continue;
      const name = this.src(param);
      paramNames.push(name);
      if (!WRAPPER_PARAMS.has(name)) this.scopes.bind(scope, name, LOCAL);
    }
    this.flow.enterFunction(node, paramNames);
  }

  /**
   * A loop at module level that nothing ends: no condition that can turn false (`for (;;)`, `while (true)`,
   * `i < Infinity`) and no break, return, throw or exit inside. It runs when the file is loaded and never lets
   * the program go on — the sabotage shape of the 2022 colors release.
   */
  private onModuleLoop(node: SyntaxNode): void {
    const condition = node.childForFieldName('condition');
    const text =
      condition === null
        ? ''
        : this.src(condition)
            .replace(/^\(|\)$/g, '')
            .trim();
    const endless =
      condition === null ||
      text === '' ||
      text === ';' ||
      /^(?:true|1|!0|!!1)\s*;?$/.test(text) ||
      /<=?\s*Infinity\b/.test(text);
    if (!endless) return;
    const body = node.childForFieldName('body');
    if (body === null || body.endIndex - body.startIndex > 20_000) return;
    if (/\b(?:break|return|throw|await|yield)\b|process\.exit/.test(this.src(body))) return;
    this.addConstruct('endless-loop', node, cap(this.src(node).split('\n')[0] ?? ''));
  }

  private onImport(node: SyntaxNode): void {
    const scope = this.scopes.at(node.startIndex);
    const source = node.childForFieldName('source');
    const requireClause = node.namedChildren.find((c) => c?.type === 'import_require_clause') ?? null;
    if (requireClause !== null) {
      // TypeScript `import fs = require('fs')`.
      const alias = requireClause.firstNamedChild;
      const spec = this.fold(requireClause.childForFieldName('source'));
      if (spec === undefined || alias === null) return;
      const module = normalizeModule(spec);
      this.addImport(node, { module, alias: this.src(alias), dynamic: false });
      this.scopes.bind(scope, this.src(alias), { k: 'module', name: module });
      return;
    }
    const spec = this.fold(source);
    if (spec === undefined) return;
    const module = normalizeModule(spec);
    const clause = node.namedChildren.find((c) => c?.type === 'import_clause') ?? null;
    if (clause === null) {
      this.addImport(node, { module, dynamic: false });
      return;
    }
    for (const part of clause.namedChildren) {
      if (part === null) continue;
      if (part.type === 'identifier') {
        const alias = this.src(part);
        this.addImport(node, { module, member: 'default', alias, dynamic: false });
        this.scopes.bind(scope, alias, { k: 'module', name: module });
      } else if (part.type === 'namespace_import') {
        const id = part.firstNamedChild;
        if (id === null) continue;
        const alias = this.src(id);
        this.addImport(node, { module, member: '*', alias, dynamic: false });
        this.scopes.bind(scope, alias, { k: 'module', name: module });
      } else if (part.type === 'named_imports') {
        for (const spec of part.namedChildren) {
          if (spec?.type !== 'import_specifier') continue;
          const nameNode = spec.childForFieldName('name');
          if (nameNode === null) continue;
          const member =
            nameNode.type === 'string' ? decodeJsString(this.src(nameNode), 200) : this.src(nameNode);
          const aliasNode = spec.childForFieldName('alias');
          const alias = aliasNode === null ? member : this.src(aliasNode);
          this.addImport(node, { module, member, alias, dynamic: false });
          this.scopes.bind(
            scope,
            alias,
            member === 'default' ? { k: 'module', name: module } : { k: 'ref', name: `${module}.${member}` },
          );
        }
      }
    }
  }

  private addImport(node: SyntaxNode, fact: ImportShape): void {
    this.facts.addImport(node, fact);
  }

  /** Binds the names of a pattern: `{ exec: run, spawn }` of a module binds run → module.exec. */
  private bindPattern(
    pattern: SyntaxNode,
    value: Sym | undefined,
    scope: Scope<Sym>,
    at: number,
    depth = 0,
  ): void {
    if (depth > 8) return;
    if (pattern.type === 'identifier') {
      this.scopes.bindLater(at, scope, this.src(pattern), value ?? LOCAL);
      return;
    }
    if (pattern.type === 'object_pattern') {
      for (const prop of pattern.namedChildren) {
        if (prop === null) continue;
        if (prop.type === 'shorthand_property_identifier_pattern') {
          const name = this.src(prop);
          this.scopes.bindLater(at, scope, name, memberOf(value, name) ?? LOCAL);
        } else if (prop.type === 'pair_pattern') {
          const keyNode = prop.childForFieldName('key');
          const target = prop.childForFieldName('value');
          if (keyNode === null || target === null) continue;
          const key =
            keyNode.type === 'property_identifier'
              ? this.src(keyNode)
              : keyNode.type === 'computed_property_name'
                ? this.fold(keyNode.firstNamedChild)
                : this.fold(keyNode);
          const inner = target.type === 'assignment_pattern' ? target.childForFieldName('left') : target;
          if (inner !== null)
            this.bindPattern(
              inner,
              key === undefined ? undefined : memberOf(value, key),
              scope,
              at,
              depth + 1,
            );
        } else if (prop.type === 'object_assignment_pattern') {
          const left = prop.childForFieldName('left');
          if (left?.type === 'shorthand_property_identifier_pattern') {
            const name = this.src(left);
            this.scopes.bindLater(at, scope, name, memberOf(value, name) ?? LOCAL);
          }
        } else if (prop.type === 'rest_pattern') {
          const id = prop.firstNamedChild;
          if (id?.type === 'identifier') this.scopes.bindLater(at, scope, this.src(id), LOCAL);
        }
      }
      return;
    }
    for (const id of pattern.descendantsOfType(['identifier'])) {
      if (id !== null) this.scopes.bindLater(at, scope, this.src(id), LOCAL);
    }
  }

  private onDeclarator(node: SyntaxNode): void {
    const name = node.childForFieldName('name');
    if (name === null) return;
    const value = node.childForFieldName('value');
    const scope = this.scopes.at(node.startIndex);
    if (name.type === 'identifier' && REQUIRE_ALIASES.has(this.src(name))) return;
    this.flow.onBinding(name, value);
    this.bindPattern(name, value === null ? undefined : this.valueOf(value), scope, node.endIndex);
  }

  private onAssignment(node: SyntaxNode): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (left === null || right === null) return;
    this.flow.onBinding(left, right);
    if (left.type === 'identifier' || left.type === 'object_pattern') {
      const name = left.type === 'identifier' ? this.src(left) : '';
      if (REQUIRE_ALIASES.has(name)) return;
      // Assignment without a declaration updates the nearest binding, or a global.
      this.bindPattern(left, this.valueOf(right), this.scopes.at(node.startIndex), node.endIndex);
    }
  }

  private onAugmented(node: SyntaxNode): void {
    if (node.childForFieldName('operator')?.type !== '+=') return;
    const left = node.childForFieldName('left');
    const right = this.unwrap(node.childForFieldName('right'));
    if (right === null) return;
    if (right.type === 'string' || right.type === 'template_string') {
      this.addConstruct('string-augmented-concat', node);
      return;
    }
    if (left?.type === 'identifier' && this.lookup(this.src(left), node.startIndex)?.k === 'str') {
      this.addConstruct('string-augmented-concat', node);
    }
  }

  /** process.env reads, platform and locale checks: facts that are property reads, not calls. */
  private onMember(node: SyntaxNode): void {
    const end = node.endIndex;
    // Cheap text test first: most member expressions in a bundle are of no interest.
    const tail = this.text.slice(Math.max(node.startIndex, end - 12), end);
    const m = /([A-Za-z_$][\w$]*)\s*$/.exec(tail);
    const prop = m?.[1];
    if (prop === undefined) return;
    if (prop === 'env') {
      const base = this.valueOf(node.childForFieldName('object'));
      if (base?.k !== 'module' || base.name !== 'process') return;
      let parent = node.parent;
      while (parent?.type === 'parenthesized_expression') parent = parent.parent;
      let name = 'process.env';
      const target = parent !== null && parent.childForFieldName('object')?.id === node.id ? parent : null;
      if (
        target !== null &&
        (target.type === 'member_expression' || target.type === 'subscript_expression')
      ) {
        const key = this.propertyName(target);
        name = key === undefined ? 'process.env[*]' : `process.env.${key}`;
      }
      this.addConstruct('member-read', node, name);
      return;
    }
    if (LOCALE_MEMBER.test(prop)) {
      const object = this.unwrap(node.childForFieldName('object'));
      if (object?.type !== 'call_expression') return;
      const callee = this.calleeOf(object.childForFieldName('function'));
      if (callee.resolved) this.addConstruct('member-read', node, `${callee.name}().${prop}`);
      return;
    }
    if (!/^(?:platform|arch|getuid|versions|mainModule|language|languages|userAgent|EOL)$/.test(prop)) return;
    const sym = memberOf(this.valueOf(node.childForFieldName('object')), prop);
    if ((sym?.k === 'ref' || sym?.k === 'module') && WATCHED_MEMBER.test(sym.name)) {
      this.addConstruct('member-read', node, sym.name);
    }
  }

  private addCall(
    node: SyntaxNode,
    callee: string,
    resolved: boolean,
    args: StaticValue[],
    keywords: Keyword[],
  ): void {
    this.facts.addCall(node, callee, resolved, args, keywords, this.scopes.at(node.startIndex).kind);
  }

  private onCall(node: SyntaxNode, type: string): void {
    const isNew = type === 'new_expression';
    const fn = node.childForFieldName(isNew ? 'constructor' : 'function');
    const callee = this.calleeOf(fn);
    const argNodes = this.callArgs(node);
    const args: StaticValue[] = [];
    const keywords: { name: string; value: StaticValue }[] = [];
    for (const arg of argNodes) {
      if (args.length < MAX_ARGS) args.push(this.staticValue(arg));
      // Options objects play the part of Python's keywords: spawn(cmd, { detached: true, shell: true }).
      if (arg.type === 'object') {
        for (const pair of arg.namedChildren) {
          if (pair?.type !== 'pair' || keywords.length >= MAX_ARGS) continue;
          const key = pair.childForFieldName('key');
          const value = pair.childForFieldName('value');
          if (key === null || value === null) continue;
          const name = key.type === 'property_identifier' ? this.src(key) : this.fold(key);
          if (name !== undefined) keywords.push({ name, value: this.staticValue(value) });
        }
      }
    }
    let name = callee.resolved ? canonicalCallee(callee.name) : callee.name;
    let resolved = callee.resolved;
    let passed = args;
    // eval.call(null, code), Reflect.apply(eval, null, [code]): report the function reached, with its arguments.
    const invoked = resolved ? invokerTarget(name) : undefined;
    if (invoked !== undefined) {
      name = invoked.target;
      passed = invoked.invoker === 'call' ? args.slice(1) : this.spreadArray(argNodes[1]);
    } else if (resolved && name === 'Reflect.apply' && args[0]?.kind === 'ref') {
      name = canonicalCallee(args[0].name);
      passed = this.spreadArray(argNodes[2]);
    } else if (!resolved && this.isFunctionConstructorOf(fn)) {
      name = 'builtins.Function';
      resolved = true;
    }
    this.addCall(node, name, resolved, passed, keywords);
    this.flow.onCall(node, name, resolved, argNodes);
    if (callee.resolved && REQUIRERS.has(name)) {
      const first = argNodes[0];
      const literal =
        first !== undefined &&
        (first.type === 'string' ||
          (first.type === 'template_string' &&
            first.namedChildren.every((c) => c?.type !== 'template_substitution')));
      const folded = first === undefined ? undefined : this.fold(first);
      const module =
        folded === undefined ? (first === undefined ? '' : this.capped(first)) : normalizeModule(folded);
      // A literal require('fs') is the ordinary import; anything computed, or reached through module internals, is dynamic.
      const dynamic = !literal || (name !== 'builtins.require' && name !== 'builtins.import');
      this.addImport(node, { module, dynamic });
    }
  }

  /** The elements of an array literal as static values (the arguments `apply` passes on); [] for anything else. */
  private spreadArray(input: SyntaxNode | undefined): StaticValue[] {
    const node = this.unwrap(input ?? null);
    if (node === null || node.type !== 'array') return [];
    const out: StaticValue[] = [];
    for (const element of node.namedChildren) {
      if (element === null || element.type === 'comment') continue;
      if (out.length >= MAX_ARGS) break;
      out.push(this.staticValue(element));
    }
    return out;
  }

  /** `(() => {}).constructor`: the constructor of a function is Function. */
  private isFunctionConstructorOf(input: SyntaxNode | null): boolean {
    const fn = this.unwrap(input);
    if (fn === null || fn.type !== 'member_expression' || this.propertyName(fn) !== 'constructor')
      return false;
    const object = this.unwrap(fn.childForFieldName('object'));
    return object !== null && FUNCTION_NODE_TYPES.has(object.type);
  }

  // ---------------------------------------------------------------- strings and constructs

  private chainFor(start: SyntaxNode): Chain {
    const ids: number[] = [];
    let cur = start;
    let chain: Chain | undefined;
    for (let guard = 0; guard < 200_000; guard++) {
      const known = this.chains.get(cur.id);
      if (known !== undefined) {
        chain = known;
        break;
      }
      ids.push(cur.id);
      let up = cur.parent;
      while (up !== null && up.type === 'parenthesized_expression') up = up.parent;
      if (up === null || up.type !== 'binary_expression' || up.childForFieldName('operator')?.type !== '+') {
        chain = { top: cur, strings: 0 };
        break;
      }
      cur = up;
    }
    chain ??= { top: cur, strings: 0 };
    for (const id of ids) this.chains.set(id, chain);
    return chain;
  }

  private onString(node: SyntaxNode, type: string): void {
    let value: string;
    let interpolated = false;
    if (type === 'template_string') {
      value = '';
      for (const part of node.namedChildren) {
        if (part === null) continue;
        if (part.type === 'template_substitution') interpolated = true;
        else if (part.type === 'string_fragment' || part.type === 'escape_sequence') {
          value += decodeJsEscapes(this.src(part), MAX_STRING_CHARS).value;
        }
        if (value.length >= MAX_STRING_CHARS) break;
      }
    } else {
      value = decodeJsString(this.src(node), MAX_STRING_CHARS);
    }
    let parent = node.parent;
    let child = node;
    while (parent !== null && parent.type === 'parenthesized_expression') {
      child = parent;
      parent = parent.parent;
    }
    const parentType = parent?.type;
    // Import sources and directives ('use strict') are not data.
    const docstring = parentType === 'expression_statement';
    if (parentType !== 'import_statement') this.facts.addString(node, value, docstring);
    if (interpolated) this.addConstruct('fstring', node);
    this.facts.noteEntropy(node, value);
    if (
      parentType === 'binary_expression' &&
      parent !== null &&
      parent.childForFieldName('operator')?.type === '+'
    ) {
      void child;
      this.chainFor(parent).strings++;
    }
  }

  finish(): void {
    this.flow.finish();
    for (const hit of this.flow.hits) this.addConstruct('data-flow', hit.node, hit.detail);
    const done = new Set<Chain>();
    for (const chain of this.chains.values()) {
      if (done.has(chain)) continue;
      done.add(chain);
      if (chain.strings === 0) continue;
      const folded = this.fold(chain.top);
      this.addConstruct('string-concat', chain.top, folded === undefined ? undefined : cap(folded));
    }
    // Last, so that links never take the place of the facts behaviors read when a file reaches the cap.
    const constructs = this.facts.constructs;
    for (const link of this.flow.links) {
      if (constructs.length >= MAX_CONSTRUCTS) break;
      constructs.push({ ...this.facts.where(link.node), kind: 'flow-link', detail: link.detail });
    }
    this.facts.sortConstructs();
  }

  /** Text-level facts that need no tree: the longest line and obfuscator output. */
  scanText(): void {
    this.facts.noteLongestLine();
    const signals = obfuscationSignals(this.text);
    const reasons = obfuscatorVerdict(signals);
    if (reasons !== undefined)
      this.facts.addTextConstruct('obfuscator-output', signals.firstIndex, reasons.join(', '));
  }

  /** The token-level reading of a large file (see lexical.ts). */
  readLexically(maxSteps: number): boolean {
    const facts = scanLexical(this.text, this.lexicalHooks(), maxSteps);
    const { imports, calls, strings, constructs } = this.facts;
    imports.push(...facts.imports);
    calls.push(...facts.calls);
    strings.push(...facts.strings);
    for (const fact of facts.strings) {
      if (constructs.length >= MAX_CONSTRUCTS) continue;
      const detail = entropyDetail(fact.value);
      if (detail === undefined) continue;
      constructs.push({
        ...fact,
        snippet: this.facts.lines.snippet(fact.line - 1, fact.column - 1),
        kind: 'high-entropy-string',
        detail,
      });
    }
    constructs.push(...facts.constructs.slice(0, Math.max(0, MAX_CONSTRUCTS - constructs.length)));
    this.facts.sortConstructs();
    if (facts.capped) {
      this.facts.partial = true;
      this.facts.problems.push({
        file: this.file,
        kind: 'capped',
        message: 'the file holds more facts than are kept; the rest were not kept',
      });
    }
    return facts.timedOut;
  }

  /**
   * Broken code: tree-sitter recovers most of a damaged file, but a call cut off by truncation or garbage
   * can vanish into an error node. The token reader sees it; its named calls and requires that the tree
   * did not yield are added.
   */
  mergeLexicalForBrokenCode(maxSteps: number): void {
    const { imports, calls } = this.facts;
    const seen = new Set(calls.map((call) => `${call.line}:${call.callee}`));
    const seenImports = new Set(imports.map((fact) => `${fact.line}:${fact.module}`));
    const facts = scanLexical(this.text, this.lexicalHooks(), maxSteps);
    for (const call of facts.calls) {
      if (!call.resolved || seen.has(`${call.line}:${call.callee}`) || calls.length >= MAX_CALLS) continue;
      calls.push(call);
    }
    for (const fact of facts.imports) {
      if (seenImports.has(`${fact.line}:${fact.module}`) || imports.length >= MAX_IMPORTS) continue;
      imports.push(fact);
    }
    calls.sort((a, b) => a.line - b.line || a.column - b.column);
  }

  private lexicalHooks(): Parameters<typeof scanLexical>[1] {
    return {
      file: this.file,
      globalName: (name) => {
        const sym = globalSym(name);
        return sym?.k === 'module' || sym?.k === 'ref' ? sym.name : undefined;
      },
      normalizeModule,
      where: (index) => this.facts.placeOf(index),
    };
  }
}

function parseWithin(dialect: JsDialect, text: string, steps: WorkCounter): Tree | null {
  const parser = javascriptParser(dialect);
  // Counted calls, not the clock: the same file stops at the same step on a busy machine.
  const tree = parser.parse(text, null, { progressCallback: () => steps.spend() });
  if (tree === null) parser.reset();
  return tree;
}

function decodeSource(bytes: Buffer): { text: string; warning?: string } {
  const text = bytes.toString('utf8');
  // U+FFFD marks bytes that were not UTF-8; JavaScript sources are UTF-8 by specification in Node.
  const warning = text.includes('\uFFFD')
    ? 'the file is not valid UTF-8; odd bytes were replaced'
    : undefined;
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return warning === undefined ? { text: clean } : { text: clean, warning };
}

/** Facts and the problems met while reading them (timeouts, parse errors, decoding). */
export function analyzeJavaScriptSourceDetailed(
  file: string,
  bytes: Buffer,
  options: JavaScriptAnalysisOptions = {},
): JavaScriptAnalysis {
  if (options.dialect === undefined && /\.d\.[cm]?ts$/i.test(file)) {
    // Declaration files hold types only; bundled ones run to megabytes (lib.dom.d.ts) and say nothing.
    return {
      facts: {
        file,
        language: 'typescript',
        imports: [],
        calls: [],
        strings: [],
        constructs: [],
        partial: false,
      },
      problems: [],
    };
  }
  const work = workLimits(options.work);
  const dialect = options.dialect ?? dialectOf(file) ?? 'javascript';
  const language: SourceLanguage = dialect === 'javascript' ? 'javascript' : 'typescript';
  const source = readSource(file, bytes, options.maxBytes ?? DEFAULT_MAX_BYTES, decodeSource);
  // A hashbang line is not JavaScript to every grammar version; blank it, keeping offsets.
  let text = source.text;
  if (text.startsWith('#!')) {
    const eol = text.indexOf('\n');
    text = ' '.repeat(eol < 0 ? text.length : eol) + (eol < 0 ? '' : text.slice(eol));
  }
  const problems: AnalysisProblem[] = [...source.problems];
  let partial = source.partial;

  const analyzer = new FileAnalyzer(file, text, language);
  analyzer.scanText();

  if (readByTokens(text)) {
    if (analyzer.readLexically(work.lexicalSteps)) {
      partial = true;
      problems.push({
        file,
        kind: 'timeout',
        message: `the token reader passed its budget of ${work.lexicalSteps} steps; facts are incomplete`,
      });
    }
  } else {
    const read = readTree({
      file,
      text,
      parse: (input, steps) => parseWithin(dialect, input, steps),
      resetParser: () => resetJavaScriptParser(dialect),
      view: (tree) => treeView(tree, javascriptFastRuntime(dialect)),
      parseSteps: work.parseSteps,
      fallbackPrefixes: [],
      // Deep nesting or pathological code: the parse gave up. The token reader reads the whole file (it
      // has no nesting to overflow), and the scan is marked incomplete because scopes were not read.
      parseGaveUp: () => {
        const gaveUp: AnalysisProblem[] = [
          {
            file,
            kind: 'timeout',
            message: `parsing passed its budget of ${work.parseSteps} steps; the file was read token by token instead`,
          },
        ];
        if (analyzer.readLexically(work.lexicalSteps)) {
          gaveUp.push({ file, kind: 'timeout', message: 'the token reader passed its budget as well' });
        }
        return gaveUp;
      },
      nodeTypes: NODE_TYPES,
      walked: new WorkCounter(work.walkNodes),
      visit: (node, type) => analyzer.visit(node, type),
      finish: (root, timedOut) => {
        analyzer.finish();
        if (root.hasError && !timedOut) analyzer.mergeLexicalForBrokenCode(work.lexicalSteps);
      },
    });
    partial ||= read.partial;
    problems.push(...read.problems);
  }
  const facts = analyzer.facts.result();
  return {
    facts: { ...facts, partial: partial || facts.partial },
    problems: [...problems, ...analyzer.facts.problems],
  };
}

/**
 * Facts about one JavaScript or TypeScript file. Synchronous; `initJavaScriptParser()` must have
 * resolved first. Broken code, odd bytes, caps and timeouts give `partial: true`, never a throw.
 */
export function analyzeJavaScriptSource(
  file: string,
  bytes: Buffer,
  options?: JavaScriptAnalysisOptions,
): SourceFacts {
  return analyzeJavaScriptSourceDetailed(file, bytes, options).facts;
}
