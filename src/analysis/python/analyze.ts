/**
 * Facts from one Python file: imports, calls resolved through imports and aliases, string
 * literals and shapes of obfuscation. Read with tree-sitter, never executed.
 *
 * The walk asks tree-sitter for the few node kinds that matter (in document order, found inside
 * wasm), which is several times cheaper than visiting every node from JavaScript. Scopes and
 * bindings are tracked from those nodes' ranges. Nodes come through fast-tree.ts, which reads them
 * without the library's per-call marshalling; every trip into wasm still costs, so dotted names
 * are read from the text where the tree only has to confirm where they end.
 */
import type { Tree } from 'web-tree-sitter';
import { WorkCounter, type WorkLimits, workLimits } from '../../core/budget.ts';
import { readSource, readTree } from '../code/driver.ts';
import {
  cap,
  FactCollector,
  type ImportShape,
  type Keyword,
  MAX_ARGS,
  MAX_DEPTH,
  MAX_STRING_CHARS,
} from '../code/facts.ts';
import { type Scope, ScopeStack } from '../code/scopes.ts';
import { type SyntaxNode, treeView } from '../tree-sitter/fast-tree.ts';
import type { AnalysisProblem, ConstructKind, SourceFacts, StaticValue } from '../types.ts';
import { decodePythonSource } from './decode.ts';
import { PythonFlow } from './flow.ts';
import { decodeStringLiteral } from './literals.ts';
import { pythonFastRuntime, pythonParser, resetPythonParser } from './parser.ts';

export { initPythonParser } from './parser.ts';

export interface PythonAnalysisOptions {
  /** Work budgets for one file (parse steps, nodes walked); past one, facts so far are kept. */
  readonly work?: Partial<WorkLimits>;
  /** Bytes read from one file; the rest is ignored and the facts are marked partial. */
  readonly maxBytes?: number;
}

export interface PythonAnalysis {
  readonly facts: SourceFacts;
  readonly problems: readonly AnalysisProblem[];
}

/** Bytes read from one file: all of it (the unpacker's total-bytes limit bounds the size). */
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;
/**
 * Parse steps for Python: statements are short and cheap per step (0.1 ms for `x = 1` lines), so the
 * budget is larger than JavaScript's; 9 MB of comment lines take 1,500 steps.
 */
export const PYTHON_PARSE_STEPS = 20_000;

const NON_ASCII = /[^\x00-\x7f]/;
const CHR_CHAIN_MIN = 3;
// A cancelled parse is retried on these prefixes so a huge file still yields its first facts.
const FALLBACK_PREFIX_CHARS = [64 * 1024, 8 * 1024];

const NODE_TYPES = [
  'import_statement',
  'import_from_statement',
  'call',
  'assignment',
  'augmented_assignment',
  'string',
  'concatenated_string',
  'function_definition',
  'class_definition',
  'lambda',
  'as_pattern',
  'exec_statement',
  'print_statement',
];

const BUILTINS = new Set(
  [
    'abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex',
    'copyright credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr',
    'globals hasattr hash help hex id input int isinstance issubclass iter len license list locals map max',
    'memoryview min next object oct open ord pow print property quit range repr reversed round set setattr',
    'slice sorted staticmethod str sum super tuple type vars zip __import__ __build_class__',
    // Python 2 names: old sdists still run them.
    'apply basestring buffer cmp coerce execfile file intern long raw_input reduce reload unichr unicode xrange',
  ]
    .join(' ')
    .split(' '),
);

// Classes whose names are not capitalised; calling them makes an instance we can follow.
const LOWERCASE_CLASSES = new Set(['socket.socket', 'ftplib.FTP', 'telnetlib.Telnet']);

// pathlib's concrete classes share the API behaviors key on as 'pathlib.Path.*'.
const PATHLIB_ALIASES = new Set([
  'pathlib.PurePath',
  'pathlib.PosixPath',
  'pathlib.WindowsPath',
  'pathlib.PurePosixPath',
  'pathlib.PureWindowsPath',
]);
const PATH_RETURNING = new Set([
  'absolute',
  'cwd',
  'expanduser',
  'home',
  'joinpath',
  'parent',
  'readlink',
  'relative_to',
  'resolve',
  'with_name',
  'with_stem',
  'with_suffix',
]);

const DYNAMIC_IMPORTERS = new Set(['builtins.__import__', 'importlib.import_module', 'importlib.__import__']);
const EXECUTORS = new Set(['builtins.exec', 'builtins.eval', 'builtins.execfile']);
const DECOMPRESSORS = new Set([
  'zlib.decompress',
  'lzma.decompress',
  'bz2.decompress',
  'gzip.decompress',
  'codecs.decode',
]);

const FOLDABLE_CALLS = new Set(['builtins.chr', 'builtins.unichr', 'builtins.str']);

type Sym =
  | { readonly k: 'module'; readonly name: string }
  | { readonly k: 'ref'; readonly name: string }
  | { readonly k: 'instance'; readonly type: string }
  | { readonly k: 'str'; readonly value: string }
  | { readonly k: 'local' };

const LOCAL: Sym = { k: 'local' };

interface Chain {
  readonly top: SyntaxNode;
  strings: number;
  chrCalls: number;
}

function normalizeClass(name: string): string {
  return PATHLIB_ALIASES.has(name) ? 'pathlib.Path' : name;
}

function isClassName(qualified: string): boolean {
  if (LOWERCASE_CLASSES.has(qualified)) return true;
  const last = qualified.slice(qualified.lastIndexOf('.') + 1);
  const first = last.charCodeAt(0);
  // An initial capital followed by a lower-case letter: 'Popen', 'Path'; not 'CONSTANT'.
  return first >= 65 && first <= 90 && /[a-z]/.test(last);
}

function joinModule(module: string, member: string): string {
  return module.endsWith('.') ? module + member : `${module}.${member}`;
}

function parseIntLiteral(text: string): number | undefined {
  const clean = text.replace(/_/g, '').toLowerCase().replace(/l$/, '');
  let value: number;
  if (/^0x[0-9a-f]+$/.test(clean)) value = Number.parseInt(clean.slice(2), 16);
  else if (/^0o[0-7]+$/.test(clean)) value = Number.parseInt(clean.slice(2), 8);
  else if (/^0b[01]+$/.test(clean)) value = Number.parseInt(clean.slice(2), 2);
  else if (/^0[0-7]+$/.test(clean)) value = Number.parseInt(clean.slice(1), 8);
  else if (/^[0-9]+$/.test(clean)) value = Number.parseInt(clean, 10);
  else return undefined;
  return Number.isSafeInteger(value) ? value : undefined;
}

/** The name an assignment's value is, when it is a plain name (`x = y`); the flow tracker copies its origin. */
function name0(text: string, from: number, to: number): string | undefined {
  const value = text.slice(from, to);
  return /^[A-Za-z_]\w*$/.test(value) ? value : undefined;
}

// Text fast paths. Most calls and assignments are simple (`os.path.join(a, 'b')`, `x = y.z`), and
// reading them from the source text saves a dozen wasm round trips each. Anything these patterns
// do not fully match goes the slow way through the tree, so they only need to be exact, not complete.
const IDENT = '[A-Za-z_][A-Za-z0-9_]*';
const DOTTED = `${IDENT}(?:[ \\t]*\\.[ \\t]*${IDENT})*`;
const CALLEE_RE = new RegExp(`(${DOTTED})[ \\t]*\\(`, 'y');
const ARG_STRING_RE =
  /(?:[rR][bB]?|[bB][rR]?|[uU][rR]?)?(?:'(?:[^'\\\r\n]|\\[^\r\n])*'|"(?:[^"\\\r\n]|\\[^\r\n])*")/y;
