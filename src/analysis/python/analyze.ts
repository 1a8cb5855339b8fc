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
import type { Scope } from '../code/scopes.ts';
import { type SyntaxNode, treeView } from '../tree-sitter/fast-tree.ts';
import type { AnalysisProblem, ConstructKind, SourceFacts, StaticValue } from '../types.ts';
import { decodePythonSource } from './decode.ts';
import { PythonFlow } from './flow.ts';
import { decodeStringLiteral } from './literals.ts';
import { DYNAMIC_IMPORTERS, EXECUTORS, joinModule, LOCAL, type Sym } from './names.ts';
import { pythonFastRuntime, pythonParser, resetPythonParser } from './parser.ts';
import {
  ARG_NAME_RE,
  ARG_STRING_RE,
  ASSIGN_ATTRIBUTE_RE,
  ASSIGN_NAME_RE,
  CALLEE_RE,
  END_OF_STATEMENT_RE,
  KEYWORDS,
  name0,
  splitDotted,
  stickyMatch,
} from './text-paths.ts';
import { PythonValues } from './values.ts';

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
  'return_statement',
];

interface Chain {
  readonly top: SyntaxNode;
  strings: number;
  chrCalls: number;
}

class FileAnalyzer extends PythonValues {
  private readonly chains = new Map<number, Chain>();
  private concatStringEnd = -1;
  /** Names assigned from downloads, decoders, secrets; see flow.ts. */
  private readonly flow = new PythonFlow({
    callee: (call) => this.calleeOfCall(call, 0).name,
    text: (node) => this.capped(node, 400),
  });

  constructor(file: string, text: string, work: WorkCounter) {
    super(new FactCollector(file, text, 'python'), text, work);
  }

  addConstruct(kind: ConstructKind, node: SyntaxNode, detail?: string): void {
    this.facts.addConstruct(kind, node, detail);
  }

  /** The scopes a name is looked up in by the flow tracker: its own, then the module's. */
  private flowScopes(scope: Scope<Sym>): readonly Scope<Sym>[] {
    const module = this.scopes.module;
    return scope === module ? [scope] : [scope, module];
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
      case 'return_statement':
        this.flow.returned(node, this.flowScopes(this.scopes.at(index)));
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
    // `self.x = …` binds no name: only the flow tracker looks (flow.ts, attribute targets).
    if (stickyMatch(ASSIGN_ATTRIBUTE_RE, this.text, start) !== null) {
      const [left, right] = [node.childForFieldName('left'), node.childForFieldName('right')];
      if (left !== null && right !== null)
        this.flow.assignTarget(this.flowScopes(this.scopes.at(start)), left, right);
      return;
    }
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
          if (sym?.k === 'str') this.flow.constant(node, name, sym.value);
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
      this.flow.assignTarget(this.flowScopes(scope), left, right);
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
        this.noteExecChain(node, code);
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
    for (const link of this.flow.drainLinks()) this.addConstruct('flow-link', link.node, link.detail);

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
      if (first !== undefined) this.noteExecChain(node, first);
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
        const chrCalls = this.chrCount(positional[0] ?? null);
        if (chrCalls > 0) this.facts.addConstruct('chr-chain', node, detail, chrCalls);
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

  /** The calls whose result exec runs: exec(marshal.loads(…)), exec(zlib.decompress(base64.b64decode(…))). */
  private noteExecChain(node: SyntaxNode, code: SyntaxNode): void {
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
    // Which chains are a packer's (marshal, decompression, decoding) is the behavior's call.
    if (seen.length > 0) this.addConstruct('exec-chain', node, seen.join(' <- '));
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
    for (const link of this.flow.drainLinks(true)) this.addConstruct('flow-link', link.node, link.detail);
    const done = new Set<Chain>();
    for (const chain of this.chains.values()) {
      if (done.has(chain)) continue;
      done.add(chain);
      if (chain.strings === 0 && chain.chrCalls === 0) continue;
      const folded = this.fold(chain.top);
      const detail = folded === undefined ? undefined : cap(folded);
      if (chain.strings > 0) this.addConstruct('string-concat', chain.top, detail);
      if (chain.chrCalls > 0) this.facts.addConstruct('chr-chain', chain.top, detail, chain.chrCalls);
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
