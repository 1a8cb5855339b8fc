/**
 * What the JavaScript flow tracker (flow.ts) knows before it reads a file: the labels a value can carry, the
 * calls that are sources (host and user names, reads of credential files, downloads, decoders) and sinks
 * (network, processes, code, file writes), and the text patterns of secrets and credential paths.
 */
import type { SyntaxNode } from '../tree-sitter/fast-tree.ts';

/** What a value carries, named by where it came from. */
export type FlowLabel =
  | 'host-name'
  | 'user-name'
  | 'network-config'
  | 'env'
  | 'env-secret'
  | 'credential-file'
  | 'file-content'
  | 'secret'
  | 'decoded'
  | 'remote'
  | 'credential-path'
  | 'user-folder'
  /** `document.cookie`: the page's session cookies. */
  | 'cookie';

/** Where a flow ends. */
export type SinkKind = 'network' | 'process' | 'code' | 'file-write';

/**
 * A value or a sink that lives in another file of the package: `?./lib.grab` is what `./lib`'s `grab`
 * returns (as a label) or where its parameter goes (as a sink). Resolved per package by module-flow.ts.
 */
export type Deferred = `?${string}`;
export type Carried = FlowLabel | '@param' | Deferred;

export function isDeferred(value: string): value is Deferred {
  return value.startsWith('?');
}

export interface FlowHit {
  readonly node: SyntaxNode;
  /** `host-name+user-name -> network:https.request`, with ` via send` when a wrapper function was called. */
  readonly detail: string;
}

/**
 * Halves of a flow that crosses a file: a flow whose labels or sink are deferred (`?./lib.grab+env ->
 * network:https.request`), and what this file's named functions return (`fn grab returns credential-file`)
 * or where their parameter goes (`fn send sends network:https.request @x.example`).
 */
export const MODULE_LINK_SEPARATOR = ' -> ';

/** Calls that write a file, as the analyzer names them (shared with the behaviors through js-apis.ts). */
export const FILE_WRITE_CALLEES: readonly string[] = [
  'fs.writeFile',
  'fs.writeFileSync',
  'fs.appendFile',
  'fs.appendFileSync',
  'fs.createWriteStream',
  'fs.promises.writeFile',
  'fs.promises.appendFile',
  'fs-extra.outputFile',
  'fs-extra.outputFileSync',
  'fs-extra.writeFile',
  'fs-extra.writeFileSync',
];

// Callee names as the analyzer resolves them. A prefix ending in '.' covers the module's members.
const SINKS: readonly (readonly [SinkKind, readonly string[]])[] = [
  [
    'network',
    [
      'http.request',
      'http.get',
      'https.request',
      'https.get',
      'http2.',
      'builtins.fetch',
      'node-fetch',
      'axios',
      'got',
      'request',
      'needle',
      'superagent.',
      'undici.',
      'net.',
      'tls.connect',
      'dgram.',
      'dns.',
      'WebSocket',
      'ws',
      'XMLHttpRequest',
    ],
  ],
  ['process', ['child_process.', 'execa', 'cross-spawn', 'shelljs.exec']],
  [
    'code',
    [
      'builtins.eval',
      'builtins.Function',
      // vm calls that compile source text; vm.SyntheticModule takes a callback and export names, no source.
      'vm.runInThisContext',
      'vm.runInNewContext',
      'vm.runInContext',
      'vm.Script',
      'vm.createScript',
      'vm.compileFunction',
      'vm.SourceTextModule',
      'module._compile',
      'module.constructor',
      'Module._compile',
    ],
  ],
  ['file-write', FILE_WRITE_CALLEES],
];

const sinkCache = new Map<string, SinkKind | null>();

/** The sink family of a callee; memoized, since it is asked for every resolved call of every file. */
export function sinkKind(callee: string): SinkKind | undefined {
  const known = sinkCache.get(callee);
  if (known !== undefined) return known ?? undefined;
  const kind = findSinkKind(callee);
  if (sinkCache.size < 50_000) sinkCache.set(callee, kind ?? null);
  return kind;
}

function findSinkKind(callee: string): SinkKind | undefined {
  for (const [kind, names] of SINKS) {
    for (const name of names) {
      if (name.endsWith('.') ? callee.startsWith(name) : callee === name || callee.startsWith(`${name}.`))
        return kind;
    }
  }
  return undefined;
}