const ARG_NUMBER_RE =
  /(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][+-]?[0-9_]+)?|\.[0-9][0-9_]*(?:[eE][+-]?[0-9_]+)?)[lLjJ]?(?![A-Za-z0-9_.])/y;
const ARG_NAME_RE = new RegExp(DOTTED, 'y');
const ARG_KEYWORD_RE = new RegExp(`(${IDENT})[ \\t\\r\\n]*=(?!=)`, 'y');
const ASSIGN_NAME_RE = new RegExp(`(${IDENT})[ \\t]*=(?!=)[ \\t]*`, 'y');
const ASSIGN_ATTRIBUTE_RE = new RegExp(`${IDENT}(?:[ \\t]*\\.[ \\t]*${IDENT})+[ \\t]*=(?!=)`, 'y');
const END_OF_STATEMENT_RE = /[ \t]*(?:#[^\n]*)?(?:\r?\n|;|$)/y;
const KEYWORDS = new Set(
  'and as assert async await break class continue def del elif else except exec finally for from global if import in is lambda nonlocal not or pass print raise return try while with yield'.split(
    ' ',
  ),
);

function stickyMatch(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

function splitDotted(text: string): string[] {
  // DOTTED allows only blanks and tabs around the dots: without them there is nothing to trim.
  if (text.indexOf(' ') < 0 && text.indexOf('\t') < 0)
    return text.indexOf('.') < 0 ? [text] : text.split('.');
  return text.split('.').map((part) => part.trim());
}

/** Index of the first character at or after `at` that is not a blank, tab, newline or form feed. */
function skipBlanks(text: string, at: number): number {
  let i = at;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) i++;
    else return i;
  }
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/** Characters ARG_STRING_RE can start with: a quote or a prefix letter (r, b, u). */
function mayStartString(c: number): boolean {
  return c === 39 || c === 34 || c === 114 || c === 82 || c === 98 || c === 66 || c === 117 || c === 85;
}

/** The first word of a dotted name, as `raw.split(/[ \t.]/, 1)[0]`. */
function headWord(raw: string): string {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 32 || c === 9 || c === 46) return raw.slice(0, i);
  }
  return raw;
}

class FileAnalyzer {
  readonly facts: FactCollector;
  private readonly scopes = new ScopeStack<Sym>();
  private readonly chains = new Map<number, Chain>();
  private concatStringEnd = -1;
  /** Names assigned from downloads, decoders, secrets; see flow.ts. */
  private readonly flow = new PythonFlow({
    callee: (call) => this.calleeOfCall(call, 0).name,
    text: (node) => this.capped(node, 400),
  });

  constructor(
    file: string,
    private readonly text: string,
    private readonly work: WorkCounter,
  ) {
    this.facts = new FactCollector(file, text, 'python');
  }

  // ---------------------------------------------------------------- text helpers

  private src(node: SyntaxNode): string {
    const text = this.text.slice(node.startIndex, node.endIndex);
    // Python reads identifiers through NFKC: `𝚎𝚡𝚎𝚌` is exec. Only non-ASCII names pay for the normalisation.
    if (node.type === 'identifier' && NON_ASCII.test(text)) return text.normalize('NFKC');
    return text;
  }

  private capped(node: SyntaxNode, max?: number): string {
    return this.facts.capped(node, max);
  }

  addConstruct(kind: ConstructKind, node: SyntaxNode, detail?: string): void {
    this.facts.addConstruct(kind, node, detail);
  }

  /** The scopes a name is looked up in by the flow tracker: its own, then the module's. */
  private flowScopes(scope: Scope<Sym>): readonly Scope<Sym>[] {
    const module = this.scopes.module;
    return scope === module ? [scope] : [scope, module];
  }

  // ---------------------------------------------------------------- static values

  /** valueOf() for a dotted name read from the text: `os.path` → ref 'os.path'. */
  private resolveDotted(parts: readonly string[], index: number): Sym | undefined {
    let sym = this.lookupOrBuiltin(parts[0]!, index);
    for (let i = 1; i < parts.length && sym !== undefined; i++) {
      const name = parts[i]!;
      if (sym.k === 'module' || sym.k === 'ref') {
        if (name !== '__dict__') sym = { k: 'ref', name: `${sym.name}.${name}` };
      } else if (sym.k === 'instance') {
        if (!(sym.type === 'pathlib.Path' && PATH_RETURNING.has(name)))
          sym = { k: 'ref', name: `${sym.type}.${name}` };
      } else {
        sym = undefined;
      }
    }
    return sym;
  }

  private calleeOfParts(parts: readonly string[], index: number): { name: string; resolved: boolean } {
    if (parts.length === 1) {
      const sym = this.lookupOrBuiltin(parts[0]!, index);
      if (sym?.k === 'module' || sym?.k === 'ref') return { name: sym.name, resolved: true };
      return { name: parts[0]!, resolved: false };
    }
    const last = parts[parts.length - 1]!;
    // exec.__call__(code) calls exec itself.
    if (last === '__call__') {
      const target = this.calleeOfParts(parts.slice(0, -1), index);
      if (target.resolved) return target;
    }
    const base = this.resolveDotted(parts.slice(0, -1), index);
    if (base?.k === 'module' || base?.k === 'ref') return { name: `${base.name}.${last}`, resolved: true };
    if (base?.k === 'instance') return { name: `${base.type}.${last}`, resolved: true };
    return { name: `*.${last}`, resolved: false };
  }

  private dottedValue(raw: string, index: number): StaticValue {
    const parts = splitDotted(raw);
    const sym = this.resolveDotted(parts, index);
    if (sym?.k === 'str') return { kind: 'expr', text: cap(raw), folded: sym.value };
    if (sym?.k === 'module' || sym?.k === 'ref') return { kind: 'ref', name: sym.name };
    return { kind: 'ref', name: cap(raw) };
  }

  /**
   * Arguments made only of literals and dotted names, read from the text after '('. Returns
   * undefined at the first thing it does not know, and the caller falls back to the tree.
   */
  private fastArgs(
    from: number,
    index: number,
  ): { args: StaticValue[]; keywords: { name: string; value: StaticValue }[] } | undefined {
    const text = this.text;
    const args: StaticValue[] = [];
    const keywords: { name: string; value: StaticValue }[] = [];
    let at = skipBlanks(text, from);
    if (text.charCodeAt(at) === 41 /* ) */) return { args, keywords };
    for (let n = 0; n < 256; n++) {
      let keyword: string | undefined;
      const kw = isIdentStart(text.charCodeAt(at)) ? stickyMatch(ARG_KEYWORD_RE, text, at) : null;
      if (kw !== null) {
        keyword = kw[1]!;
        at = skipBlanks(text, at + kw[0].length);
      }
      let value: StaticValue;
      const c = text.charCodeAt(at);
      const str = mayStartString(c) ? stickyMatch(ARG_STRING_RE, text, at) : null;
      let length: number;
      if (str !== null) {
        const literal = decodeStringLiteral(str[0], MAX_STRING_CHARS);
        value = literal.bytes
          ? { kind: 'bytes', value: literal.value }
          : { kind: 'string', value: literal.value };
        length = str[0].length;
      } else if ((c >= 48 && c <= 57) || c === 46) {
        const num = stickyMatch(ARG_NUMBER_RE, text, at);
        if (num === null) return undefined;
        const number = Number(num[0].replace(/_/g, ''));
        value = Number.isFinite(number) ? { kind: 'number', value: number } : { kind: 'expr', text: num[0] };
        length = num[0].length;
      } else {
        const name = stickyMatch(ARG_NAME_RE, text, at);
        if (name === null) return undefined;
        const raw = name[0];
        if (raw === 'True') value = { kind: 'bool', value: true };
        else if (raw === 'False') value = { kind: 'bool', value: false };
        else if (raw === 'None') value = { kind: 'none' };
        else if (KEYWORDS.has(headWord(raw))) return undefined;
        else value = this.dottedValue(raw, index);
        length = raw.length;
      }
      at = skipBlanks(text, at + length);
      const next = text.charCodeAt(at);
      if (next !== 44 /* , */ && next !== 41 /* ) */) return undefined;
      if (keyword !== undefined) {
        if (keywords.length < MAX_ARGS) keywords.push({ name: keyword, value });
      } else if (keywords.length > 0) {
        return undefined;
      } else if (args.length < MAX_ARGS) {
        args.push(value);
      }
      if (next === 41) return { args, keywords };
      at = skipBlanks(text, at + 1);
      if (text.charCodeAt(at) === 41) return { args, keywords };
    }
    return undefined;
  }

