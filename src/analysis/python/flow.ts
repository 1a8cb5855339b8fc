/**
 * Light data flow inside one Python file: a name assigned from a source (a download, a decoder, a read of a
 * credential file, the environment, the host or user name) carries that origin, and a call that leaves the
 * process (exec / eval / compile, os.system and subprocess, requests / urllib / socket) with such a name in
 * its arguments is a `data-flow` fact with the same detail as the JavaScript tracker's
 * ('remote -> code:builtins.exec', 'credential-file -> network:requests.post @x.example').
 *
 * Beyond plain names it follows tuple targets (`a, b = src, other`), attribute targets (`self.p = …` read in
 * another method of the same class), what a local function (not a method) returns (`def fetch(): return
 * urlopen(u).read()` then `exec(fetch())`), and a local function whose parameter reaches a sink, called with a tracked value
 * (`def run(c): exec(c)` then `run(p)`: the fact says `via run`).
 *
 * Bounded on purpose and counted in work, never time: names are matched in their own function scope and then
 * in the module scope, in the order the analyzer visits the code (a function is summarized when it is read, so
 * only calls below it are joined); an expression is walked for at most
 * MAX_EXPR_NODES nodes, the file for at most MAX_FILE_NODES, and facts and tracked names are capped. The
 * nested forms (`exec(requests.get(u).text)`) are left to the call facts, which already carry them.
 */
import type { SyntaxNode } from '../tree-sitter/fast-tree.ts';
import type { StaticValue } from '../types.ts';

type Label =
  | 'remote'
  | 'decoded'
  | 'credential-file'
  | 'credential-path'
  | 'env'
  | 'env-secret'
  | 'host-name'
  | 'user-name';
type SinkKind = 'network' | 'process' | 'code';