export const SOURCE_CALLS: ReadonlyMap<string, FlowLabel> = new Map([
  ['os.hostname', 'host-name'],
  ['os.userInfo', 'user-name'],
  ['os.networkInterfaces', 'network-config'],
  ['builtins.atob', 'decoded'],
  ['zlib.inflateSync', 'decoded'],
  ['zlib.inflateRawSync', 'decoded'],
  ['zlib.gunzipSync', 'decoded'],
  ['zlib.unzipSync', 'decoded'],
  ['zlib.brotliDecompressSync', 'decoded'],
  ['crypto.createDecipher', 'decoded'],
  ['crypto.createDecipheriv', 'decoded'],
]);
export const FILE_READS = new Set([
  'fs.readFileSync',
  'fs.readFile',
  'fs.promises.readFile',
  'fs-extra.readFile',
  'fs-extra.readFileSync',
  'fs-extra.readJson',
  'fs-extra.readJsonSync',
]);
/** Commands whose output is who and where the machine is. */
export const RECON_COMMAND = /^\s*(?:whoami|hostname|id|uname(?:\s+-a)?|ifconfig|ipconfig|net\s+user)\s*$/;
/** Calls whose result is a download: fetch(u), axios.get(u), got(u). */
export const DOWNLOADS = new Set([
  'builtins.fetch',
  'node-fetch',
  'axios',
  'axios.get',
  'got',
  'got.get',
  'request',
  'request.get',
  'needle.get',
]);

/** Paths of credential and secret stores, as they appear in path strings. */
export const CREDENTIAL_PATH =
  /\.ssh\b|id_(?:rsa|dsa|ecdsa|ed25519)\b|\.aws\b|\.azure\b|\.kube\b|gcloud|\.npmrc|\.pypirc|\.netrc|\.git-credentials|\.docker[\\/]config|[\\/]etc[\\/](?:passwd|shadow)|Local Storage|leveldb|Login Data|Cookies|(?<![\w$])\.env\b|keychain|wallet|Exodus|Electrum|\.bash_history|\.zsh_history/i;
/** The user's own document folders: nothing a library writes to. */
export const USER_FOLDER = /(?:^|[\\/`'"])(?:Desktop|OneDrive|Documents|Pictures)(?:[\\/`'"]|$)/;
export const WHOLE_ENV = /\bprocess\.env\b(?!\s*(?:\.\s*[A-Za-z_$]|\[|\?\.))/;
export const SECRET_ENV =
  /\bprocess\.env\s*(?:\.\s*|\[\s*['"])\w*(?:TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|PRIVATE_?KEY|AUTH)\w*/i;
/**
 * Names that hold a wallet's secret. Passwords and API secret keys are left out: login forms post passwords,
 * and SDKs send their secret key to their own API in a header.
 */
export const SECRET_NAME =
  /^_*(?:private_?key|priv_?key|mnemonic|seed_?phrase|seed_?words|recovery_?phrase|seed|wallet_?secret|secret_?phrase)s?$/i;
export const IDENTIFIER = /[A-Za-z_$][\w$]*/g;
export const QUOTED = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g;
const PATH_LABELS: ReadonlySet<string> = new Set<FlowLabel>(['credential-path', 'user-folder']);

/** A path alone matters only where a file is written: fetch(base + '/.env') sends no file. */
export function isPathLabel(label: string): boolean {
  return PATH_LABELS.has(label);
}
/** Text searched for these is being searched for secrets: `line.includes('privatekey=')`. */
export const SECRET_MARKER =
  /private_?key|secret_?key|fromSecretKey|mnemonic|seed phrase|BEGIN (?:RSA |OPENSSH |EC )?PRIVATE KEY/i;
export const SEARCH_METHODS = new Set(['includes', 'indexOf', 'startsWith', 'match', 'search', 'test']);
/** Collections that keep what they are given: `found.push(secret)` makes `found` carry it. */
export const COLLECTING_METHODS = new Set(['push', 'unshift', 'add', 'set', 'append', 'concat']);
/** Method calls on a request or socket object that send what they are given. */
export const SENDING_METHODS = new Set(['write', 'end', 'send']);