  /** What a name or expression refers to, as far as imports and simple assignments tell. */
  valueOf(node: SyntaxNode | null, depth = 0): Sym | undefined {
    if (node === null || depth > MAX_DEPTH) return undefined;
    switch (node.type) {
      case 'identifier': {
        const name = this.src(node);
        const sym = this.scopes.lookup(name, node.startIndex);
        if (sym !== undefined) return sym.k === 'local' ? undefined : sym;
        if (name === '__builtins__') return { k: 'module', name: 'builtins' };
        if (BUILTINS.has(name)) return { k: 'ref', name: `builtins.${name}` };
        return undefined;
      }
      case 'attribute': {
        const base = this.valueOf(node.childForFieldName('object'), depth + 1);
        const attr = node.childForFieldName('attribute');
        if (base === undefined || attr === null) return undefined;
        const name = this.src(attr);
        if (base.k === 'module' || base.k === 'ref') {
          if (name === '__dict__') return base;
          return { k: 'ref', name: `${base.name}.${name}` };
        }
        if (base.k === 'instance') {
          if (base.type === 'pathlib.Path' && PATH_RETURNING.has(name)) return base;
          return { k: 'ref', name: `${base.type}.${name}` };
        }
        return undefined;
      }
      case 'parenthesized_expression':
        return this.valueOf(node.firstNamedChild, depth + 1);
      case 'call':
        return this.callResult(node, depth + 1);
      case 'subscript':
        return this.subscriptValue(node, depth + 1);
      case 'binary_operator': {
        const op = node.childForFieldName('operator');
        if (op?.type === '/') {
          const left = this.valueOf(node.childForFieldName('left'), depth + 1);
          if (left?.k === 'instance' && left.type === 'pathlib.Path') return left;
          return undefined;
        }
        const folded = this.fold(node, depth + 1);
        return folded === undefined ? undefined : { k: 'str', value: folded };
      }
      case 'string':
      case 'concatenated_string': {
        const folded = this.fold(node, depth + 1);
        return folded === undefined ? undefined : { k: 'str', value: folded };
      }
      default:
        return undefined;
    }
  }

  private callArgs(node: SyntaxNode): SyntaxNode[] {
    const args = node.childForFieldName('arguments');
    if (args === null) return [];
    // f(x for x in y): the generator is the only argument.
    if (args.type === 'generator_expression') return [args];
    if (args.type !== 'argument_list') return [];
    return args.namedChildren.filter((a): a is SyntaxNode => a !== null && a.type !== 'comment');
  }

  private callResult(node: SyntaxNode, depth: number): Sym | undefined {
    const callee = this.calleeOfCall(node, depth);
    const name = callee.name;
    if (!callee.resolved) {
      if (name !== '*.join' && name !== '*.decode' && name !== '*.encode') return undefined;
      const folded = this.foldCall(node, depth);
      return folded === undefined ? undefined : { k: 'str', value: folded };
    }
    if (DYNAMIC_IMPORTERS.has(name)) {
      const args = this.callArgs(node);
      const module = this.fold(args[0] ?? null, depth);
      if (module === undefined) return undefined;
      // __import__('a.b') without a fromlist returns the top package, as CPython does.
      if (name !== 'importlib.import_module' && args.length < 4) {
        return { k: 'module', name: module.split('.')[0] ?? module };
      }
      return { k: 'module', name: module };
    }
    // builtins.__getattribute__('exec') is getattr(builtins, 'exec') written to be missed.
    if (name.endsWith('.__getattribute__')) {
      const attr = this.fold(this.callArgs(node)[0] ?? null, depth);
      return attr === undefined
        ? undefined
        : { k: 'ref', name: `${name.slice(0, -'.__getattribute__'.length)}.${attr}` };
    }
    if (name === 'builtins.getattr') {
      const args = this.callArgs(node);
      const base = this.valueOf(args[0] ?? null, depth);
      const attr = this.fold(args[1] ?? null, depth);
      if (base === undefined || attr === undefined) return undefined;
      if (base.k === 'module' || base.k === 'ref') return { k: 'ref', name: `${base.name}.${attr}` };
      if (base.k === 'instance') return { k: 'ref', name: `${base.type}.${attr}` };
      return undefined;
    }
    const receiverType = name.slice(0, name.lastIndexOf('.'));
    if (receiverType === 'pathlib.Path' && PATH_RETURNING.has(name.slice(receiverType.length + 1))) {
      return { k: 'instance', type: 'pathlib.Path' };
    }
    if (isClassName(name)) return { k: 'instance', type: normalizeClass(name) };
    if (FOLDABLE_CALLS.has(name) || name.endsWith('.fromhex')) {
      const folded = this.foldCall(node, depth);
      if (folded !== undefined) return { k: 'str', value: folded };
    }
    return undefined;
  }

  private subscriptValue(node: SyntaxNode, depth: number): Sym | undefined {
    const value = node.childForFieldName('value');
    const key = this.fold(node.childForFieldName('subscript'), depth);
    if (value === null || key === undefined) return undefined;
    // globals()['os'], vars(builtins)['exec'], sys.modules['os'], __builtins__['exec']: lookups by a
    // computed name, a classic way to hide what is called.
    if (value.type === 'call') {
      const inner = this.calleeOfCall(value, depth);
      if (inner.name === 'builtins.globals' || inner.name === 'builtins.locals') {
        return this.lookupOrBuiltin(key, node.startIndex);
      }
      if (inner.name === 'builtins.vars') {
        const target = this.valueOf(this.callArgs(value)[0] ?? null, depth);
        if (target?.k === 'module' || target?.k === 'ref') return { k: 'ref', name: `${target.name}.${key}` };
      }
      return undefined;
    }
    const base = this.valueOf(value, depth);
    if (base === undefined) return undefined;
    if (base.k === 'ref' && base.name === 'sys.modules') return { k: 'module', name: key };
    if (base.k === 'module' || base.k === 'ref') return { k: 'ref', name: `${base.name}.${key}` };
    return undefined;
  }

  private lookupOrBuiltin(name: string, index: number): Sym | undefined {
    const sym = this.scopes.lookup(name, index);
    if (sym !== undefined) return sym.k === 'local' ? undefined : sym;
    if (name === '__builtins__') return { k: 'module', name: 'builtins' };
    return BUILTINS.has(name) ? { k: 'ref', name: `builtins.${name}` } : undefined;
  }