const MAX_EXPR_NODES = 300;
const MAX_FILE_NODES = 60_000;
const MAX_TRACKED = 2000;
const MAX_FLOWS = 200;
/** Function summaries (returns and parameters that reach a sink) kept per file. */
const MAX_FUNCTIONS = 500;
/** Steps up the tree to find the enclosing function or class. */
const MAX_PARENT_STEPS = 200;
/** A value worth walking for an attribute target: a call, a subscript, or a name (when names are tracked). */
const MAY_CARRY = /[([]/;
/** `flow-link` facts per file (module-flow.ts joins them across the package's modules). */
const MAX_LINKS = 100;

const REMOTE = new Set([
  'requests.get',
  'requests.post',
  'requests.request',
  'requests.api.get',
  'urllib.request.urlopen',
  'urllib2.urlopen',
  'urllib.urlopen',
  'httpx.get',
  'httpx.post',
  'httpx.request',
]);

const DECODERS = new Set([
  'base64.b64decode',
  'base64.b32decode',
  'base64.b16decode',
  'base64.b85decode',
  'base64.a85decode',
  'base64.urlsafe_b64decode',
  'base64.decodebytes',
  'base64.decodestring',
  'binascii.unhexlify',
  'binascii.a2b_base64',
  'binascii.a2b_hex',
  'codecs.decode',
  'zlib.decompress',
  'bz2.decompress',
  'lzma.decompress',
  'gzip.decompress',
  'marshal.loads',
  'bytes.fromhex',
  'builtins.bytes.fromhex',
]);

const FILE_READERS = /^(?:builtins\.open|io\.open|codecs\.open)$|\.(?:read_text|read_bytes|open)$/;
const HOST_NAME = new Set(['socket.gethostname', 'platform.node', 'socket.getfqdn']);
const USER_NAME = new Set(['getpass.getuser', 'os.getlogin']);
const SECRET_ENV_CALL = new Set(['os.getenv', 'os.environ.get', 'os.environ.__getitem__']);

/** Paths of credential and secret stores, as they appear in path strings (the JavaScript tracker's list). */
const CREDENTIAL_PATH =
  /\.ssh\b|id_(?:rsa|dsa|ecdsa|ed25519)\b|\.aws\b|\.azure\b|\.kube\b|gcloud|\.npmrc|\.pypirc|\.netrc|\.git-credentials|\.docker[\\/]config|[\\/]etc[\\/](?:passwd|shadow)|Local Storage|leveldb|Login Data|Cookies|keychain|wallet|Exodus|Electrum|\.bash_history|\.zsh_history/i;
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|PRIVATE_?KEY|AUTH|CREDENTIAL/i;
/** `os.environ` as a whole, not one of its keys. */
const WHOLE_ENV = /^os\.environ(?:\.copy|\.items|\.keys|\.values)?$/;

const SINKS: readonly (readonly [SinkKind, RegExp])[] = [
  ['code', /^builtins\.(?:exec|eval|compile|execfile)$/],
  [
    'process',
    /^(?:os\.(?:system|popen|exec[lv]p?e?|spawn[lv]p?e?|posix_spawnp?)|subprocess\.\w+|commands\.getoutput|commands\.getstatusoutput|pty\.spawn)$/,
  ],
  [
    'network',
    /^(?:requests\.(?:get|post|put|patch|delete|request|head)|requests\.api\.\w+|requests\.Session\.\w+|urllib\.request\.(?:urlopen|Request)|urllib2\.(?:urlopen|Request)|urllib\.urlopen|httpx\.\w+|http\.client\.HTTPS?Connection\.request|socket\.\w+\.(?:send|sendall|sendto)|socket\.create_connection|smtplib\.SMTP\w*\.sendmail)$/,
  ],
];

function sinkOf(callee: string): SinkKind | undefined {
  for (const [kind, pattern] of SINKS) if (pattern.test(callee)) return kind;
  return undefined;
}

/** What the tracker needs from the analyzer: the resolved callee of a call node and a node's text. */
export interface FlowHost {
  callee(call: SyntaxNode): string;
  text(node: SyntaxNode): string;
}

/** A local function's parameter that reaches a sink: `def run(c): exec(c)` → index 0, 'code:builtins.exec'. */
interface ParamSink {
  readonly index: number;
  readonly name: string;
  readonly sink: string;
}

export class PythonFlow {
  private readonly tracked = new Map<object, Map<string, readonly Label[]>>();
  /** One scope object per class body, for `self.x` / `cls.x` keys: methods of a class share them. */
  private readonly classScopes = new Map<number, object>();
  private readonly returns = new Map<string, readonly Label[]>();
  private readonly paramSinks = new Map<string, ParamSink>();
  /** Module-level functions with a return summary, for the `fn NAME returns …` links. */
  private readonly moduleFunctions = new Map<string, SyntaxNode>();
  private pendingLinks: { node: SyntaxNode; detail: string }[] = [];
  private linkCount = 0;
  private size = 0;
  private attributes = 0;
  private spent = 0;
  private flows = 0;

  constructor(private readonly host: FlowHost) {}

  /** `name = value` in `scope`: the name now carries what the value carries, or nothing. */
  assign(scopes: readonly object[], name: string, value: SyntaxNode): void {
    const labels = this.labelsOf(value, scopes);
    const scope = scopes[0];
    if (scope === undefined) return;
    if (labels.length === 0) {
      this.tracked.get(scope)?.delete(name);
      return;
    }
    this.set(scope, name, labels);
  }

  private set(scope: object, name: string, labels: readonly Label[]): void {
    let names = this.tracked.get(scope);
    if (names === undefined) {
      names = new Map();
      this.tracked.set(scope, names);
    }
    if (!names.has(name) && this.size++ >= MAX_TRACKED) return;
    names.set(name, labels);
  }

  /** `name = other` (or a literal, when `other` is undefined): the name carries what `other` carries, or nothing. */
  copy(scopes: readonly object[], name: string, other: string | undefined): void {
    if (this.size === 0) return;
    const labels = other === undefined ? undefined : this.lookup(other, scopes);
    const scope = scopes[0];
    if (scope === undefined) return;
    const names = this.tracked.get(scope);
    if (labels === undefined) names?.delete(name);
    else this.set(scope, name, labels);
  }

  /**
   * An assignment whose target is not a plain name: a tuple of targets (`a, b = x, y`: pairwise when the counts
   * match, else every target takes the whole value) or an attribute (`self.p = …`, `cfg.p = …`).
   */
  assignTarget(scopes: readonly object[], target: SyntaxNode, value: SyntaxNode, depth = 0): void {
    const type = target.type;
    if (type === 'identifier') {
      this.assign(scopes, this.host.text(target), value);
      return;
    }
    if (type === 'attribute') {
      const key = attributeKey(this.host.text(target));
      if (key === undefined) return;
      const scope = this.attributeScope(target, key, scopes);
      if (scope === undefined) return;
      const carries = this.size > 0 || this.attributes > 0 || MAY_CARRY.test(this.host.text(value));
      const labels = carries ? this.labelsOf(value, scopes) : [];
      if (labels.length === 0) {
        this.tracked.get(scope)?.delete(key);
        return;
      }
      if (!this.tracked.get(scope)?.has(key)) this.attributes++;
      this.set(scope, key, labels);
      return;
    }
    if (depth > 2 || (type !== 'pattern_list' && type !== 'tuple_pattern' && type !== 'tuple')) return;
    const targets = target.namedChildren;
    const values =
      value.type === 'expression_list' || value.type === 'tuple' ? value.namedChildren : ([] as null[]);
    targets.forEach((each, i) => {
      const paired = values.length === targets.length ? values[i] : value;
      if (each !== null && each !== undefined && paired !== null && paired !== undefined)
        this.assignTarget(scopes, each, paired, depth + 1);
    });
  }

  /** `return value` inside a named function: calls of that function carry what the value carries. */
  returned(node: SyntaxNode, scopes: readonly object[]): void {
    const value = node.firstNamedChild;
    if (value === null || value === undefined) return;
    const fn = enclosing(node, 'function_definition');
    const name = fn?.childForFieldName('name');
    // Methods are left out: a client's `self.request()` returns downloaded data through layers of helpers
    // (graphql-core compiles code its cloud service sends), and chains of them are how SDKs are written.
    if (name === null || name === undefined || isMethod(fn!)) return;
    const labels = this.labelsOf(value, scopes);
    if (labels.length === 0) return;
    const key = this.host.text(name);
    const before = this.returns.get(key);
    if (before === undefined && this.returns.size >= MAX_FUNCTIONS) return;
    this.returns.set(key, before === undefined ? labels : [...new Set([...before, ...labels])]);
    if (isModuleLevel(fn!)) this.moduleFunctions.set(key, fn!);
  }

  /** `NAME = 'https://…'` at module level: other modules that import NAME send to that host. */
  constant(node: SyntaxNode, name: string, value: string): void {
    if (node.parent?.parent?.type !== 'module') return;
    const host = urlHost(value);
    if (host !== undefined) this.link(node, `const ${name} @${host}`);
  }

  /** The `flow-link` facts found since the last call; at the end of the file, the return summaries too. */
  drainLinks(atEnd = false): { node: SyntaxNode; detail: string }[] {
    if (atEnd) {
      for (const [name, fn] of this.moduleFunctions) {
        const labels = this.returns.get(name);
        if (labels !== undefined) this.link(fn, `fn ${name} returns ${[...labels].sort().join('+')}`);
      }
      this.moduleFunctions.clear();
    }
    const out = this.pendingLinks;
    this.pendingLinks = [];
    return out;
  }

  private link(node: SyntaxNode, detail: string): void {
    if (this.linkCount >= MAX_LINKS) return;
    this.linkCount++;
    this.pendingLinks.push({ node, detail });
  }

  /** A call: when it leaves the process and a tracked name is among its arguments, the fact's detail. */
  call(
    node: SyntaxNode,
    callee: string,
    scopes: readonly object[],
    args: readonly StaticValue[],
    keywords: readonly { readonly name: string; readonly value: StaticValue }[],
  ): string | undefined {
    if (this.flows >= MAX_FLOWS) return undefined;
    const sink = sinkOf(callee);
    const argsNode = node.childForFieldName('arguments');
    if (argsNode === null) return undefined;
    if (sink === undefined)
      return this.paramSinks.size === 0 ? undefined : this.viaLocal(node, argsNode, scopes);
    const host = sink === 'network' ? hostOf(args, keywords) : undefined;
    const target = `${sink}:${callee}${host === undefined ? '' : ` @${host}`}`;
    this.summarizeParameter(node, argsNode, target);
    // A function of the package's own module in the arguments: its return summary is joined later.
    for (const value of [...args, ...keywords.map((keyword) => keyword.value)]) {
      if (value.kind === 'call' && value.callee.startsWith('.'))
        this.link(node, `?${value.callee} -> ${target}`);
    }
    if (this.size === 0 && this.returns.size === 0) return undefined;
    const labels = new Set<Label>();
    this.walk(argsNode, scopes, labels, true);
    if (labels.size === 0) return undefined;
    this.flows++;
    const detail = `${[...labels].sort().join('+')} -> ${target}`;
    // A URL constant imported from the package's own module: the join gives the flow its host.
    const url = sink === 'network' && host === undefined ? importedUrlName(args, keywords) : undefined;
    if (url !== undefined) this.link(node, `${detail} @?${url}`);
    return detail;
  }

  /** A sink inside a function whose argument mentions one of the function's parameters: a summary. */
  private summarizeParameter(node: SyntaxNode, argsNode: SyntaxNode, target: string): void {
    const fn = enclosing(node, 'function_definition');
    const nameNode = fn?.childForFieldName('name');
    if (fn === undefined || nameNode === null || nameNode === undefined) return;
    const name = this.host.text(nameNode);
    if (this.paramSinks.has(name) || this.paramSinks.size >= MAX_FUNCTIONS) return;
    const params = parameterNames(fn, this.host);
    if (params.length === 0) return;
    let found: ParamSink | undefined;
    this.each(argsNode, (child) => {
      if (found !== undefined) return false;
      if (child.type === 'identifier') {
        const index = params.indexOf(this.host.text(child));
        if (index >= 0) found = { index, name: params[index]!, sink: target };
      }
      return true;
    });
    if (found !== undefined) this.paramSinks.set(name, found);
  }

  /** A call of a local function whose parameter reaches a sink, given a tracked value in that place. */
  private viaLocal(node: SyntaxNode, argsNode: SyntaxNode, scopes: readonly object[]): string | undefined {
    const name = localCallee(node, this.host);
    const summary = name === undefined ? undefined : this.paramSinks.get(name);
    if (summary === undefined) return undefined;
    let value: SyntaxNode | undefined;
    let position = 0;
    for (const arg of argsNode.namedChildren) {
      if (arg === null || arg.type === 'comment') continue;
      if (arg.type === 'keyword_argument') {
        if (this.host.text(arg.childForFieldName('name') ?? arg) === summary.name)
          value = arg.childForFieldName('value') ?? undefined;
      } else if (position++ === summary.index && arg.type !== 'list_splat') value = arg;
    }
    if (value === undefined) return undefined;
    const labels = new Set<Label>();
    this.walk(value, scopes, labels, false);
    if (labels.size === 0) return undefined;
    this.flows++;
    return `${[...labels].sort().join('+')} -> ${summary.sink} via ${name}`;
  }

  /** The scope an attribute key lives in: the class body for `self.x` / `cls.x`, else the name scopes. */
  private attributeScope(node: SyntaxNode, key: string, scopes: readonly object[]): object | undefined {
    if (!key.startsWith('self.') && !key.startsWith('cls.')) return scopes[0];
    const owner = enclosing(node, 'class_definition');
    if (owner === undefined) return scopes[0];
    let scope = this.classScopes.get(owner.id);
    if (scope === undefined) {
      scope = {};
      this.classScopes.set(owner.id, scope);
    }
    return scope;
  }

  private lookupAttribute(node: SyntaxNode, scopes: readonly object[]): readonly Label[] | undefined {
    const key = attributeKey(this.host.text(node));
    if (key === undefined) return undefined;
    if (key.startsWith('self.') || key.startsWith('cls.')) {
      const owner = enclosing(node, 'class_definition');
      const scope = owner === undefined ? undefined : this.classScopes.get(owner.id);
      if (scope !== undefined) return this.tracked.get(scope)?.get(key);
    }
    return this.lookup(key, scopes);
  }

  private lookup(name: string, scopes: readonly object[]): readonly Label[] | undefined {
    for (const scope of scopes) {
      const labels = this.tracked.get(scope)?.get(name);
      if (labels !== undefined) return labels;
    }
    return undefined;
  }

  private labelsOf(value: SyntaxNode, scopes: readonly object[]): Label[] {
    const labels = new Set<Label>();
    this.walk(value, scopes, labels, false);
    if (labels.has('credential-path') && this.readsFile(value)) labels.add('credential-file');
    return [...labels];
  }

  /** Whether a file-reading call appears in the expression (bounded like the walk). */
  private readsFile(value: SyntaxNode): boolean {
    let found = false;
    this.each(value, (node) => {
      if (node.type === 'call' && FILE_READERS.test(this.host.callee(node))) found = true;
      return !found;
    });
    return found;
  }

  /**
   * Labels of the names and source calls in an expression. At a sink only names count: the nested sources
   * are already in the call facts.
   */
  private walk(root: SyntaxNode, scopes: readonly object[], labels: Set<Label>, namesOnly: boolean): void {
    this.each(root, (node, above) => {
      const type = node.type;
      if (type === 'identifier') {
        // The node the walk came from is the parent tree-sitter would find by walking down from the root
        // (one wasm call that costs the depth), except for an empty node, which a neighbour may also contain.
        const parent = above !== undefined && node.endIndex > node.startIndex ? above : node.parent;
        // `x.attr` and `f(key=…)`: the attribute and the keyword are not names of values.
        if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === node.id)
          return true;
        if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === node.id)
          return true;
        for (const label of this.lookup(this.host.text(node), scopes) ?? []) labels.add(label);
        return true;
      }
      if (type === 'call' && this.returns.size > 0) {
        const fn = node.childForFieldName('function');
        const name = fn?.type === 'identifier' ? this.host.text(fn) : undefined;
        for (const label of (name === undefined ? undefined : this.returns.get(name)) ?? [])
          labels.add(label);
      }
      if (type === 'attribute' && this.attributes > 0) {
        const found = this.lookupAttribute(node, scopes);
        if (found !== undefined) {
          for (const label of found) labels.add(label);
          return false;
        }
      }
      if (namesOnly) return true;
      if (type === 'call') {
        const callee = this.host.callee(node);
        if (REMOTE.has(callee)) labels.add('remote');
        else if (DECODERS.has(callee)) labels.add('decoded');
        else if (HOST_NAME.has(callee)) labels.add('host-name');
        else if (USER_NAME.has(callee)) labels.add('user-name');
        else if (SECRET_ENV_CALL.has(callee)) {
          if (SECRET_NAME.test(this.host.text(node.childForFieldName('arguments') ?? node)))
            labels.add('env-secret');
        } else if (FILE_READERS.test(callee) && CREDENTIAL_PATH.test(this.host.text(node))) {
          labels.add('credential-file');
        }
        return true;
      }
      if (type === 'string') {
        if (CREDENTIAL_PATH.test(this.host.text(node))) labels.add('credential-path');
        return false;
      }
      if (type === 'subscript') {
        const value = node.childForFieldName('value');
        if (value !== null && this.host.text(value) === 'os.environ') {
          if (SECRET_NAME.test(this.host.text(node))) labels.add('env-secret');
          return false;
        }
        return true;
      }
      if (type === 'attribute') {
        const text = this.host.text(node);
        if (WHOLE_ENV.test(text)) {
          // os.environ.get(…) and os.environ[…] are one key, judged above; the rest is the whole environment.
          const parent = node.parent;
          const oneKey =
            (parent?.type === 'attribute' &&
              /^os\.environ\.(?:get|pop|setdefault)$/.test(this.host.text(parent))) ||
            (text === 'os.environ' && parent?.type === 'subscript');
          if (!oneKey) labels.add('env');
          return false;
        }
      }
      return true;
    });
  }

  /**
   * Preorder walk, at most MAX_EXPR_NODES nodes per expression and MAX_FILE_NODES per file. `visit` is given
   * the node whose named children the node came from (undefined for the root).
   */
  private each(root: SyntaxNode, visit: (node: SyntaxNode, above: SyntaxNode | undefined) => boolean): void {
    const stack: SyntaxNode[] = [root];
    const aboves: (SyntaxNode | undefined)[] = [undefined];
    let count = 0;
    while (stack.length > 0) {
      if (count++ >= MAX_EXPR_NODES || this.spent++ >= MAX_FILE_NODES) return;
      const node = stack.pop()!;
      const above = aboves.pop();
      if (!visit(node, above)) continue;
      const children = node.namedChildren;
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child !== null && child !== undefined) {
          stack.push(child);
          aboves.push(node);
        }
      }
    }
  }
}

