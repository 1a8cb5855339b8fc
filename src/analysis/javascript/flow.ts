/**
 * Light data flow inside one JavaScript file: where values read from the machine (host and user names, the
 * environment, files, secret-named variables, decoded or downloaded text) end up as arguments of calls that
 * leave the process (network, processes, code evaluation, file writes).
 *
 * Bounded on purpose: values are followed through local variables, object and array literals, string
 * building, calls that wrap a value (JSON.stringify, Buffer.from …), simple function returns, and functions
 * whose parameters reach such a call (`function send(d) { fetch(u, { body: d }) }` makes `send(secret)` a flow).
 * Names are matched per function scope, expressions are read from their text up to a cap, and the facts are
 * capped per file. Facts only: which flows matter is for the behaviors to judge.
 */
import type { SyntaxNode } from '../tree-sitter/fast-tree.ts';
import {
  type Carried,
  COLLECTING_METHODS,
  CREDENTIAL_PATH,
  type Deferred,
  DOWNLOADS,
  FILE_READS,
  type FlowHit,
  type FlowLabel,
  IDENTIFIER,
  isDeferred,
  isPathLabel,
  MODULE_LINK_SEPARATOR,
  QUOTED,
  RECON_COMMAND,
  SEARCH_METHODS,
  SECRET_ENV,
  SECRET_MARKER,
  SECRET_NAME,
  SENDING_METHODS,
  type SinkKind,
  SOURCE_CALLS,
  sinkKind,
  USER_FOLDER,
  WHOLE_ENV,
} from './flow-labels.ts';

export type { FlowHit, FlowLabel, SinkKind } from './flow-labels.ts';
export { FILE_WRITE_CALLEES, isPathLabel, MODULE_LINK_SEPARATOR } from './flow-labels.ts';

const MAX_TEXT = 3000;
const MAX_WRAPPER_TEXT = 600;
const MAX_FLOWS = 200;
const MAX_PENDING = 500;
const MAX_TAINTED = 2000;
const MAX_CLIMB = 24;
const MAX_LINKS = 100;
const FUNCTION_NODES = new Set(['arrow_function', 'function_expression', 'function', 'generator_function']);
/** Relative module callees `./lib.grab`, `../x/y.js.send`: a package's own function, named as its module file. */
const LOCAL_CALLEE = /^\.{1,2}\/[^\s?]*$/;

interface FnFrame {
  readonly node: SyntaxNode | undefined;
  readonly start: number;
  readonly end: number;
  readonly name: string | undefined;
  readonly params: ReadonlySet<string>;
  taint: Map<string, ReadonlySet<Carried>> | undefined;
}

interface Pending {
  readonly node: SyntaxNode;
  readonly name: string;
  readonly labels: ReadonlySet<FlowLabel | Deferred>;
}

export interface FlowHost {
  src(node: SyntaxNode): string;
  /** Cheap tests on the whole file text, so that most files skip the argument reading. */
  readonly hints: { readonly env: boolean; readonly secretNames: boolean };
  /** The resolved callee of a call or new expression, as the analyzer names it. */
  calleeOfCall(node: SyntaxNode): { name: string; resolved: boolean };
}

/** The file-level hints FlowHost carries. */
export function flowHints(text: string): FlowHost['hints'] {
  return {
    env: WHOLE_ENV.test(text) || SECRET_ENV.test(text),
    secretNames: /secret_?key|private_?key|priv_?key|mnemonic|seed/i.test(text),
  };
}

function lastSegment(callee: string): string {
  return callee.slice(callee.lastIndexOf('.') + 1);
}