  /** The API a call reaches, or the source text / '*.name' when it cannot be known. */
  calleeOf(fn: SyntaxNode | null, depth = 0): { name: string; resolved: boolean } {
    if (fn === null) return { name: '', resolved: false };
    const type = fn.type;
    if (type === 'attribute') {
      const attr = fn.childForFieldName('attribute');
      const attrName = attr === null ? '' : this.src(attr);
      const base = this.valueOf(fn.childForFieldName('object'), depth + 1);
      // exec.__call__(code) calls exec itself.
      if (attrName === '__call__' && base?.k === 'ref') return { name: base.name, resolved: true };
      if (base?.k === 'module' || base?.k === 'ref')
        return { name: `${base.name}.${attrName}`, resolved: true };
      if (base?.k === 'instance') return { name: `${base.type}.${attrName}`, resolved: true };
      return { name: `*.${attrName}`, resolved: false };
    }
    const sym = this.valueOf(fn, depth + 1);
    if (sym?.k === 'module' || sym?.k === 'ref') return { name: sym.name, resolved: true };
    if (type === 'identifier') return { name: this.src(fn), resolved: false };
    return { name: this.capped(fn, 80), resolved: false };
  }

  /**
   * The parts of a call's function when it is a dotted name on one line (`os.path.join (`), read
   * from the text: one trip into wasm (the argument list, to be sure the name is the whole
   * function and not the start of `a.b(c).d`) instead of three per name part. Undefined when only
   * the tree can tell, and when the name is long enough for calleeOf's depth limit to matter.
   */
  private dottedCallee(node: SyntaxNode, depth: number): string[] | undefined {
    const start = node.startIndex;
    const m = stickyMatch(CALLEE_RE, this.text, start);
    if (m === null) return undefined;
    const parts = splitDotted(m[1]!);
    const head = parts[0]!;
    if (KEYWORDS.has(head) && head !== 'print' && head !== 'exec') return undefined;
    if (depth + parts.length + 4 > MAX_DEPTH) return undefined;
    const args = node.childForFieldName('arguments');
    if (args === null || args.startIndex !== start + m[0].length - 1) return undefined;
    return parts;
  }

  /** calleeOf(the call's function), through the text when the function is a plain dotted name. */
  private calleeOfCall(node: SyntaxNode, depth: number): { name: string; resolved: boolean } {
    const parts = this.dottedCallee(node, depth);
    if (parts !== undefined) return this.calleeOfParts(parts, node.startIndex);
    return this.calleeOf(node.childForFieldName('function'), depth);
  }

  /** The string an expression evaluates to, when that is knowable without running anything. */
  fold(node: SyntaxNode | null, depth = 0): string | undefined {
    if (node === null || depth > MAX_DEPTH) return undefined;
    switch (node.type) {
      case 'string': {
        const literal = decodeStringLiteral(this.src(node), MAX_STRING_CHARS);
        if (literal.fstring && node.children.some((c) => c?.type === 'interpolation')) return undefined;
        return literal.value;
      }
      case 'concatenated_string': {
        let out = '';
        for (const part of node.namedChildren) {
          const value = this.fold(part, depth + 1);
          if (value === undefined) return undefined;
          out += value;
          if (out.length > MAX_STRING_CHARS) return out.slice(0, MAX_STRING_CHARS);
        }
        return out;
      }
      case 'parenthesized_expression':
        return this.fold(node.firstNamedChild, depth + 1);
      case 'identifier': {
        const sym = this.scopes.lookup(this.src(node), node.startIndex);
        return sym?.k === 'str' ? sym.value : undefined;
      }
      case 'binary_operator':
        return this.foldBinary(node, depth);
      case 'call':
        return this.foldCall(node, depth);
      case 'subscript': {
        // 'cexe'[::-1]: reversed strings hide names from plain text search.
        const slice = node.childForFieldName('subscript');
        if (slice?.type !== 'slice' || !/^::\s*-\s*1$/.test(this.src(slice).trim())) return undefined;
        const value = this.fold(node.childForFieldName('value'), depth + 1);
        return value === undefined ? undefined : [...value].reverse().join('');
      }
      default:
        return undefined;
    }
  }

