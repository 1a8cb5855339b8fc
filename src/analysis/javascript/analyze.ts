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
import type { Tree } from 'web-tree-sitter';
import { WorkCounter, type WorkLimits, workLimits } from '../../core/budget.ts';
import { readSource, readTree } from '../code/driver.ts';
import {
  cap,
  FactCollector,
  type ImportShape,
  type Keyword,
  MAX_ARGS,
  MAX_CONSTRUCTS,
  MAX_STRING_CHARS,
} from '../code/facts.ts';
import type { Scope } from '../code/scopes.ts';
import { type SyntaxNode, treeView } from '../tree-sitter/fast-tree.ts';
import type { AnalysisProblem, ConstructKind, SourceFacts, SourceLanguage, StaticValue } from '../types.ts';
import { canonicalCallee, FUNCTION_NODE_TYPES, invokerTarget } from './callee-forms.ts';
import { FlowTracker, flowHints } from './flow.ts';
import {
  mergeLexicalForBrokenCode,
  parsedPastThreshold,
  readByTokens,
  readLexically,
} from './lexical-reading.ts';
import { decodeJsEscapes, decodeJsString } from './literals.ts';
import {
  LOCAL,
  LOCALE_MEMBER,
  memberOf,
  normalizeModule,
  REQUIRE_ALIASES,
  REQUIRERS,
  type Sym,
  WATCHED_MEMBER,
  WRAPPER_PARAMS,
} from './names.ts';
import { obfuscationSignals, obfuscatorVerdict } from './obfuscation.ts';
import {
  dialectOf,
  type JsDialect,
  javascriptFastRuntime,
  javascriptParser,
  resetJavaScriptParser,
} from './parser.ts';
import { JsValues } from './values.ts';

export { LEXICAL_THRESHOLD_CHARS } from './lexical-reading.ts';
export { normalizeModule, REQUIRE_CALLEES } from './names.ts';
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

interface Chain {
  readonly top: SyntaxNode;
  strings: number;
}

class FileAnalyzer extends JsValues {
  private readonly chains = new Map<number, Chain>();
  private readonly flow: FlowTracker;

  constructor(file: string, text: string, language: SourceLanguage) {
    super(new FactCollector(file, text, language, { capUnresolvedCalls: true }), text);
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

  addConstruct(kind: ConstructKind, node: SyntaxNode, detail?: string): void {
    this.facts.addConstruct(kind, node, detail);
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
    if (readLexically(analyzer.facts, text, work.lexicalSteps)) {
      partial = true;
      problems.push({
        file,
        kind: 'timeout',
        message: `the token reader passed its budget of ${work.lexicalSteps} steps; facts are incomplete`,
      });
    }
  } else {
    const pastThreshold = parsedPastThreshold(text);
    let quietFallback = false;
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
      // A plain file past LEXICAL_THRESHOLD_CHARS gets what it always got: the token reader, complete.
      parseGaveUp: () => {
        const lexicalPassed = readLexically(analyzer.facts, text, work.lexicalSteps);
        if (pastThreshold && !lexicalPassed) {
          quietFallback = true;
          return [];
        }
        const gaveUp: AnalysisProblem[] = [
          {
            file,
            kind: 'timeout',
            message: `parsing passed its budget of ${work.parseSteps} steps; the file was read token by token instead`,
          },
        ];
        if (lexicalPassed) {
          gaveUp.push({ file, kind: 'timeout', message: 'the token reader passed its budget as well' });
        }
        return gaveUp;
      },
      nodeTypes: NODE_TYPES,
      walked: new WorkCounter(work.walkNodes),
      visit: (node, type) => analyzer.visit(node, type),
      finish: (root, timedOut) => {
        analyzer.finish();
        if (root.hasError && !timedOut) mergeLexicalForBrokenCode(analyzer.facts, text, work.lexicalSteps);
      },
    });
    partial ||= read.partial && !quietFallback;
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