export class FlowTracker {
  private readonly frames: FnFrame[] = [
    {
      node: undefined,
      start: 0,
      end: Number.POSITIVE_INFINITY,
      name: undefined,
      params: new Set(),
      taint: undefined,
    },
  ];
  /** Function name → the sink its parameters reach. */
  private readonly wrappers = new Map<string, string>();
  /** Function name → what its return value carries. */
  private readonly returns = new Map<string, ReadonlySet<FlowLabel | Deferred>>();
  /** Where each named function was defined, for the summaries other files read. */
  private readonly definedAt = new Map<string, SyntaxNode>();
  /** Variables holding a request or socket: `req.write(data)` sends data through it. */
  private readonly channels = new Map<string, string>();
  private readonly pending: Pending[] = [];
  private readonly seen = new Set<string>();
  private tainted = 0;
  private localCalls = 0;
  readonly hits: FlowHit[] = [];
  /** Flows with a deferred half, and the summaries of this file's functions (see MODULE_LINK_SEPARATOR). */
  readonly links: FlowHit[] = [];

  constructor(private readonly host: FlowHost) {}

  advance(index: number): void {
    while (this.frames.length > 1 && index >= this.frames[this.frames.length - 1]!.end) this.frames.pop();
  }

  enterFunction(node: SyntaxNode, params: readonly string[]): void {
    const name = this.functionName(node);
    if (name !== undefined && this.definedAt.size < MAX_TAINTED && !this.definedAt.has(name))
      this.definedAt.set(name, node);
    this.frames.push({
      node,
      start: node.startIndex,
      end: node.endIndex,
      name,
      params: new Set(params),
      taint: undefined,
    });
  }

  /** `const x = <rhs>` and `x = <rhs>`: x carries what rhs carries. */
  onBinding(target: SyntaxNode, value: SyntaxNode | null): void {
    if (value === null) return;
    const dom = this.domSink(target);
    if (dom !== undefined) {
      const carried = this.labelsOf(value);
      if (carried.has('@param')) this.registerWrapper(dom);
      this.emit(target, carried, dom);
      return;
    }
    const names = this.targetNames(target);
    if (names.length === 0) return;
    const inner = unwrapValue(value);
    if (target.type === 'object_pattern' && inner !== null && /^process\.env$/.test(this.host.src(inner))) {
      // `const { GH_TOKEN } = process.env` picks variables: each is a secret or not by its name.
      for (const name of names)
        if (SECRET_ENV.test(`process.env.${name}`)) this.taint(name, new Set(['env-secret']));
      return;
    }
    const isCall = inner !== null && (inner.type === 'call_expression' || inner.type === 'new_expression');
    const callee = isCall && inner !== null ? this.host.calleeOfCall(inner) : undefined;
    const kind = callee?.resolved === true ? sinkKind(callee.name) : undefined;
    // What a request or a process returns is its answer, not what was sent: leave the arguments' labels behind.
    const labels = kind !== undefined ? new Set<Carried>() : this.labelsOf(value, MAX_WRAPPER_TEXT);
    if (labels.size > 0) for (const name of names) this.taint(name, labels);
    const name = names[0]!;
    if (inner !== null && callee !== undefined) {
      if (kind === 'network') {
        const args = inner.childForFieldName('arguments')?.namedChildren ?? [];
        const host = this.literalHost(
          'network',
          args.filter((arg): arg is SyntaxNode => arg !== null),
        );
        if (this.channels.size < MAX_TAINTED) this.channels.set(name, `${callee.name}${host}`);
      }
    }
  }