  private foldBinary(node: SyntaxNode, depth: number): string | undefined {
    const op = node.childForFieldName('operator')?.type;
    if (op === '*') {
      const left = this.fold(node.childForFieldName('left'), depth + 1);
      const right = node.childForFieldName('right');
      const times = right?.type === 'integer' ? parseIntLiteral(this.src(right)) : undefined;
      if (left === undefined || times === undefined || left.length * times > MAX_STRING_CHARS)
        return undefined;
      return left.repeat(times);
    }
    if (op !== '+') return undefined;
    // Walk the left spine without recursion: 'a' + 'b' + … nests to the left, and an
    // obfuscator's chain of a thousand chr() calls must not overflow the stack.
    const rights: SyntaxNode[] = [];
    let cur: SyntaxNode | null = node;
    let guard = 0;
    while (cur !== null && cur.type === 'binary_operator' && guard++ < 100_000) {
      if (cur.childForFieldName('operator')?.type !== '+') break;
      const right = cur.childForFieldName('right');
      if (right === null) return undefined;
      rights.push(right);
      cur = cur.childForFieldName('left');
      if (this.work.spend()) return undefined;
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

  private intOf(node: SyntaxNode | null): number | undefined {
    if (node === null) return undefined;
    if (node.type === 'integer') return parseIntLiteral(this.src(node));
    if (node.type === 'unary_operator' || node.type === 'parenthesized_expression') {
      const text = this.src(node).replace(/[()\s]/g, '');
      const value = parseIntLiteral(text.replace(/^[-+]/, ''));
      return value === undefined ? undefined : text.startsWith('-') ? -value : value;
    }
    return undefined;
  }

  /** Integers of a list / tuple literal ([105, 109, …]), for chr() chains. */
  private intList(node: SyntaxNode | null): number[] | undefined {
    if (node === null || (node.type !== 'list' && node.type !== 'tuple')) return undefined;
    const out: number[] = [];
    for (const item of node.namedChildren) {
      const value = this.intOf(item);
      if (value === undefined) return undefined;
      out.push(value);
      if (out.length > MAX_STRING_CHARS) return undefined;
    }
    return out;
  }

  private chrOf(code: number | undefined): string | undefined {
    if (code === undefined || code < 0 || code > 0x10ffff) return undefined;
    return String.fromCodePoint(code);
  }

  /** The chr() codes of a generator `chr(c) for c in [..]` or `map(chr, [..])`, if it is one. */
  chrSequence(arg: SyntaxNode | null, depth: number): number[] | undefined {
    if (arg === null) return undefined;
    if (arg.type === 'generator_expression' || arg.type === 'list_comprehension') {
      const body = arg.childForFieldName('body');
      if (body?.type !== 'call') return undefined;
      if (this.calleeOf(body.childForFieldName('function'), depth).name !== 'builtins.chr') return undefined;
      const clause = arg.namedChildren.find((c) => c?.type === 'for_in_clause');
      return this.intList(clause?.childForFieldName('right') ?? null);
    }
    if (arg.type === 'call') {
      if (this.calleeOf(arg.childForFieldName('function'), depth).name !== 'builtins.map') return undefined;
      const [fn, seq] = this.callArgs(arg);
      if (fn === undefined || this.calleeOf(fn, depth).name !== 'builtins.chr') return undefined;
      return this.intList(seq ?? null);
    }
    return undefined;
  }

  /** `parts`: the function's dotted name from dottedCallee, when known, to rule most calls out early. */
  private foldCall(node: SyntaxNode, depth: number, parts?: readonly string[]): string | undefined {
    if (parts !== undefined) {
      // Only these methods and builtins fold; the rest of this function agrees on every other call.
      if (parts.length > 1) {
        const method = parts[parts.length - 1];
        if (method !== 'join' && method !== 'decode' && method !== 'encode' && method !== 'fromhex') {
          return undefined;
        }
      } else {
        const callee = this.calleeOfParts(parts, node.startIndex).name;
        if (callee !== 'builtins.chr' && callee !== 'builtins.unichr' && callee !== 'builtins.str') {
          return undefined;
        }
      }
    }
    const fn = node.childForFieldName('function');
    if (fn === null) return undefined;
    const args = this.callArgs(node);
    if (fn.type === 'attribute') {
      const method = this.src(fn.childForFieldName('attribute') ?? fn).trim();
      const receiver = fn.childForFieldName('object');
      if (method === 'join' && args.length === 1) {
        const sep = this.fold(receiver, depth + 1);
        if (sep === undefined) return undefined;
        const arg = args[0]!;
        const codes = this.chrSequence(arg, depth + 1);
        if (codes !== undefined) return codes.map((c) => this.chrOf(c) ?? '').join(sep);
        if (arg.type !== 'list' && arg.type !== 'tuple') return undefined;
        const parts: string[] = [];
        let size = 0;
        for (const item of arg.namedChildren) {
          const value = this.fold(item, depth + 1);
          if (value === undefined) return undefined;
          parts.push(value);
          size += value.length + sep.length;
          if (size > MAX_STRING_CHARS) return undefined;
        }
        return parts.join(sep);
      }
      if ((method === 'decode' || method === 'encode') && args.length <= 1) {
        return this.fold(receiver, depth + 1);
      }
      if (method === 'fromhex' && args.length === 1) {
        const base = this.valueOf(receiver, depth + 1);
        if (base?.k !== 'ref' || (base.name !== 'builtins.bytes' && base.name !== 'builtins.bytearray')) {
          return undefined;
        }
        const hex = this.fold(args[0]!, depth + 1)?.replace(/\s/g, '');
        if (hex === undefined || !/^(?:[0-9a-fA-F]{2})*$/.test(hex)) return undefined;
        return Buffer.from(hex, 'hex').toString('latin1');
      }
      return undefined;
    }
    const callee = this.calleeOf(fn, depth + 1).name;
    if (callee === 'builtins.chr' || callee === 'builtins.unichr') {
      return this.chrOf(this.intOf(args[0] ?? null));
    }
    if (callee === 'builtins.str' && args.length === 1) return this.fold(args[0]!, depth + 1);
    return undefined;
  }

  staticValue(node: SyntaxNode, depth = 0): StaticValue {
    switch (node.type) {
      case 'string': {
        const text = this.src(node);
        const literal = decodeStringLiteral(text, MAX_STRING_CHARS);
        if (literal.fstring) {
          const folded = this.fold(node, depth + 1);
          return { kind: 'expr', text: cap(text), ...(folded !== undefined ? { folded } : {}) };
        }
        return literal.bytes
          ? { kind: 'bytes', value: literal.value }
          : { kind: 'string', value: literal.value };
      }
      case 'concatenated_string': {
        const folded = this.fold(node, depth + 1);
        if (folded === undefined) return { kind: 'expr', text: this.capped(node) };
        const bytes = /^[a-zA-Z]*[bB]/.test(this.src(node).slice(0, 4));
        return bytes ? { kind: 'bytes', value: folded } : { kind: 'string', value: folded };
      }
      case 'integer':
      case 'float': {
        const value = Number(this.src(node).replace(/_/g, ''));
        return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'expr', text: this.capped(node) };
      }
      case 'true':
        return { kind: 'bool', value: true };
      case 'false':
        return { kind: 'bool', value: false };
      case 'none':
        return { kind: 'none' };
      case 'parenthesized_expression': {
        const inner = node.firstNamedChild;
        return inner === null || depth > MAX_DEPTH
          ? { kind: 'expr', text: this.capped(node) }
          : this.staticValue(inner, depth + 1);
      }
      case 'identifier':
      case 'attribute': {
        const sym = this.valueOf(node, depth);
        const text = this.capped(node);
        if (sym?.k === 'str') return { kind: 'expr', text, folded: sym.value };
        if (sym?.k === 'module' || sym?.k === 'ref') return { kind: 'ref', name: sym.name };
        return { kind: 'ref', name: text };
      }
      case 'call': {
        const parts = this.dottedCallee(node, depth + 1);
        const folded = this.foldCall(node, depth + 1, parts);
        if (folded !== undefined) return { kind: 'expr', text: this.capped(node), folded };
        const callee =
          parts !== undefined
            ? this.calleeOfParts(parts, node.startIndex)
            : this.calleeOf(node.childForFieldName('function'), depth + 1);
        return { kind: 'call', callee: callee.name, text: this.capped(node) };
      }
      default: {
        const folded = this.fold(node, depth + 1);
        return { kind: 'expr', text: this.capped(node), ...(folded !== undefined ? { folded } : {}) };
      }
    }
  }

  // ---------------------------------------------------------------- node handlers

  visit(node: SyntaxNode, type: string, chained: boolean): void {
    const index = node.startIndex;
    this.scopes.advance(index);
    switch (type) {
      case 'call':
        this.onCall(node, chained);
        break;
      case 'string':
        if (index >= this.concatStringEnd) this.onString(node, false);
        break;
      case 'concatenated_string':
        this.concatStringEnd = node.endIndex;
        this.onString(node, true);
        break;
      case 'assignment':
        this.onAssignment(node);
        break;
      case 'augmented_assignment':
        this.onAugmented(node);
        break;
      case 'import_statement':
        this.onImport(node);
        break;
      case 'import_from_statement':
        this.onImportFrom(node);
        break;
      case 'function_definition':
      case 'lambda':
        this.onFunction(node, type);
        break;
      case 'class_definition': {
        const name = node.childForFieldName('name');
        if (name !== null) this.scopes.bind(this.scopes.at(index), this.src(name), LOCAL);
        const body = node.childForFieldName('body');
        this.scopes.push('class', body?.startIndex ?? node.endIndex, node.endIndex);
        break;
      }
      case 'as_pattern':
        this.onAsPattern(node);
        break;
      case 'exec_statement':
      case 'print_statement':
        this.onStatementCall(node, type);
        break;
      default:
        break;
    }
  }

  private onFunction(node: SyntaxNode, type: string): void {
    const index = node.startIndex;
    if (type === 'function_definition') {
      const name = node.childForFieldName('name');
      if (name !== null) this.scopes.bind(this.scopes.at(index), this.src(name), LOCAL);
    }
    const body = node.childForFieldName('body');
    const scope = this.scopes.push('function', body?.startIndex ?? node.endIndex, node.endIndex);
    const params = node.childForFieldName('parameters');
    if (params === null) return;
    // Parameters shadow imports and builtins of the same name inside the body.
    for (const param of params.namedChildren) {
      if (param === null) continue;
      const target =
        param.type === 'identifier' ? param : (param.childForFieldName('name') ?? param.firstNamedChild);
      if (target?.type === 'identifier') this.scopes.bind(scope, this.src(target), LOCAL);
    }
  }

  private onImport(node: SyntaxNode): void {
    const scope = this.scopes.at(node.startIndex);
    for (const item of node.childrenForFieldName('name')) {
      if (item === null) continue;
      let module: string;
      let alias: string | undefined;
      if (item.type === 'aliased_import') {
        module = this.dotted(item.childForFieldName('name'));
        const aliasNode = item.childForFieldName('alias');
        alias = aliasNode === null ? undefined : this.src(aliasNode);
      } else {
        module = this.dotted(item);
      }
      if (module === '') continue;
      this.addImport(node, { module, ...(alias !== undefined ? { alias } : {}), dynamic: false });
      if (alias !== undefined) this.scopes.bind(scope, alias, { k: 'module', name: module });
      else {
        const first = module.split('.')[0]!;
        this.scopes.bind(scope, first, { k: 'module', name: first });
      }
    }
  }

  private onImportFrom(node: SyntaxNode): void {
    const scope = this.scopes.at(node.startIndex);
    const module = this.dotted(node.childForFieldName('module_name'));
    if (module === '') return;
    const names = node.childrenForFieldName('name');
    if (names.length === 0) {
      // `from m import *`: the names are unknown without reading m.
      this.addImport(node, { module, member: '*', dynamic: false });
      return;
    }
    for (const item of names) {
      if (item === null) continue;
      let member: string;
      let alias: string | undefined;
      if (item.type === 'aliased_import') {
        member = this.dotted(item.childForFieldName('name'));
        const aliasNode = item.childForFieldName('alias');
        alias = aliasNode === null ? undefined : this.src(aliasNode);
      } else {
        member = this.dotted(item);
      }
      if (member === '') continue;
      this.addImport(node, { module, member, ...(alias !== undefined ? { alias } : {}), dynamic: false });
      this.scopes.bind(scope, alias ?? member, { k: 'ref', name: joinModule(module, member) });
    }
  }

  private dotted(node: SyntaxNode | null): string {
    return node === null ? '' : this.src(node).replace(/\s+/g, '');
  }

  private addImport(node: SyntaxNode, fact: ImportShape): void {
    this.facts.addImport(node, fact);
  }

  private onAssignment(node: SyntaxNode): void {
    const start = node.startIndex;
    // `self.x = …` binds nothing we follow: skip it without touching the tree.
    if (stickyMatch(ASSIGN_ATTRIBUTE_RE, this.text, start) !== null) return;
    const simple = stickyMatch(ASSIGN_NAME_RE, this.text, start);
    if (simple !== null) {
      const valueAt = start + simple[0].length;
      const c = this.text.charCodeAt(valueAt);
      let sym: Sym | undefined;
      let valueEnd = -1;
      const str = c === 39 || c === 34 ? stickyMatch(ARG_STRING_RE, this.text, valueAt) : null;
      const name = str === null ? stickyMatch(ARG_NAME_RE, this.text, valueAt) : null;
      if (str !== null) {
        valueEnd = valueAt + str[0].length;
        sym = { k: 'str', value: decodeStringLiteral(str[0], MAX_STRING_CHARS).value };
      } else if (name !== null && !KEYWORDS.has(name[0])) {
        valueEnd = valueAt + name[0].length;
        sym = this.resolveDotted(splitDotted(name[0]), start);
      }
      if (valueEnd >= 0) {
        const end = stickyMatch(END_OF_STATEMENT_RE, this.text, valueEnd);
        if (end !== null) {
          const name = simple[1]!;
          const scope = this.scopes.at(start);
          this.scopes.bindLater(valueEnd, scope, name, sym ?? LOCAL);
          this.flow.copy(
            this.flowScopes(scope),
            name,
            str === null ? name0(this.text, valueAt, valueEnd) : undefined,
          );
          return;
        }
      }
      // A one-line value without strings, calls, brackets or names followed by a dot is arithmetic
      // or a literal: nothing to follow, but the name is now local.
      let lineEnd = this.text.indexOf('\n', valueAt);
      if (lineEnd < 0) lineEnd = this.text.length;
      const rest = this.text.slice(valueAt, Math.min(lineEnd, valueAt + 400));
      if (
        rest.length < 400 &&
        !/['"([{\\;.=#]/.test(rest) &&
        !/\b(?:lambda|if)\b/.test(rest) &&
        !this.mentionsString(rest, start)
      ) {
        const scope = this.scopes.at(start);
        this.scopes.bindLater(lineEnd, scope, simple[1]!, LOCAL);
        this.flow.copy(this.flowScopes(scope), simple[1]!, undefined);
        return;
      }
    }
    const left = node.childForFieldName('left');
    let right = node.childForFieldName('right');
    if (left === null || right === null) return;
    // a = b = value: every target gets the innermost value.
    let guard = 0;
    while (right !== null && right.type === 'assignment' && guard++ < 64)
      right = right.childForFieldName('right');
    if (right === null) return;
    const scope = this.scopes.at(node.startIndex);
    const end = node.endIndex;
    if (left.type === 'identifier') {
      this.scopes.bindLater(end, scope, this.src(left), this.valueOf(right) ?? LOCAL);
      this.flow.assign(this.flowScopes(scope), this.src(left), right);
      return;
    }
    if (left.type === 'pattern_list' || left.type === 'tuple_pattern' || left.type === 'tuple') {
      const targets = left.namedChildren;
      const values =
        right.type === 'expression_list' || right.type === 'tuple'
          ? right.namedChildren
          : ([] as (SyntaxNode | null)[]);
      targets.forEach((target, i) => {
        if (target?.type !== 'identifier') return;
        const value = values.length === targets.length ? (values[i] ?? null) : null;
        this.scopes.bindLater(end, scope, this.src(target), this.valueOf(value) ?? LOCAL);
      });
    }
  }

  /** `a + b` folds to a string when a name holds one: then the slow path must look. */
  private mentionsString(expression: string, index: number): boolean {
    if (!/[+*%]/.test(expression)) return false;
    for (const name of expression.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) {
      if (this.scopes.lookup(name, index)?.k === 'str') return true;
    }
    return false;
  }

  private onAsPattern(node: SyntaxNode): void {
    const alias = node.childForFieldName('alias');
    const target = alias?.firstNamedChild;
    if (target?.type !== 'identifier') return;
    const value = node.firstNamedChild;
    const sym = value?.type === 'call' ? this.valueOf(value) : undefined;
    const scope = this.scopes.at(node.startIndex);
    this.scopes.bindLater(node.endIndex, scope, this.src(target), sym ?? LOCAL);
    if (value !== null) this.flow.assign(this.flowScopes(scope), this.src(target), value);
  }

  private onAugmented(node: SyntaxNode): void {
    const op = node.childForFieldName('operator')?.type;
    if (op !== '+=') return;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (right === null) return;
    const rightType = right.type;
    // The string side (a literal on the right) is reported from the literal; here the other case:
    // a name known to hold a string grown by something else, as payload builders do.
    if (rightType === 'string' || rightType === 'concatenated_string') return;
    if (left?.type === 'identifier') {
      const sym = this.scopes.lookup(this.src(left), node.startIndex);
      if (sym?.k === 'str') this.addConstruct('string-augmented-concat', node);
    }
  }

  private onStatementCall(node: SyntaxNode, type: string): void {
    // Python 2 `exec code in ns` and `print x`: statements that behave as calls.
    const callee = type === 'exec_statement' ? 'builtins.exec' : 'builtins.print';
    const args: StaticValue[] = [];
    if (type === 'exec_statement') {
      const code = node.childForFieldName('code');
      if (code !== null) {
        args.push(this.staticValue(code));
        this.checkPacker(node, code);
      }
    } else {
      for (const arg of node.childrenForFieldName('argument')) {
        if (arg !== null && args.length < MAX_ARGS) args.push(this.staticValue(arg));
      }
    }
    this.addCall(node, callee, true, args, []);
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

  private onCall(node: SyntaxNode, chained: boolean): void {
    const start = node.startIndex;
    let fn: SyntaxNode | null | undefined;
    let callee: { name: string; resolved: boolean } | undefined;
    let argsFrom = -1;
    // `a.b(c).d(e)` starts with the text `a.b(` too: when an inner call starts at the same place
    // the text does not tell which call this is, so the tree decides.
    const m = chained ? null : stickyMatch(CALLEE_RE, this.text, start);
    if (m !== null) {
      const parts = splitDotted(m[1]!);
      const head = parts[0]!;
      if (!KEYWORDS.has(head) || head === 'print' || head === 'exec') {
        callee = this.calleeOfParts(parts, start);
        argsFrom = start + m[0].length;
      }
    }
    if (callee === undefined) {
      fn = node.childForFieldName('function');
      callee = this.calleeOf(fn);
    }
    const fast = argsFrom >= 0 ? this.fastArgs(argsFrom, start) : undefined;
    let args: StaticValue[];
    let keywords: { name: string; value: StaticValue }[];
    const positional: SyntaxNode[] = [];
    if (fast !== undefined) {
      args = fast.args;
      keywords = fast.keywords;
    } else {
      args = [];
      keywords = [];
      const argsNode = node.childForFieldName('arguments');
      const argsType = argsNode?.type;
      if (argsNode !== null && argsType === 'argument_list') {
        for (const arg of argsNode.namedChildren) {
          if (arg === null) continue;
          const type = arg.type;
          if (type === 'comment') continue;
          if (type === 'keyword_argument') {
            const name = arg.childForFieldName('name');
            const value = arg.childForFieldName('value');
            if (name !== null && value !== null && keywords.length < MAX_ARGS) {
              keywords.push({ name: this.src(name), value: this.staticValue(value) });
            }
          } else if (type === 'dictionary_splat') {
            if (keywords.length < MAX_ARGS)
              keywords.push({ name: '**', value: { kind: 'expr', text: this.capped(arg) } });
          } else {
            positional.push(arg);
            if (args.length < MAX_ARGS) args.push(this.staticValue(arg));
          }
        }
      } else if (argsNode !== null) {
        positional.push(argsNode);
        args.push({ kind: 'expr', text: this.capped(argsNode) });
      }
    }
    this.addCall(node, callee.name, callee.resolved, args, keywords);
    const flow = this.flow.call(node, callee.name, this.flowScopes(this.scopes.at(start)), args, keywords);
    if (flow !== undefined) this.addConstruct('data-flow', node, flow);

    const name = callee.name;
    if (callee.resolved && DYNAMIC_IMPORTERS.has(name)) {
      const first = args[0];
      let module = '';
      if (first?.kind === 'string') module = first.value;
      else if (first?.kind === 'expr') module = first.folded ?? first.text;
      else if (first?.kind === 'ref') module = first.name;
      else if (first?.kind === 'call') module = first.text;
      this.addImport(node, { module, dynamic: true });
    } else if (callee.resolved && EXECUTORS.has(name)) {
      const first = positional[0];
      if (first !== undefined) this.checkPacker(node, first);
    } else if (name === 'builtins.chr' || name === 'builtins.unichr') {
      this.noteChr(node);
    } else if (name === '*.join') {
      fn ??= node.childForFieldName('function');
      const receiver = fn?.childForFieldName('object') ?? null;
      const rType = receiver?.type;
      if (rType === 'string' || rType === 'concatenated_string' || this.fold(receiver) !== undefined) {
        const folded = this.fold(node);
        const detail = folded === undefined ? undefined : cap(folded);
        this.addConstruct('str-join', node, detail);
        if (this.chrCount(positional[0] ?? null) >= CHR_CHAIN_MIN)
          this.addConstruct('chr-chain', node, detail);
      }
    }
  }

  /** How many chr() calls a join's argument makes: a list of them, a generator or map(chr, …). */
  private chrCount(arg: SyntaxNode | null): number {
    if (arg === null) return 0;
    const codes = this.chrSequence(arg, 0);
    if (codes !== undefined) return codes.length;
    if (arg.type !== 'list' && arg.type !== 'tuple') return 0;
    let count = 0;
    for (const item of arg.namedChildren) {
      if (item?.type !== 'call') continue;
      const callee = this.calleeOfCall(item, 0).name;
      if (callee === 'builtins.chr' || callee === 'builtins.unichr') count++;
    }
    return count;
  }

  /** exec(marshal.loads(…)), exec(zlib.decompress(base64.b64decode(…))): the shape packers emit. */
  private checkPacker(node: SyntaxNode, code: SyntaxNode): void {
    const seen: string[] = [];
    let cur: SyntaxNode | null = code;
    for (let i = 0; i < 12 && cur !== null; i++) {
      const type = cur.type;
      if (type === 'parenthesized_expression') {
        cur = cur.firstNamedChild;
        continue;
      }
      if (type !== 'call') break;
      const fn = cur.childForFieldName('function');
      const resolved = this.calleeOf(fn);
      // Without a visible import (star imports, code pasted into setup.py) the written name still tells.
      const callee =
        resolved.resolved || fn === null ? resolved.name : this.capped(fn, 80).replace(/\s+/g, '');
      seen.push(callee);
      let next: SyntaxNode | null = this.callArgs(cur)[0] ?? null;
      // '…'.decode() / b64decode(x).decode('utf-8'): the payload sits in the receiver.
      if (fn?.type === 'attribute' && (callee.endsWith('.decode') || callee.endsWith('.encode'))) {
        next = fn.childForFieldName('object');
      }
      cur = next;
    }
    let detail: string | undefined;
    if (seen.includes('marshal.loads')) detail = 'marshal-exec';
    else if (seen.some((c) => DECOMPRESSORS.has(c))) detail = 'compressed-exec';
    else if (seen.some((c) => /^(?:base64\.\w*decode|binascii\.a2b_\w+|codecs\.decode)/.test(c))) {
      detail = 'encoded-exec';
    }
    if (detail !== undefined) this.addConstruct('packer-stub', node, `${detail}: ${seen.join(' <- ')}`);
  }

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
      for (let n = 0; up !== null && up.type === 'parenthesized_expression' && n < MAX_DEPTH; n++)
        up = up.parent;
      if (up === null || up.type !== 'binary_operator' || up.childForFieldName('operator')?.type !== '+') {
        chain = { top: cur, strings: 0, chrCalls: 0 };
        break;
      }
      cur = up;
    }
    chain ??= { top: cur, strings: 0, chrCalls: 0 };
    for (const id of ids) this.chains.set(id, chain);
    return chain;
  }

  private enclosingOperator(node: SyntaxNode): { parent: SyntaxNode | null; child: SyntaxNode } {
    let child = node;
    let up = node.parent;
    // Each parent() walks down from the root, so a deep nest of parentheses is climbed only so far.
    for (let n = 0; up !== null && up.type === 'parenthesized_expression'; n++) {
      if (n > MAX_DEPTH) return { parent: null, child };
      child = up;
      up = up.parent;
    }
    return { parent: up, child };
  }

  private noteChr(node: SyntaxNode): void {
    const { parent } = this.enclosingOperator(node);
    if (parent?.type === 'binary_operator' && parent.childForFieldName('operator')?.type === '+') {
      this.chainFor(parent).chrCalls++;
    }
  }

  private onString(node: SyntaxNode, concatenated: boolean): void {
    const text = this.src(node);
    let value: string;
    let fstring = false;
    if (concatenated) {
      value = '';
      for (const part of node.namedChildren) {
        if (part === null) continue;
        const literal = decodeStringLiteral(this.src(part), MAX_STRING_CHARS);
        fstring ||= literal.fstring;
        value += literal.value;
        if (value.length >= MAX_STRING_CHARS) {
          value = value.slice(0, MAX_STRING_CHARS);
          break;
        }
      }
    } else {
      const literal = decodeStringLiteral(text, MAX_STRING_CHARS);
      value = literal.value;
      fstring = literal.fstring;
    }
    // The parent is the costly question (tree-sitter finds it by walking down from the root), so
    // ask only when the text around the literal allows a bare statement or an operator.
    const start = node.startIndex;
    const end = start + text.length;
    const beforeAt = this.previousSignificant(start);
    const before = beforeAt < 0 ? -1 : this.text.charCodeAt(beforeAt);
    const after = this.nextSignificant(end);
    const bare =
      (before === -1 || before === 59 /* ; */ || before === 58 /* : */ || this.startsLine(start)) &&
      stickyMatch(END_OF_STATEMENT_RE, this.text, end) !== null;
    const operator =
      before === 43 /* + */ ||
      (before === 61 /* = */ && this.text.charCodeAt(beforeAt - 1) === 43) ||
      after === 43 ||
      after === 37; /* % */
    let parent: SyntaxNode | null = null;
    let child: SyntaxNode = node;
    if (bare || operator) ({ parent, child } = this.enclosingOperator(node));
    const parentType = parent?.type;
    const docstring =
      parentType === 'expression_statement' || parentType === 'module' || parentType === 'block';
    this.facts.addString(node, value, docstring);
    if (fstring) this.addConstruct('fstring', node);
    this.facts.noteEntropy(node, value);
    if (parent === null || docstring) return;
    if (parentType === 'binary_operator') {
      const op = parent.childForFieldName('operator')?.type;
      if (op === '+') this.chainFor(parent).strings++;
      else if (op === '%' && parent.childForFieldName('left')?.id === child.id) {
        this.addConstruct('percent-format', parent);
      }
    } else if (parentType === 'augmented_assignment') {
      if (
        parent.childForFieldName('operator')?.type === '+=' &&
        parent.childForFieldName('right')?.id === child.id
      ) {
        this.addConstruct('string-augmented-concat', parent);
      }
    }
  }

  /** Where the last character before `index` is, skipping blanks, newlines, '(' and '\\'; -1 if none. */
  private previousSignificant(index: number): number {
    for (let i = index - 1, n = 0; i >= 0 && n < 4096; i--, n++) {
      const c = this.text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 12 || c === 13 || c === 10 || c === 40 || c === 92) continue;
      return i;
    }
    return -1;
  }

