/**
 * Per-file facts cached by content. A file's facts depend only on its bytes, the analyzer's code, the
 * dialect its name selects (.ts / .tsx / .d.ts) and the per-file budgets, so they are stored under exactly
 * that key and a file analyzed once, in any package, any version or any run, is never analyzed again. Most
 * files of a package's next version are byte-identical to the previous version's.
 *
 * The store (SQLite or PostgreSQL, src/store/facts-*.ts) holds opaque payloads; everything a payload is
 * trusted for is checked here on the way out: a digest over the bytes, a size cap, the decoded shape. A row
 * that fails any check is a miss and the file is analyzed again, so a corrupt or planted row can cost time,
 * never change a report.
 */
import { createHash } from 'node:crypto';
import type { AnalysisProblem, SourceFacts, SourceLanguage, UrlFact } from '../types.ts';
import type { BatchFile, BatchFileResult } from './batch.ts';
import { decodeTree, encodeTree } from './facts-codec.ts';

/** Where a payload lives: the file's sha256 and its analyzer variant, under one analyzer fingerprint. */
export interface FactsKey {
  readonly sha256: string;
  /** The language, refined by what the file name selects: python, javascript, typescript, tsx, typescript-declaration. */
  readonly variant: string;
}

export interface FactsPayload extends FactsKey {
  readonly payload: Uint8Array;
}

/**
 * The storage side, implemented by the stores. Failures may throw: callers treat a failing cache as an
 * empty one, and a scan never fails because of it.
 */
export interface FactsCache {
  /** Stored payloads of the keys present, keyed by factsKeyId. */
  getFacts(analyzer: string, keys: readonly FactsKey[]): Promise<Map<string, Uint8Array>>;
  /**
   * Stores payloads, replacing what a key held: a file is only analyzed when its key was missing or its stored
   * payload failed a check, so a damaged row heals on the next scan instead of missing forever.
   */
  putFacts(analyzer: string, entries: readonly FactsPayload[]): Promise<void>;
}

export function factsKeyId(key: FactsKey): string {
  return `${key.sha256}\u0000${key.variant}`;
}

/** A payload larger than this is neither stored nor trusted when read (a file's facts are capped well below). */
export const MAX_FACTS_PAYLOAD_BYTES = 8 * 1024 * 1024;

const MAGIC = 0xa6;
/** The payload layout's version; part of the analyzer fingerprint, so a new layout never reads an old row. */
export const FACTS_FORMAT = 3;
const DIGEST_BYTES = 32;

/** The analyzer variant of a source file: what, besides its bytes, the analyzer reads from its name. */
export function factsVariant(path: string, language: SourceLanguage): string {
  if (language !== 'typescript') return language;
  const lower = path.toLowerCase();
  if (/\.d\.[cm]?ts$/.test(lower)) return 'typescript-declaration';
  return lower.endsWith('.tsx') ? 'tsx' : 'typescript';
}

export function factsKeyOf(file: BatchFile): FactsKey | undefined {
  if (file.language === null) return undefined;
  return {
    sha256: createHash('sha256').update(file.data).digest('hex'),
    variant: factsVariant(file.path, file.language),
  };
}

type Stored = Pick<BatchFileResult, 'facts' | 'problems' | 'urls'>;

/**
 * Whether a result may be stored: a crash may come from the machine (a thread that ran out of memory), not
 * from the file, so it is never kept; everything else is a deterministic function of the key.
 */
export function cacheable(result: BatchFileResult): boolean {
  return result.facts !== undefined && !result.problems.some((p) => p.kind === 'analyzer-crash');
}

/**
 * The payload: a marker byte, the sha256 of the body, and the body (facts-codec.ts: each distinct string once,
 * the file's path left out, key order, -0, NaN and the infinities kept). The digest makes a damaged row a miss.
 */
export function encodeFacts(result: BatchFileResult): Uint8Array | undefined {
  const path = result.facts?.file;
  if (path === undefined) return undefined;
  const stored: Stored = { facts: result.facts, problems: result.problems, urls: result.urls };
  const body = encodeTree(stored, path);
  if (body === undefined || body.length + 1 + DIGEST_BYTES > MAX_FACTS_PAYLOAD_BYTES) return undefined;
  const out = Buffer.allocUnsafe(1 + DIGEST_BYTES + body.length);
  out[0] = MAGIC;
  createHash('sha256').update(body).digest().copy(out, 1);
  body.copy(out, 1 + DIGEST_BYTES);
  return out;
}

/**
 * The stored result for a file, with the file's current path (a file keeps its bytes between versions, not
 * always its path), or undefined when the payload fails any check (then the file is analyzed).
 */
