/**
 * What Python expressions are, without running them: callee resolution through imports, aliases and the
 * tricks that hide a name (getattr, globals()[...], __import__, sys.modules), and literal folding (string
 * concatenation, chr() chains, reversed slices, bytes.fromhex). The visitors in analyze.ts extend this
 * class; the scopes it reads are filled by them as the walk goes.
 */
import type { WorkCounter } from '../../core/budget.ts';
import { cap, type FactCollector, MAX_ARGS, MAX_DEPTH, MAX_STRING_CHARS } from '../code/facts.ts';
import { ScopeStack } from '../code/scopes.ts';
import type { SyntaxNode } from '../tree-sitter/fast-tree.ts';
import type { StaticValue } from '../types.ts';
import { decodeStringLiteral, parseIntLiteral } from './literals.ts';
import {
  BUILTINS,
  DYNAMIC_IMPORTERS,
  FOLDABLE_CALLS,
  isClassName,
  normalizeClass,
  PATH_RETURNING,
  type Sym,
} from './names.ts';
import {
  ARG_KEYWORD_RE,
  ARG_NAME_RE,
  ARG_NUMBER_RE,
  ARG_STRING_RE,
  CALLEE_RE,
  headWord,
  isIdentStart,
  KEYWORDS,
  mayStartString,
  skipBlanks,
  splitDotted,
  stickyMatch,
} from './text-paths.ts';

const NON_ASCII = /[^\x00-\x7f]/;

export abstract class PythonValues {
  protected readonly scopes = new ScopeStack<Sym>();

  constructor(
    readonly facts: FactCollector,
    protected readonly text: string,
    protected readonly work: WorkCounter,
  ) {}

  protected src(node: SyntaxNode): string {
    const text = this.text.slice(node.startIndex, node.endIndex);
    // Python reads identifiers through NFKC: `𝚎𝚡𝚎𝚌` is exec. Only non-ASCII names pay for the normalisation.
    if (node.type === 'identifier' && NON_ASCII.test(text)) return text.normalize('NFKC');
    return text;
  }

  protected capped(node: SyntaxNode, max?: number): string {
    return this.facts.capped(node, max);
  }

  /** valueOf() for a dotted name read from the text: `os.path` → ref 'os.path'. */
  protected resolveDotted(parts: readonly string[], index: number): Sym | undefined {
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

  protected calleeOfParts(parts: readonly string[], index: number): { name: string; resolved: boolean } {
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

  protected dottedValue(raw: string, index: number): StaticValue {
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
  protected fastArgs(
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

  protected callArgs(node: SyntaxNode): SyntaxNode[] {
    const args = node.childForFieldName('arguments');
    if (args === null) return [];
    // f(x for x in y): the generator is the only argument.
    if (args.type === 'generator_expression') return [args];
    if (args.type !== 'argument_list') return [];
    return args.namedChildren.filter((a): a is SyntaxNode => a !== null && a.type !== 'comment');
  }

  protected callResult(node: SyntaxNode, depth: number): Sym | undefined {
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

  protected subscriptValue(node: SyntaxNode, depth: number): Sym | undefined {
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

  protected lookupOrBuiltin(name: string, index: number): Sym | undefined {
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
  protected dottedCallee(node: SyntaxNode, depth: number): string[] | undefined {
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
  protected calleeOfCall(node: SyntaxNode, depth: number): { name: string; resolved: boolean } {
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

  protected foldBinary(node: SyntaxNode, depth: number): string | undefined {
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

  protected intOf(node: SyntaxNode | null): number | undefined {
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
  protected intList(node: SyntaxNode | null): number[] | undefined {
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

  protected chrOf(code: number | undefined): string | undefined {
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
  protected foldCall(node: SyntaxNode, depth: number, parts?: readonly string[]): string | undefined {
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
}
