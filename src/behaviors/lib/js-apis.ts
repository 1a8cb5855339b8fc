import { REQUIRE_CALLEES } from '../../analysis/javascript/analyze.ts';
import { FILE_WRITE_CALLEES } from '../../analysis/javascript/flow.ts';
import type { CallFact } from '../../analysis/types.ts';
import { matchesCallee, textOf } from './match.ts';
/**
 * Node.js API families, named as the JavaScript analyzer resolves them (Node module names, `node:`
 * stripped, globals as 'builtins.eval' / 'process.env'). Shared by behaviors and policies.
 */

export const JS_PROCESS_CALLEES: readonly string[] = [
  'child_process.exec',
  'child_process.execSync',
  'child_process.execFile',
  'child_process.execFileSync',
  'child_process.spawn',
  'child_process.spawnSync',
  'child_process.fork',
  'child_process.promises.*',
  'process.binding.spawn_sync.spawn',
  'process.binding.process_wrap.*',
  'execa',
  'execa.*',
  'cross-spawn',
  'cross-spawn.*',
  'shelljs.exec',
  'Bun.spawn',
  'Bun.spawnSync',
  'Deno.run',
  'Deno.Command',
];

/** APIs that always hand the command to a shell. */
export const JS_SHELL_CALLEES: readonly string[] = [
  'child_process.exec',
  'child_process.execSync',
  'shelljs.exec',
];

export const JS_HTTP_CALLEES: readonly string[] = [
  'http.request',
  'http.get',
  'https.request',
  'https.get',
  'http2.connect',
  'builtins.fetch',
  'node-fetch',
  'node-fetch.*',
  'axios',
  'axios.*',
  'got',
  'got.*',
  'request',
  'request.*',
  'superagent.*',
  'needle',
  'needle.*',
  'undici.request',
  'undici.fetch',
  'XMLHttpRequest',
  'WebSocket',
  'ws',
];

export const JS_SOCKET_CALLEES: readonly string[] = [
  'net.connect',
  'net.createConnection',
  'net.Socket',
  'tls.connect',
  'dgram.createSocket',
];

export const JS_DNS_CALLEES: readonly string[] = [
  'dns.lookup',
  'dns.resolve',
  'dns.resolve4',
  'dns.resolve6',
  'dns.resolveTxt',
  'dns.resolveAny',
  'dns.resolveCname',
  'dns.resolveMx',
  'dns.promises.*',
  'dns.Resolver',
];

/** Anything that talks to the network. */
export const JS_NETWORK_CALLEES: readonly string[] = [
  ...JS_HTTP_CALLEES,
  ...JS_SOCKET_CALLEES,
  ...JS_DNS_CALLEES,
];

export const JS_EVAL_CALLEES: readonly string[] = [
  'builtins.eval',
  'builtins.Function',
  'vm.runInNewContext',
  'vm.runInThisContext',
  'vm.runInContext',
  'vm.Script',
  'vm.compileFunction',
  'vm.SourceTextModule',
];

export const JS_REQUIRE_CALLEES: readonly string[] = REQUIRE_CALLEES;

export const JS_FILE_DELETE_CALLEES: readonly string[] = [
  'fs.unlink',
  'fs.unlinkSync',
  'fs.rm',
  'fs.rmSync',
  'fs.rmdir',
  'fs.rmdirSync',
  'fs.promises.rm',
  'fs.promises.unlink',
  'fs.promises.rmdir',
  'rimraf',
  'rimraf.*',
  'del',
  'del.*',
  'fs-extra.remove',
  'fs-extra.removeSync',
  'fs-extra.emptyDir',
  'fs-extra.emptyDirSync',
];

export const JS_FILE_WRITE_CALLEES: readonly string[] = FILE_WRITE_CALLEES;

export const JS_FILE_RENAME_CALLEES: readonly string[] = [
  'fs.rename',
  'fs.renameSync',
  'fs.promises.rename',
  'fs-extra.move',
  'fs-extra.moveSync',
];

/** Geolocation-by-IP services: protestware asks them which country the machine is in. */
export const GEOLOCATION_HOSTS =
  /\b(?:ipinfo\.io|ip-api\.com|ipapi\.co|ipapi\.com|geolocation-db\.com|freegeoip\.(?:app|net|io)|ipgeolocation\.io|ipwho\.is|ipwhois\.app|get\.geojs\.io|api\.country\.is|ip2location\.io|extreme-ip-lookup\.com)\b/i;

/** Calls whose names alone say they send a body. */
export const JS_UPLOAD_CALLEES: readonly string[] = [
  'axios.post',
  'axios.put',
  'axios.patch',
  'got.post',
  'got.put',
  'got.patch',
  'request.post',
  'request.put',
  'request.patch',
  'needle.post',
  'needle.put',
  'superagent.post',
  'superagent.put',
  'node-fetch.post',
];

/** Requests whose options decide: fetch(url, { method: 'POST', body }), https.request({ method: 'POST' }). */
export const JS_REQUEST_CALLEES: readonly string[] = [
  'http.request',
  'https.request',
  'builtins.fetch',
  'node-fetch',
  'undici.request',
  'undici.fetch',
  'axios',
  'got',
  'request',
  'needle',
];

/** Options text of a request that sends data. */
export const JS_SENDING_OPTIONS =
  /\bmethod\s*:\s*['"`](?:POST|PUT|PATCH)['"`]|\b(?:body|json|form|formData|data)\s*:/i;

/** Decoders whose output, handed to eval or Function, is hidden code. */
export const JS_DECODER_CALLEES: readonly string[] = [
  'builtins.atob',
  'Buffer.from',
  'builtins.unescape',
  'String.fromCharCode',
  'zlib.inflateSync',
  'zlib.inflateRawSync',
  'zlib.gunzipSync',
  'zlib.unzipSync',
  'zlib.brotliDecompressSync',
  'zlib.inflate',
  'zlib.gunzip',
  'crypto.createDecipher',
  'crypto.createDecipheriv',
];

/** Source text that decodes on the spot: atob(…), Buffer.from(…, 'base64'), String.fromCharCode(…), zlib, decipher. */
export const JS_DECODING_TEXT =
  /\batob\b|\bBuffer\.from\b[\s\S]*['"`](?:base64|base64url|hex)['"`]|\bfromCharCode\b|\bunescape\b|\b(?:inflate|inflateRaw|gunzip|unzip|brotliDecompress)(?:Sync)?\b|\bcreateDecipher(?:iv)?\b|\bbuiltins\.atob\b/;

/**
 * A call that talks to the network. `new net.Socket({ fd: 2 })` wraps a file descriptor the process already
 * has (how debug writes to a stream it was given), not a connection to anyone.
 */
export function isJsNetworkCall(call: CallFact): boolean {
  if (!matchesCallee(call.callee, JS_NETWORK_CALLEES)) return false;
  if (call.callee === 'net.Socket')
    return (
      !call.keywords.some((entry) => entry.name === 'fd') &&
      !call.args.some((arg) => /\bfd\b/.test(textOf(arg)))
    );
  return true;
}