export function decodeFacts(payload: Uint8Array, file: BatchFile): Stored | undefined {
  if (payload.length < 1 + DIGEST_BYTES || payload.length > MAX_FACTS_PAYLOAD_BYTES) return undefined;
  if (payload[0] !== MAGIC) return undefined;
  const bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const body = bytes.subarray(1 + DIGEST_BYTES);
  const digest = createHash('sha256').update(body).digest();
  if (!digest.equals(bytes.subarray(1, 1 + DIGEST_BYTES))) return undefined;
  const value = decodeTree(body, file.path);
  expectedPath = file.path;
  if (!isStored(value, file.language)) return undefined;
  return { facts: value.facts, problems: value.problems, urls: value.urls };
}

// Shape checks: every field a later stage reads has the type it expects, and every path is the file's.
// decodeFacts sets the path before it checks (synchronously, so no other payload can interleave).

type Obj = Record<string, unknown>;

let expectedPath = '';

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optional(value: unknown, type: 'string' | 'number'): boolean {
  return value === undefined || typeof value === type;
}

function isLocated(value: unknown): value is Obj {
  return (
    isObj(value) &&
    value['file'] === expectedPath &&
    typeof value['line'] === 'number' &&
    typeof value['column'] === 'number'
  );
}

const VALUE_KINDS = new Set(['string', 'bytes', 'number', 'bool', 'none', 'ref', 'call', 'expr']);

function isStaticValue(value: unknown): boolean {
  if (!isObj(value) || typeof value['kind'] !== 'string' || !VALUE_KINDS.has(value['kind'])) return false;
  switch (value['kind']) {
    case 'string':
    case 'bytes':
      return typeof value['value'] === 'string';
    case 'number':
      return typeof value['value'] === 'number';
    case 'bool':
      return typeof value['value'] === 'boolean';
    case 'none':
      return true;
    case 'ref':
      return typeof value['name'] === 'string';
    case 'call':
      return typeof value['callee'] === 'string' && typeof value['text'] === 'string';
    default:
      return typeof value['text'] === 'string' && optional(value['folded'], 'string');
  }
}

function everyOf(value: unknown, check: (item: unknown) => boolean): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (!check(item)) return false;
  return true;
}

const SCOPES = new Set(['module', 'function', 'class']);

function isCall(value: unknown): boolean {
  return (
    isLocated(value) &&
    typeof value['callee'] === 'string' &&
    typeof value['resolved'] === 'boolean' &&
    typeof value['snippet'] === 'string' &&
    SCOPES.has(value['scope'] as string) &&
    everyOf(value['args'], isStaticValue) &&
    everyOf(value['keywords'], (k) => isObj(k) && typeof k['name'] === 'string' && isStaticValue(k['value']))
  );
}

function isImport(value: unknown): boolean {
  return (
    isLocated(value) &&
    typeof value['module'] === 'string' &&
    typeof value['dynamic'] === 'boolean' &&
    typeof value['snippet'] === 'string' &&
    optional(value['member'], 'string') &&
    optional(value['alias'], 'string')
  );
}

function isStringFact(value: unknown): boolean {
  return isLocated(value) && typeof value['value'] === 'string' && typeof value['docstring'] === 'boolean';
}

function isConstruct(value: unknown): boolean {
  return (
    isLocated(value) &&
    typeof value['kind'] === 'string' &&
    typeof value['snippet'] === 'string' &&
    optional(value['detail'], 'string') &&
    optional(value['size'], 'number')
  );
}

const ENCODINGS = new Set(['plain', 'base64', 'hex']);

function isUrl(value: unknown): value is UrlFact {
  return (
    isLocated(value) &&
    typeof value['url'] === 'string' &&
    typeof value['scheme'] === 'string' &&
    typeof value['host'] === 'string' &&
    typeof value['snippet'] === 'string' &&
    ENCODINGS.has(value['encoding'] as string) &&
    optional(value['port'], 'number')
  );
}

const PROBLEM_KINDS = new Set(['parse-error', 'timeout', 'decode-error', 'too-large', 'capped']);

function isProblem(value: unknown): value is AnalysisProblem {
  return (
    isObj(value) &&
    value['file'] === expectedPath &&
    PROBLEM_KINDS.has(value['kind'] as string) &&
    typeof value['message'] === 'string' &&
    optional(value['line'], 'number')
  );
}

function isFacts(value: unknown, language: SourceLanguage | null): value is SourceFacts {
  return (
    isObj(value) &&
    value['file'] === expectedPath &&
    value['language'] === language &&
    typeof value['partial'] === 'boolean' &&
    everyOf(value['imports'], isImport) &&
    everyOf(value['calls'], isCall) &&
    everyOf(value['strings'], isStringFact) &&
    everyOf(value['constructs'], isConstruct)
  );
}

function isStored(value: unknown, language: SourceLanguage | null): value is Stored {
  return (
    isObj(value) &&
    isFacts(value['facts'], language) &&
    everyOf(value['problems'], isProblem) &&
    everyOf(value['urls'], isUrl)
  );
}