  /** Only blanks between the start of the line and `index`. */
  private startsLine(index: number): boolean {
    for (let i = index - 1; i >= 0; i--) {
      const c = this.text.charCodeAt(i);
      if (c === 10) return true;
      if (c !== 32 && c !== 9 && c !== 12 && c !== 13) return false;
    }
    return true;
  }

  /** The character code after `index`, skipping blanks, newlines and closing parentheses. */
  private nextSignificant(index: number): number {
    const text = this.text;
    for (let i = index, n = 0; i < text.length && n < 4096; i++, n++) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 12 || c === 13 || c === 10 || c === 41 || c === 92) continue;
      return c;
    }
    return -1;
  }

  /** Constructs known only once every node was seen: one fact per concatenation chain. */
  finish(): void {
    const done = new Set<Chain>();
    for (const chain of this.chains.values()) {
      if (done.has(chain)) continue;
      done.add(chain);
      if (chain.strings === 0 && chain.chrCalls < CHR_CHAIN_MIN) continue;
      const folded = this.fold(chain.top);
      const detail = folded === undefined ? undefined : cap(folded);
      if (chain.strings > 0) this.addConstruct('string-concat', chain.top, detail);
      if (chain.chrCalls >= CHR_CHAIN_MIN) this.addConstruct('chr-chain', chain.top, detail);
    }
    this.facts.sortConstructs();
  }

  /** Text-level facts that need no tree: the longest line, packer markers. */
  scanText(): void {
    this.facts.noteLongestLine();
    // PyArmor-protected modules call into its runtime by these names (`__armor_enter__` / `__armor_exit__` wrap
    // each function in its restrict mode); the code itself is encrypted.
    const marker = /__pyarmor__|pyarmor_runtime|__pyarmor_enter|__armor_enter__|__armor_exit__/.exec(
      this.text,
    );
    if (marker !== null) this.facts.addTextConstruct('packer-stub', marker.index, `pyarmor: ${marker[0]}`);
  }
}

