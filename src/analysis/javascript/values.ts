/**
 * What JavaScript expressions are, without running them: callee resolution through requires, imports,
 * destructuring and the tricks that hide a name (globalThis[...], Reflect.get, property descriptors,
 * (0, eval), .bind), and literal folding (concatenation, templates, String.fromCharCode, split / reverse /
 * join, Buffer.from(…).toString(), atob). The visitors in analyze.ts extend this class; the scopes it reads
 * are filled by them as the walk goes.
 */
import { cap, type FactCollector, MAX_DEPTH, MAX_STRING_CHARS } from '../code/facts.ts';
import { ScopeStack } from '../code/scopes.ts';
import type { SyntaxNode } from '../tree-sitter/fast-tree.ts';
import type { StaticValue } from '../types.ts';
import { canonicalCallee } from './callee-forms.ts';
import { decodeJsEscapes, decodeJsString } from './literals.ts';
import {
  BINDING_LOADERS,
  globalSym,
  isClassName,
  memberOf,
  normalizeModule,
  REQUIRE_ALIASES,
  REQUIRERS,
  type Sym,
} from './names.ts';

export abstract class JsValues {
  protected readonly scopes = new ScopeStack<Sym>();

  constructor(
    readonly facts: FactCollector,
    protected readonly text: string,
  ) {}

  protected src(node: SyntaxNode): string {
    return this.text.slice(node.startIndex, node.endIndex);
  }

  protected capped(node: SyntaxNode, max?: number): string {
    return this.facts.capped(node, max);
  }

  protected lookup(name: string, index: number): Sym | undefined {
    return this.scopes.lookup(name, index);
  }

  protected lookupOrGlobal(name: string, index: number): Sym | undefined {
    if (REQUIRE_ALIASES.has(name)) return globalSym(name);
    const sym = this.lookup(name, index);
    if (sym !== undefined) return sym.k === 'local' ? undefined : sym;
    return globalSym(name);
  }

  protected unwrap(node: SyntaxNode | null): SyntaxNode | null {
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

  protected propertyName(node: SyntaxNode): string | undefined {
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

  protected callArgs(node: SyntaxNode): SyntaxNode[] {
    const args = node.childForFieldName('arguments');
    if (args === null || args.type !== 'arguments') return [];
    return args.namedChildren.filter((a): a is SyntaxNode => a !== null && a.type !== 'comment');
  }

  protected callResult(node: SyntaxNode, depth: number): Sym | undefined {
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
      // Function.call.bind(fn) (uncurrying, as polyfills write it) calls fn with its first argument as `this`:
      // the function it reaches is fn, not Function.
      if (/\.(?:call|apply)$/.test(target)) return this.valueOf(this.callArgs(node)[0] ?? null, depth);
      if (target.includes('.')) return { k: 'ref', name: canonicalCallee(target) };
    }
    if (isClassName(name)) return { k: 'instance', type: name };
    const folded = this.foldCall(node, depth);
    return folded === undefined ? undefined : { k: 'str', value: folded };
  }

  /** `Object.getOwnPropertyDescriptor(globalThis, 'eval')`: the property the descriptor's `.value` holds. */
  protected describedProperty(input: SyntaxNode | null, depth: number): Sym | undefined {
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

  protected foldBinary(node: SyntaxNode, depth: number): string | undefined {
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

  protected numberOf(node: SyntaxNode | null): number | undefined {
    const inner = this.unwrap(node);
    if (inner === null || inner.type !== 'number') return undefined;
    const value = Number(this.src(inner).replace(/_/g, ''));
    return Number.isSafeInteger(value) ? value : undefined;
  }

  /** String.fromCharCode(…), 'x'.split('').reverse().join(''), [..].join(''), atob / Buffer.from(…).toString(). */
  protected foldCall(node: SyntaxNode, depth: number): string | undefined {
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
  protected foldList(input: SyntaxNode | null, depth: number): string[] | undefined {
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
}