  onCall(node: SyntaxNode, callee: string, resolved: boolean, args: readonly SyntaxNode[]): void {
    if (resolved) {
      const source = this.sourceLabel(callee, args);
      if (source !== undefined) this.climb(node, new Set([source]));
    }
    if (!resolved) this.onMethod(node, args);
    const kind = resolved ? sinkKind(callee) : undefined;
    if (kind === undefined && resolved && this.isLocal(callee)) {
      this.onLocalCall(node, callee, args);
      return;
    }
    const channel = resolved ? undefined : this.channelOf(node);
    const sink = kind !== undefined ? `${kind}:${callee}${this.literalHost(kind, args)}` : channel;
    const wrapper = resolved ? undefined : lastSegment(callee);
    if (sink === undefined) {
      // Unresolved calls are most calls of a bundle: read their arguments only when something can flow.
      if (wrapper === undefined) return;
      const known = this.wrappers.has(wrapper);
      if (!known && this.tainted === 0 && this.returns.size === 0 && !this.host.hints.env) {
        if (!this.host.hints.secretNames || !this.hasSecretArgument(args)) return;
      }
    }
    const labels = new Set<Carried>();
    // Arguments of a plain call are read shorter: they are many, and a value handed on is usually a name.
    const max = sink === undefined ? MAX_WRAPPER_TEXT : MAX_TEXT;
    for (const arg of args) {
      // A callback handed over is code the callee may run, not data it is given.
      if (FUNCTION_NODES.has(arg.type)) continue;
      for (const label of this.labelsOf(arg, max)) labels.add(label);
    }
    if (labels.size === 0) return;
    if (sink !== undefined) {
      if (labels.has('@param')) this.registerWrapper(sink);
      this.emit(node, labels, sink);
      return;
    }
    if (wrapper !== undefined) this.viaWrapper(node, wrapper, labels);
  }

  /**
   * `return found`: the function returns what `found` carries (sources returned directly are climbed to).
   * Left out: one- and two-letter names, which a minified bundle gives to many functions at once, and a
   * cookie, since a helper that returns one cookie's value by name is how clients send their XSRF token.
   */
  onReturn(node: SyntaxNode): void {
    const frame = this.frames[this.frames.length - 1]!;
    if (frame.name === undefined || frame.name.length <= 2 || this.tainted === 0) return;
    const value = node.firstNamedChild;
    if (value === null) return;
    const labels = this.labelsOf(value, MAX_WRAPPER_TEXT);
    labels.delete('cookie');
    this.addReturn(labels);
  }

  /** A relative module's callee (`./lib.grab`), while the file's budget of such calls lasts. */
  private isLocal(callee: string): boolean {
    if (!LOCAL_CALLEE.test(callee)) return false;
    return this.localCalls++ < MAX_PENDING;
  }

  /**
   * `lib.grab()` / `send(x)` from `require('./lib')`: what it returns is deferred to the other file's summary,
   * and so is where the arguments it is given go.
   */
  private onLocalCall(node: SyntaxNode, callee: string, args: readonly SyntaxNode[]): void {
    const deferred: Deferred = `?${callee}`;
    this.climb(node, new Set([deferred]));
    const frame = this.frames[this.frames.length - 1]!;
    if (this.tainted === 0 && this.returns.size === 0 && frame.params.size === 0 && !this.host.hints.env) {
      if (!this.host.hints.secretNames || !this.hasSecretArgument(args)) return;
    }
    const labels = new Set<Carried>();
    for (const arg of args) for (const label of this.labelsOf(arg, MAX_WRAPPER_TEXT)) labels.add(label);
    if (labels.size === 0) return;
    if (labels.has('@param')) this.registerWrapper(deferred);
    this.emit(node, labels, deferred);
  }