function parseWithin(text: string, steps: WorkCounter): Tree | null {
  const parser = pythonParser();
  const tree = parser.parse(text, null, {
    // tree-sitter calls this every so many parser operations; counting the calls (not the clock) makes
    // the same file stop at the same place on a busy machine. Returning true cancels the parse.
    progressCallback: () => steps.spend(),
  });
  if (tree === null) {
    // A cancelled parse would otherwise be resumed by the next call.
    parser.reset();
  }
  return tree;
}

/** Facts and the problems met while reading them (timeouts, parse errors, decoding). */
export function analyzePythonSourceDetailed(
  file: string,
  bytes: Buffer,
  options: PythonAnalysisOptions = {},
): PythonAnalysis {
  const work = workLimits({ parseSteps: PYTHON_PARSE_STEPS, ...options.work });
  const source = readSource(file, bytes, options.maxBytes ?? DEFAULT_MAX_BYTES, decodePythonSource);
  const { text, input } = source;
  // Folding long concatenations spends from the walk's budget too.
  const walked = new WorkCounter(work.walkNodes);
  const analyzer = new FileAnalyzer(file, text, walked);
  analyzer.scanText();
  const read = readTree({
    file,
    text,
    parse: parseWithin,
    // The wasm instance may be left in a bad state by a trap; the next file gets a fresh parser.
    resetParser: resetPythonParser,
    view: (tree) => treeView(tree, pythonFastRuntime()),
    parseSteps: work.parseSteps,
    fallbackPrefixes: FALLBACK_PREFIX_CHARS,
    // Strings and URLs of the whole file were read (scanText); the code past the prefix was not parsed.
    parseGaveUp: (parsed) => [
      {
        file,
        kind: 'timeout',
        message: `parsing passed its budget of ${work.parseSteps} steps; bytes ${Buffer.byteLength(text.slice(0, parsed))}-${input.length} were not parsed`,
      },
    ],
    nodeTypes: NODE_TYPES,
    walked,
    // `a.b(c).d(e)`: the outer call starts where the inner one does, and the text cannot tell them apart.
    visit: (node, type, next) =>
      analyzer.visit(
        node,
        type,
        type === 'call' && next?.startIndex === node.startIndex && next.type === 'call',
      ),
    finish: () => analyzer.finish(),
  });
  const facts = analyzer.facts.result();
  return {
    facts: { ...facts, partial: source.partial || read.partial || facts.partial },
    problems: [...source.problems, ...read.problems, ...analyzer.facts.problems],
  };
}

/**
 * Facts about one Python file. Synchronous; `initPythonParser()` must have resolved first.
 * A bad file is not an exception: syntax errors, odd bytes, caps and timeouts give `partial: true`.
 * Only an internal failure (a bug, a wasm trap) throws.
 */
export function analyzePythonSource(
  file: string,
  bytes: Buffer,
  options?: PythonAnalysisOptions,
): SourceFacts {
  return analyzePythonSourceDetailed(file, bytes, options).facts;
}
