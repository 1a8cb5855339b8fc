/**
 * Light data flow inside one Python file: a name assigned from a source (a download, a decoder, a read of a
 * credential file, the environment, the host or user name) carries that origin, and a call that leaves the
 * process (exec / eval / compile, os.system and subprocess, requests / urllib / socket) with such a name in
 * its arguments is a `data-flow` fact with the same detail as the JavaScript tracker's
 * ('remote -> code:builtins.exec', 'credential-file -> network:requests.post @x.example').
 *
 * Bounded on purpose and counted in work, never time: names are matched in their own function scope and then
 * in the module scope, in the order the analyzer visits the code; an expression is walked for at most
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

export class PythonFlow {
  private readonly tracked = new Map<object, Map<string, readonly Label[]>>();
  private size = 0;
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

  /** A call: when it leaves the process and a tracked name is among its arguments, the fact's detail. */
  call(
    node: SyntaxNode,
    callee: string,
    scopes: readonly object[],
    args: readonly StaticValue[],
    keywords: readonly { readonly name: string; readonly value: StaticValue }[],
  ): string | undefined {
    if (this.size === 0 || this.flows >= MAX_FLOWS) return undefined;
    const sink = sinkOf(callee);
    if (sink === undefined) return undefined;
    const argsNode = node.childForFieldName('arguments');
    if (argsNode === null) return undefined;
    const labels = new Set<Label>();
    this.walk(argsNode, scopes, labels, true);
    if (labels.size === 0) return undefined;
    this.flows++;
    const host = sink === 'network' ? hostOf(args, keywords) : undefined;
    return `${[...labels].sort().join('+')} -> ${sink}:${callee}${host === undefined ? '' : ` @${host}`}`;
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
    this.each(root, (node) => {
      const type = node.type;
      if (type === 'identifier') {
        const parent = node.parent;
        // `x.attr` and `f(key=…)`: the attribute and the keyword are not names of values.
        if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === node.id)
          return true;
        if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === node.id)
          return true;
        for (const label of this.lookup(this.host.text(node), scopes) ?? []) labels.add(label);
        return true;
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

  /** Preorder walk, at most MAX_EXPR_NODES nodes per expression and MAX_FILE_NODES per file. */
  private each(root: SyntaxNode, visit: (node: SyntaxNode) => boolean): void {
    const stack: SyntaxNode[] = [root];
    let count = 0;
    while (stack.length > 0) {
      if (count++ >= MAX_EXPR_NODES || this.spent++ >= MAX_FILE_NODES) return;
      const node = stack.pop()!;
      if (!visit(node)) continue;
      const children = node.namedChildren;
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child !== null && child !== undefined) stack.push(child);
      }
    }
  }
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