  /** Searches for secret markers and collections that keep tainted values. */
  private onMethod(node: SyntaxNode, args: readonly SyntaxNode[]): void {
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'member_expression') return;
    const prop = fn.childForFieldName('property');
    const first = args[0];
    if (prop === null || first === undefined) return;
    const method = this.host.src(prop);
    if (SEARCH_METHODS.has(method)) {
      const needle = this.host.src(first);
      if (needle.length > 300 || !SECRET_MARKER.test(needle)) return;
      // `pattern.test(line)`: the searched text is the argument; otherwise it is the receiver.
      const searched = method === 'test' ? first : fn.childForFieldName('object');
      const name = searched === null ? undefined : this.baseName(searched);
      if (name !== undefined) this.taint(name, new Set(['secret']));
      return;
    }
    if (COLLECTING_METHODS.has(method) && this.tainted > 0) {
      const name = this.baseName(fn.childForFieldName('object'));
      if (name === undefined) return;
      const labels = new Set<Carried>();
      for (const arg of args) for (const label of this.labelsOf(arg, MAX_WRAPPER_TEXT)) labels.add(label);
      labels.delete('@param');
      if (labels.size > 0) this.taint(name, labels);
    }
  }

  /** The variable at the root of `line.toString().toLowerCase()`. */
  private baseName(node: SyntaxNode | null): string | undefined {
    let cur = node;
    for (let i = 0; i < 8 && cur !== null; i++) {
      if (cur.type === 'identifier') return this.host.src(cur);
      if (cur.type === 'member_expression' || cur.type === 'subscript_expression')
        cur = cur.childForFieldName('object');
      else if (cur.type === 'call_expression') cur = cur.childForFieldName('function');
      else if (cur.type === 'parenthesized_expression') cur = cur.firstNamedChild;
      else return undefined;
    }
    return undefined;
  }

  finish(): void {
    for (const entry of this.pending) {
      const sink = this.wrappers.get(entry.name);
      if (sink !== undefined) this.emit(entry.node, entry.labels, sink, entry.name);
    }
    // What other files of the package may call: each named function's returned labels and parameter sink.
    for (const [name, labels] of this.returns) {
      const at = this.definedAt.get(name);
      if (at !== undefined) this.link(at, `fn ${name} returns ${[...labels].sort().join('+')}`);
    }
    for (const [name, sink] of this.wrappers) {
      const at = this.definedAt.get(name);
      if (at !== undefined) this.link(at, `fn ${name} sends ${sink}`);
    }
  }

  private link(node: SyntaxNode, detail: string): void {
    if (this.links.length < MAX_LINKS) this.links.push({ node, detail });
  }

  // ------------------------------------------------------------------ sources

  private sourceLabel(callee: string, args: readonly SyntaxNode[]): FlowLabel | undefined {
    const label = SOURCE_CALLS.get(callee);
    if (label !== undefined) return label;
    if (FILE_READS.has(callee)) {
      const first = args[0];
      if (first === undefined) return undefined;
      const carried = this.labelsOf(first);
      return carried.has('credential-path') ? 'credential-file' : 'file-content';
    }
    if (callee === 'Buffer.from') {
      const encoding = args[1] === undefined ? '' : this.host.src(args[1]);
      return /['"`](?:base64|base64url|hex)['"`]/.test(encoding) ? 'decoded' : undefined;
    }
    if (DOWNLOADS.has(callee)) return 'remote';
    if (callee === 'child_process.execSync' || callee === 'child_process.exec') {
      const first = args[0];
      if (first === undefined) return undefined;
      const text = this.host.src(first).replace(/^['"`]|['"`]$/g, '');
      if (RECON_COMMAND.test(text)) return /whoami|id|net\s+user/.test(text) ? 'user-name' : 'host-name';
    }
    return undefined;
  }

  /** From a source call up to where its value lands: a variable, a return, or a call that sends it. */
  private climb(start: SyntaxNode, labels: ReadonlySet<FlowLabel | Deferred>): void {
    let child = start;
    let parent = start.parent;
    for (let step = 0; step < MAX_CLIMB && parent !== null; step++) {
      switch (parent.type) {
        case 'variable_declarator': {
          if (parent.childForFieldName('value')?.id !== child.id) return;
          for (const name of this.targetNames(parent.childForFieldName('name'))) this.taint(name, labels);
          return;
        }
        case 'assignment_expression': {
          if (parent.childForFieldName('right')?.id !== child.id) return;
          const left = parent.childForFieldName('left');
          const dom = left === null ? undefined : this.domSink(left);
          if (dom !== undefined && left !== null) {
            this.emit(left, labels, dom);
            return;
          }
          for (const name of this.targetNames(parent.childForFieldName('left'))) this.taint(name, labels);
          return;
        }
        case 'return_statement': {
          this.addReturn(labels);
          return;
        }
        case 'arrow_function': {
          if (parent.childForFieldName('body')?.id === child.id) this.addReturn(labels);
          return;
        }
        case 'arguments': {
          const call = parent.parent;
          if (call === null) return;
          const callee = this.host.calleeOfCall(call);
          const kind = callee.resolved ? sinkKind(callee.name) : undefined;
          if (kind === undefined && callee.resolved && LOCAL_CALLEE.test(callee.name)) {
            this.emit(call, labels, `?${callee.name}`);
            return;
          }
          if (kind !== undefined) {
            const args = call.childForFieldName('arguments')?.namedChildren ?? [];
            const literal = this.literalHost(
              kind,
              args.filter((arg): arg is SyntaxNode => arg !== null),
            );
            this.emit(call, labels, `${kind}:${callee.name}${literal}`);
            return;
          }
          const channel = callee.resolved ? undefined : this.channelOf(call);
          if (channel !== undefined) {
            this.emit(call, labels, channel);
            return;
          }
          if (!callee.resolved) {
            // `found.push(readFileSync(key))`: the collection keeps the value.
            const fn = call.childForFieldName('function');
            const prop = fn?.type === 'member_expression' ? fn.childForFieldName('property') : null;
            if (prop !== null && prop !== undefined && COLLECTING_METHODS.has(this.host.src(prop))) {
              const name = this.baseName(fn?.childForFieldName('object') ?? null);
              if (name !== undefined) this.taint(name, labels);
              return;
            }
            this.viaWrapper(call, lastSegment(callee.name), labels);
          }
          // The call's result still carries the value: JSON.stringify(x), Buffer.from(x), encode(x).
          child = call;
          parent = call.parent;
          continue;
        }
        case 'pair':
        case 'object':
        case 'array':
        case 'spread_element':
        case 'template_substitution':
        case 'template_string':
        case 'binary_expression':
        case 'parenthesized_expression':
        case 'await_expression':
        case 'ternary_expression':
        case 'member_expression':
        case 'subscript_expression':
        case 'call_expression':
        case 'new_expression':
        case 'shorthand_property_identifier':
        case 'as_expression':
        case 'non_null_expression':
          child = parent;
          parent = parent.parent;
          continue;
        default:
          return;
      }
    }
  }

  // ------------------------------------------------------------------ labels

  /** What an expression carries, from its text: tainted names, secret names, the environment, path kinds. */
  private labelsOf(node: SyntaxNode, max = MAX_TEXT): Set<Carried> {
    const out = new Set<Carried>();
    let text = this.host.src(node);
    if (text.length > max) text = text.slice(0, max);
    if (CREDENTIAL_PATH.test(text)) out.add('credential-path');
    if (USER_FOLDER.test(text)) out.add('user-folder');
    if (text.includes('document.cookie')) out.add('cookie');
    if (text.includes('process')) {
      if (WHOLE_ENV.test(text)) out.add('env');
      if (SECRET_ENV.test(text)) out.add('env-secret');
    }
    const frame = this.frames[this.frames.length - 1]!;
    // Names matter only when something is carried, a parameter may be handed on, or secret names occur at all.
    if (
      this.tainted === 0 &&
      this.returns.size === 0 &&
      frame.params.size === 0 &&
      !this.host.hints.secretNames
    )
      return out;
    const code = text.replace(QUOTED, ' ');
    IDENTIFIER.lastIndex = 0;
    for (let m = IDENTIFIER.exec(code); m !== null; m = IDENTIFIER.exec(code)) {
      const id = m[0];
      if (SECRET_NAME.test(id)) out.add('secret');
      if (frame.params.has(id)) out.add('@param');
      if (this.tainted > 0) {
        const carried = this.lookup(id);
        if (carried !== undefined) for (const label of carried) out.add(label);
      }
      const returned = this.returns.get(id);
      if (returned !== undefined) for (const label of returned) out.add(label);
    }
    return out;
  }

  private hasSecretArgument(args: readonly SyntaxNode[]): boolean {
    for (const arg of args) {
      const text = this.host.src(arg);
      if (text.length > 300) continue;
      const ids = text.replace(QUOTED, ' ').match(IDENTIFIER) ?? [];
      if (ids.some((id) => SECRET_NAME.test(id))) return true;
    }
    return false;
  }

  private lookup(name: string): ReadonlySet<Carried> | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const frame = this.frames[i]!;
      const hit = frame.taint?.get(name);
      if (hit !== undefined) {
        // A name derived from an outer function's parameters is not this function's parameter.
        if (i === this.frames.length - 1 || !hit.has('@param')) return hit;
        const rest = new Set(hit);
        rest.delete('@param');
        return rest;
      }
      if (frame.params.has(name)) return undefined;
    }
    return undefined;
  }

  private taint(name: string, labels: ReadonlySet<Carried>): void {
    if (this.tainted >= MAX_TAINTED) return;
    const frame = this.frames[this.frames.length - 1]!;
    frame.taint ??= new Map();
    const before = frame.taint.get(name);
    const merged = new Set(before ?? []);
    for (const label of labels) merged.add(label);
    frame.taint.set(name, merged);
    if (before === undefined) this.tainted++;
  }

  private addReturn(labels: ReadonlySet<Carried>): void {
    const name = this.frames[this.frames.length - 1]!.name;
    if (name === undefined || this.returns.size >= MAX_TAINTED) return;
    const data = [...labels].filter((label): label is FlowLabel | Deferred => label !== '@param');
    if (data.length === 0) return;
    this.returns.set(name, new Set([...(this.returns.get(name) ?? []), ...data]));
  }

  // ------------------------------------------------------------------ sinks

  /**
   * ` @host` when a network call names its host in a literal (`fetch('https://x.pw/c')`,
   * `https.request({ hostname: 'x.pw' })`): data sent to a fixed host goes to whoever wrote the code.
   */
  private literalHost(kind: SinkKind, args: readonly SyntaxNode[]): string {
    const first = args[0];
    if (kind !== 'network' || first === undefined) return '';
    const text = this.host.src(first).slice(0, MAX_TEXT);
    const url = /^['"`](?:https?|wss?):\/\/([A-Za-z0-9.-]+)/.exec(text);
    if (url?.[1] !== undefined) return ` @${url[1].toLowerCase()}`;
    if (first.type === 'object') {
      const option = /\bhost(?:name)?\s*:\s*['"`]([A-Za-z0-9.-]+)['"`]/.exec(text);
      if (option?.[1] !== undefined) return ` @${option[1].toLowerCase()}`;
    }
    return '';
  }

  /**
   * `img.src = url + data`, `link.href = …`, `form.action = …`: in a page, setting these sends a request.
   * Navigation (`location.href`) is left out: redirects are common and honest.
   */
  private domSink(target: SyntaxNode): string | undefined {
    if (target.type !== 'member_expression') return undefined;
    const prop = target.childForFieldName('property');
    if (prop === null) return undefined;
    const name = this.host.src(prop);
    if (name !== 'src' && name !== 'href' && name !== 'action') return undefined;
    const object = this.host.src(target.childForFieldName('object') ?? prop);
    if (/(?:^|\.)location$/.test(object)) return undefined;
    return `network:dom.${name}`;
  }

  /** `req.write(x)` where `req = https.request(…)`: the request is the sink. */
  private channelOf(call: SyntaxNode): string | undefined {
    if (this.channels.size === 0) return undefined;
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'member_expression') return undefined;
    const prop = fn.childForFieldName('property');
    const object = fn.childForFieldName('object');
    if (prop === null || object?.type !== 'identifier' || !SENDING_METHODS.has(this.host.src(prop)))
      return undefined;
    const channel = this.channels.get(this.host.src(object));
    return channel === undefined ? undefined : `network:${channel}`;
  }

  private registerWrapper(sink: string): void {
    const frame = this.frames[this.frames.length - 1]!;
    if (frame.name !== undefined && this.wrappers.size < MAX_TAINTED && !this.wrappers.has(frame.name))
      this.wrappers.set(frame.name, sink);
  }

  private viaWrapper(node: SyntaxNode, name: string, labels: ReadonlySet<Carried>): void {
    const data = new Set([...labels].filter((label): label is FlowLabel | Deferred => label !== '@param'));
    if (data.size === 0) return;
    const sink = this.wrappers.get(name);
    if (sink !== undefined) {
      this.emit(node, data, sink, name);
      // A wrapper that calls another wrapper with its own parameter is a wrapper too.
      if (labels.has('@param')) this.registerWrapper(sink);
      return;
    }
    // Not known yet: decided when the file is done (functions are often defined below their callers).
    if (this.pending.length < MAX_PENDING) this.pending.push({ node, name, labels: data });
  }

  private emit(node: SyntaxNode, labels: ReadonlySet<Carried>, sink: string, via?: string): void {
    const data = [...labels].filter((label): label is FlowLabel | Deferred => label !== '@param');
    if (data.length === 0) return;
    const deferred = isDeferred(sink) || data.some(isDeferred);
    if (!deferred && this.hits.length >= MAX_FLOWS) return;
    // A path alone matters only where a file is written: fetch(base + '/.env') sends no file.
    if (!deferred && !sink.startsWith('file-write:') && data.every((label) => isPathLabel(label))) return;
    const detail = `${data.sort().join('+')}${MODULE_LINK_SEPARATOR}${sink}${via === undefined ? '' : ` via ${via}`}`;
    const key = `${node.startIndex}:${detail}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (deferred) this.link(node, detail);
    else this.hits.push({ node, detail });
  }

  // ------------------------------------------------------------------ names

  /** The names a binding target sets: `x`, the base of `x.y`, or each name of a destructuring pattern. */
  private targetNames(target: SyntaxNode | null): string[] {
    if (target === null) return [];
    if (target.type === 'object_pattern' || target.type === 'array_pattern') {
      const names: string[] = [];
      for (const id of target.descendantsOfType(['identifier', 'shorthand_property_identifier_pattern'])) {
        if (id !== null && names.length < 32) names.push(this.host.src(id));
      }
      return names;
    }
    const one = this.targetName(target);
    return one === undefined ? [] : [one];
  }

  private targetName(target: SyntaxNode): string | undefined {
    if (target.type === 'identifier') return this.host.src(target);
    // `obj.field = secret` taints obj: the object is what gets sent.
    if (target.type === 'member_expression' || target.type === 'subscript_expression') {
      let base: SyntaxNode | null = target;
      for (let i = 0; i < 8 && base !== null; i++) {
        if (base.type === 'identifier') return this.host.src(base);
        if (base.type === 'this') return undefined;
        base = base.childForFieldName('object');
      }
    }
    return undefined;
  }

  private functionName(node: SyntaxNode): string | undefined {
    const own = node.childForFieldName('name');
    if (own !== null) return this.host.src(own);
    const parent = node.parent;
    if (parent === null) return undefined;
    if (parent.type === 'variable_declarator') {
      const name = parent.childForFieldName('name');
      return name?.type === 'identifier' ? this.host.src(name) : undefined;
    }
    if (parent.type === 'assignment_expression') {
      const left = parent.childForFieldName('left');
      if (left === null) return undefined;
      if (left.type === 'identifier') return this.host.src(left);
      const prop = left.childForFieldName('property');
      return prop === null ? undefined : this.host.src(prop);
    }
    if (parent.type === 'export_statement') return 'default';
    if (parent.type === 'pair') {
      const key = parent.childForFieldName('key');
      return key === null ? undefined : this.host.src(key).replace(/^['"]|['"]$/g, '');
    }
    return undefined;
  }
}

function unwrapValue(node: SyntaxNode | null): SyntaxNode | null {
  let cur = node;
  for (let i = 0; i < 8 && cur !== null; i++) {
    if (cur.type === 'parenthesized_expression' || cur.type === 'await_expression') cur = cur.firstNamedChild;
    else return cur;
  }
  return cur;
}