/** The host of a URL written as text, or undefined. */
function urlHost(text: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#\s@]+)/i.exec(text);
  return m?.[1]?.toLowerCase();
}

/** The relative import (`.cfg.URL`) a network call's URL argument names, positional first or as `url=`. */
function importedUrlName(
  args: readonly StaticValue[],
  keywords: readonly { readonly name: string; readonly value: StaticValue }[],
): string | undefined {
  for (const value of [args[0], keywords.find((k) => k.name === 'url')?.value]) {
    if (value?.kind === 'ref' && value.name.startsWith('.')) return value.name;
  }
  return undefined;
}

/** The host of a literal URL given to a network call, positional first or as `url=`. */
function hostOf(
  args: readonly StaticValue[],
  keywords: readonly { readonly name: string; readonly value: StaticValue }[],
): string | undefined {
  const candidates = [args[0], keywords.find((k) => k.name === 'url')?.value];
  for (const value of candidates) {
    const text = value?.kind === 'string' ? value.value : value?.kind === 'expr' ? value.folded : undefined;
    const m = text === undefined ? null : /^[a-z][a-z0-9+.-]*:\/\/([^/:?#\s@]+)/i.exec(text);
    if (m?.[1] !== undefined) return m[1].toLowerCase();
  }
  return undefined;
}

/** `self.payload`, `cfg.url`: a dotted name of at most three parts, or undefined for anything else. */
function attributeKey(text: string): string | undefined {
  return /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*){1,2}$/.test(text) ? text : undefined;
}

/** The nearest ancestor of a type, stopping at a function or class boundary of another type. */
function enclosing(
  node: SyntaxNode,
  type: 'function_definition' | 'class_definition',
): SyntaxNode | undefined {
  let current = node.parent;
  for (let steps = 0; current !== null && steps < MAX_PARENT_STEPS; steps++) {
    if (current.type === type) return current;
    // A method's class is above its function; a nested function's sink is its own function's.
    if (type === 'function_definition' && (current.type === 'class_definition' || current.type === 'lambda'))
      return undefined;
    current = current.parent;
  }
  return undefined;
}

/** The parameter names of a function, without the `self` / `cls` of a method. */
function parameterNames(fn: SyntaxNode, host: FlowHost): string[] {
  const params = fn.childForFieldName('parameters');
  if (params === null) return [];
  const names: string[] = [];
  for (const param of params.namedChildren) {
    if (param === null) continue;
    const target =
      param.type === 'identifier' ? param : (param.childForFieldName('name') ?? param.firstNamedChild);
    // `*args`, `**kw`: no position to match.
    if (param.type === 'list_splat_pattern' || param.type === 'dictionary_splat_pattern') break;
    if (target?.type === 'identifier') names.push(host.text(target));
  }
  return isMethod(fn) && (names[0] === 'self' || names[0] === 'cls') ? names.slice(1) : names;
}

function isModuleLevel(fn: SyntaxNode): boolean {
  const parent = fn.parent;
  return (
    parent?.type === 'module' || (parent?.type === 'decorated_definition' && parent.parent?.type === 'module')
  );
}

function isMethod(fn: SyntaxNode): boolean {
  return fn.parent?.parent?.type === 'class_definition';
}

/** The local function a call names: `fetch()`, or `self.fetch()` / `cls.fetch()` for a method. */
function localCallee(call: SyntaxNode, host: FlowHost): string | undefined {
  const fn = call.childForFieldName('function');
  if (fn === null) return undefined;
  if (fn.type === 'identifier') return host.text(fn);
  if (fn.type !== 'attribute') return undefined;
  const m = /^(?:self|cls)\.([A-Za-z_]\w*)$/.exec(host.text(fn));
  return m?.[1];
}
