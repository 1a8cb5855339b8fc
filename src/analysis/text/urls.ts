/**
 * URL facts for every file of a package: source, data, docs and binaries alike. A URL is a fact
 * (where it is, what host and port it names, how it was encoded); whether it matters is for the
 * `url-*` behaviors to decide, so placeholders such as http://example.com are kept.
 */

import { isAscii } from 'node:buffer';
import { isProbablyBinary, printableRunsAround } from '../binary/magic.ts';
import type { AnalysisProblem, UrlFact } from '../types.ts';

export interface UrlExtractionOptions {
  /** Files larger than this are skipped with a 'too-large' problem. */
  readonly maxFileBytes: number;
  /** URLs kept per file: a generated file with a million links must not bloat the facts. */
  readonly maxUrlsPerFile: number;
}

export const DEFAULT_URL_OPTIONS: UrlExtractionOptions = {
  maxFileBytes: 20 * 1024 * 1024,
  maxUrlsPerFile: 2_000,
};

export interface UrlExtraction {
  readonly urls: UrlFact[];
  readonly problems: AnalysisProblem[];
}

/** The URL facts of one file; problems (size cap, URL cap) are dropped: use extractUrlsWithProblems to see them. */
export function extractUrls(file: string, bytes: Buffer): UrlFact[] {
  return extractUrlsWithProblems(file, bytes).urls;
}

export function extractUrlsWithProblems(
  file: string,
  bytes: Buffer,
  options: UrlExtractionOptions = DEFAULT_URL_OPTIONS,
): UrlExtraction {
  const problems: AnalysisProblem[] = [];
  if (bytes.length > options.maxFileBytes) {
    problems.push({
      file,
      kind: 'too-large',
      message: `URL extraction skipped: ${bytes.length} bytes is over the ${options.maxFileBytes}-byte cap`,
    });
    return { urls: [], problems };
  }
  const sink = new UrlSink(file, options.maxUrlsPerFile);
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    // UTF-16LE text with a BOM (PowerShell and Windows tools write it): read as text, not as a binary.
    scanText(bytes.subarray(2).toString('utf16le'), sink);
  } else if (isProbablyBinary(bytes)) {
    scanBinary(bytes, sink);
  } else {
    // Most files hold none of the signs; those are never decoded.
    const signs = signsIn(bytes);
    if (!signs.plain && !signs.base64 && !signs.hex && !signs.escapes) return { urls: [], problems };
    // Pure ASCII reads the same as latin1, which V8 builds faster and stores as one byte per character.
    const text = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
    scanText(text, sink, signs);
  }
  if (sink.truncated) {
    problems.push({
      file,
      kind: 'capped',
      message: `more than ${options.maxUrlsPerFile} URLs; only the first ${options.maxUrlsPerFile} are kept`,
    });
  }
  // Encoded URLs are found in a second pass; report everything in reading order.
  sink.urls.sort((a, b) => a.line - b.line || a.column - b.column);
  return { urls: sink.urls, problems };
}

// ---------------------------------------------------------------------------------------------
// Matching

/**
 * One pass over the text. A URL runs until whitespace, a quote, an angle bracket or a character
 * that cannot appear unescaped in a URL (RFC 3986 §2); brackets stay in for IPv6 hosts and are
 * trimmed afterwards when they close markup. U+FFFD marks undecodable bytes and ends a URL too.
 */
const URL_PATTERN = /\b(?:https?|ftps?|wss?):\/\/[^\s"'<>`\\^{}|\u0000-\u001f\u007f\ufffd]+/gi;
/**
 * In a binary's strings the byte before a URL is often unrelated noise (a length byte that happens to
 * be printable, the last letter of the previous UTF-16 string), so no word boundary is required there.
 */
const BINARY_URL_PATTERN = new RegExp(URL_PATTERN.source.slice(2), URL_PATTERN.flags);

/**
 * 'http' encoded at each of the three byte alignments, counting only the characters that 'http'
 * alone decides: a run without one of them cannot decode to a URL, so it is never decoded.
 */
const BASE64_HTTP_MARKERS = ['aHR0c', 'h0dH', 'odHRw'] as const;
const HEX_HTTP_MARKER = '68747470';

const HEX_ESCAPE_PATTERN = /(?:\\x[0-9A-Fa-f]{2}){8,}/g;

/**
 * Byte sequences without which no scanner below can find anything: '://' for a plain URL, a base64 or
 * hex marker of 'http', a `\x` escape. A binary is read only around them, in ASCII and UTF-16LE.
 */
const URL_SIGN_TEXTS = ['://', ...BASE64_HTTP_MARKERS, HEX_HTTP_MARKER, '\\x'];
const BINARY_SIGNS = {
  ascii: URL_SIGN_TEXTS.map((sign) => Buffer.from(sign, 'latin1')),
  wide: URL_SIGN_TEXTS.map((sign) => Buffer.from(sign, 'utf16le')),
};

/** Which scanners a UTF-8 text needs, read from its bytes before it is decoded. */
interface TextSigns {
  readonly plain: boolean;
  readonly base64: boolean;
  readonly hex: boolean;
  readonly escapes: boolean;
}

const ALL_SIGNS: TextSigns = { plain: true, base64: true, hex: true, escapes: true };

const PLAIN_SIGN = Buffer.from('://');
const BASE64_SIGNS = BASE64_HTTP_MARKERS.map((marker) => Buffer.from(marker));
const HEX_SIGN = Buffer.from(HEX_HTTP_MARKER);
const ESCAPE_SIGN = Buffer.from('\\x');

/**
 * A searched sequence's speed depends on its letters: on 78 MB of botocore's JSON, 'aHR0c' took 41 ms and
 * its part 'HR0' 7 ms. Each marker is looked for only when a rare part of it (digits, capitals) is there.
 */
const BASE64_ANCHORS = [Buffer.from('HR0'), Buffer.from('0dH'), Buffer.from('HRw')];
const HEX_ANCHOR = Buffer.from('6874');

function signsIn(bytes: Buffer): TextSigns {
  return {
    plain: bytes.includes(PLAIN_SIGN),
    base64: BASE64_SIGNS.some(
      (marker, i) => bytes.includes(BASE64_ANCHORS[i] ?? marker) && bytes.includes(marker),
    ),
    hex: bytes.includes(HEX_ANCHOR) && bytes.includes(HEX_SIGN),
    escapes: bytes.includes(ESCAPE_SIGN),
  };
}

/** Encoded runs longer than this are not decoded: a data: image is not where a URL hides. */
const MAX_ENCODED_RUN = 64 * 1024;

/** Trailing characters that end a sentence or close markup rather than belong to the URL. */
const TRAILING_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?', '*', "'", '"', '>']);

const CLOSERS: Readonly<Record<string, string>> = { ')': '(', ']': '[' };

/** Cuts a raw match at markup boundaries and drops trailing punctuation that ends the sentence, not the URL. */
export function trimUrlCandidate(raw: string): string {
  let url = raw;
  // Markdown `[http://a](http://b)` and `[text](url)`: the link text ends at `](`.
  const markdown = url.indexOf('](');
  if (markdown >= 0) url = url.slice(0, markdown);
  // HTML entities written for quotes end the URL too (`&quot;` in attributes of generated docs).
  const entity = url.search(/&(?:quot|apos|lt|gt|#34|#39);/i);
  if (entity >= 0) url = url.slice(0, entity);
  for (;;) {
    const last = url.at(-1);
    if (last === undefined) break;
    if (TRAILING_PUNCTUATION.has(last)) {
      url = url.slice(0, -1);
      continue;
    }
    const opener = CLOSERS[last];
    // A closing bracket stays only when the URL opened it: https://en.wikipedia.org/wiki/Foo_(bar).
    if (opener !== undefined && count(url, last) > count(url, opener)) {
      url = url.slice(0, -1);
      continue;
    }
    break;
  }
  return url;
}

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) n++;
  return n;
}

export interface ParsedUrl {
  readonly scheme: string;
  readonly host: string;
  readonly port?: number;
  readonly userinfo?: string;
  /** Path, query and fragment as written ('' when none). */
  readonly rest: string;
}

const HOSTNAME =
  /^(?:[\p{L}\p{N}_](?:[\p{L}\p{N}_-]*[\p{L}\p{N}_])?)(?:\.[\p{L}\p{N}_](?:[\p{L}\p{N}_-]*[\p{L}\p{N}_])?)*\.?$/u;
const IPV6 = /^\[[0-9A-Fa-f:.]+(?:%[0-9A-Za-z._~-]+)?\]$/;

/**
 * Splits a URL into scheme, userinfo, host and explicit port by hand: WHATWG `URL` drops a port
 * equal to the scheme's default, and an explicit `:80` is part of the fact. Returns null for
 * templates and fragments that name no host (`http://%s`, `http://${host}`, `http://host:port`).
 */
export function parseUrl(url: string): ParsedUrl | null {
  const sep = url.indexOf('://');
  if (sep <= 0) return null;
  const scheme = url.slice(0, sep).toLowerCase();
  const afterScheme = url.slice(sep + 3);
  const end = afterScheme.search(/[/?#]/);
  const authority = end < 0 ? afterScheme : afterScheme.slice(0, end);
  const rest = end < 0 ? '' : afterScheme.slice(end);
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at) : undefined;
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  let host: string;
  let portText: string | undefined;
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close < 0) return null;
    host = hostPort.slice(0, close + 1);
    const tail = hostPort.slice(close + 1);
    if (tail !== '') {
      if (!tail.startsWith(':')) return null;
      portText = tail.slice(1);
    }
    if (!IPV6.test(host)) return null;
  } else {
    const colon = hostPort.lastIndexOf(':');
    host = colon >= 0 ? hostPort.slice(0, colon) : hostPort;
    portText = colon >= 0 ? hostPort.slice(colon + 1) : undefined;
    if (!HOSTNAME.test(host)) return null;
  }
  host = host.toLowerCase().replace(/\.$/, '');
  if (host === '') return null;
  let port: number | undefined;
  if (portText !== undefined && portText !== '') {
    if (!/^\d{1,5}$/.test(portText)) return null;
    port = Number(portText);
    if (port > 65_535) return null;
  }
  return {
    scheme,
    host,
    ...(port === undefined ? {} : { port }),
    ...(userinfo === undefined ? {} : { userinfo }),
    rest,
  };
}

// ---------------------------------------------------------------------------------------------
// Sinks and locations

class UrlSink {
  readonly urls: UrlFact[] = [];
  truncated = false;

  constructor(
    readonly file: string,
    readonly max: number,
  ) {}

  get full(): boolean {
    return this.urls.length >= this.max;
  }

  add(fact: Omit<UrlFact, 'file'>): void {
    if (this.full) {
      this.truncated = true;
      return;
    }
    this.urls.push({ file: this.file, ...fact });
  }
}

/** Where a match sits: line and column are 1-based; columns count UTF-16 code units of the decoded line. */
interface Locator {
  locate(index: number): { line: number; column: number; snippet: string };
}

const SNIPPET_MAX = 200;

class TextLocator implements Locator {
  // Built on the first match only: most texts that reach the scanners still hold no URL.
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  private get lineStarts(): number[] {
    if (this.starts === undefined) {
      const starts = [0];
      const text = this.text;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
    }
    return this.starts;
  }

  locate(index: number): { line: number; column: number; snippet: string } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    const start = this.lineStarts[lo]!;
    const next = this.lineStarts[lo + 1];
    const end = next === undefined ? this.text.length : next - 1;
    return { line: lo + 1, column: index - start + 1, snippet: snippetAround(this.text, start, end, index) };
  }
}

/** The line, trimmed; a long line (minified code) is cut to a window around the match. */
function snippetAround(text: string, start: number, end: number, index: number): string {
  let from = start;
  let to = end;
  if (to - from > SNIPPET_MAX) {
    from = Math.max(start, index - 60);
    to = Math.min(end, from + SNIPPET_MAX);
  }
  return text.slice(from, to).replace(/\r$/, '').trim();
}

// ---------------------------------------------------------------------------------------------
// Scanners

function scanText(text: string, sink: UrlSink, signs: TextSigns = ALL_SIGNS): void {
  const locator = new TextLocator(text);
  if (signs.plain) scanPlain(text, locator, sink);
  scanEncoded(text, locator, sink, signs);
}

/**
 * Binaries are read as their printable strings (ASCII and UTF-16LE, at least 6 characters) that hold a sign. A
 * binary has no lines, so a URL there is reported at line 1 with column = byte offset + 1.
 */
function scanBinary(bytes: Buffer, sink: UrlSink): void {
  for (const found of printableRunsAround(bytes, BINARY_SIGNS, 6)) {
    if (sink.full) {
      sink.truncated = true;
      return;
    }
    const width = found.encoding === 'utf16le' ? 2 : 1;
    const locator: Locator = {
      locate: (index) => ({ line: 1, column: found.offset + index * width + 1, snippet: clip(found.text) }),
    };
    scanPlain(found.text, locator, sink, BINARY_URL_PATTERN);
    scanEncoded(found.text, locator, sink);
  }
}

function clip(text: string): string {
  return text.length > SNIPPET_MAX ? text.slice(0, SNIPPET_MAX) : text;
}

function scanPlain(text: string, locator: Locator, sink: UrlSink, base: RegExp = URL_PATTERN): void {
  if (!text.includes('://')) return;
  const pattern = new RegExp(base.source, base.flags);
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (sink.full) {
      sink.truncated = true;
      return;
    }
    // `[http://a](http://b)`: the match runs over both links; resume right after `](` for the second.
    const markdown = match[0].indexOf('](');
    if (markdown >= 0) pattern.lastIndex = match.index + markdown + 2;
    const url = trimUrlCandidate(match[0]);
    const parsed = parseUrl(url);
    if (!parsed) continue;
    const where = locator.locate(match.index);
    sink.add({
      ...where,
      url,
      scheme: parsed.scheme,
      host: parsed.host,
      ...portOf(parsed),
      encoding: 'plain',
    });
  }
}

function portOf(parsed: ParsedUrl): { port?: number } {
  return parsed.port === undefined ? {} : { port: parsed.port };
}

/** URLs hidden as base64, hex digits or `\x..` escapes: decoded, then matched like plain text. */
function scanEncoded(text: string, locator: Locator, sink: UrlSink, signs: TextSigns = ALL_SIGNS): void {
  if (signs.base64) {
    const pem = pemBlocks(text);
    for (const run of runsAround(text, BASE64_HTTP_MARKERS, isBase64Char)) {
      if (pem.some((block) => run.start >= block.start && run.start < block.end)) continue;
      const body = text.slice(run.start, run.end);
      if (body.length < 16 || body.length > MAX_ENCODED_RUN) continue;
      emitDecoded(decodeBase64Run(body), 'base64', locator.locate(run.start), sink);
    }
  }
  if (signs.hex) {
    for (const run of runsAround(text, [HEX_HTTP_MARKER], isHexChar)) {
      const body = text.slice(run.start, run.end);
      if (body.length < 16 || body.length > MAX_ENCODED_RUN) continue;
      emitDecoded(decodeHexRun(body), 'hex', locator.locate(run.start), sink);
    }
  }
  if (signs.escapes && text.includes('\\x')) {
    for (const match of text.matchAll(HEX_ESCAPE_PATTERN)) {
      const run = match[0];
      if (run.length > MAX_ENCODED_RUN) continue;
      const hex = run.replace(/\\x/g, '');
      if (!hex.toLowerCase().includes(HEX_HTTP_MARKER)) continue;
      emitDecoded([Buffer.from(hex, 'hex').toString('utf8')], 'hex', locator.locate(match.index), sink);
    }
  }
}

/**
 * PEM blocks (certificate bundles such as certifi's cacert.pem) are base64 DER whose CRL, OCSP and
 * policy URLs decode cleanly; they are certificate data, not hidden URLs, so their base64 is not decoded.
 */
function pemBlocks(text: string): { start: number; end: number }[] {
  const blocks: { start: number; end: number }[] = [];
  if (!text.includes('-----BEGIN ')) return blocks;
  for (const match of text.matchAll(
    /-----BEGIN [A-Z0-9 ]{1,40}-----[\s\S]*?-----END [A-Z0-9 ]{1,40}-----/g,
  )) {
    blocks.push({ start: match.index, end: match.index + match[0].length });
  }
  return blocks;
}

function isBase64Char(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2b ||
    code === 0x2f ||
    code === 0x5f ||
    code === 0x2d
  );
}

function isHexChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

/**
 * The maximal runs of `isRunChar` characters that contain one of the markers. Scanning a whole
 * minified bundle with a `[A-Za-z0-9+/]{16,}` regex costs a retry at every position (200 ms on
 * 9 MB); looking for the few markers first and growing the run around each one is 20 times faster.
 */
function runsAround(
  text: string,
  markers: readonly string[],
  isRunChar: (code: number) => boolean,
): { start: number; end: number }[] {
  const runs = new Map<number, number>();
  for (const marker of markers) {
    for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
      let start = at;
      while (start > 0 && isRunChar(text.charCodeAt(start - 1))) start--;
      if (runs.has(start)) continue;
      let end = at + marker.length;
      while (end < text.length && isRunChar(text.charCodeAt(end))) end++;
      runs.set(start, end);
      at = end;
    }
  }
  return [...runs].map(([start, end]) => ({ start, end }));
}

/**
 * The run may start mid-token (`b64=aHR0...` matches from `b64`), so each of the four character
 * alignments is decoded; only texts that contain a scheme are kept.
 */
function decodeBase64Run(run: string): string[] {
  const out: string[] = [];
  const body = run.replace(/=+$/, '');
  for (let shift = 0; shift < 4 && shift < body.length; shift++) {
    const decoded = Buffer.from(body.slice(shift), 'base64').toString('utf8');
    if (/(?:https?|ftps?|wss?):\/\//i.test(decoded)) out.push(decoded);
  }
  return out;
}

function decodeHexRun(run: string): string[] {
  const out: string[] = [];
  for (let shift = 0; shift < 2; shift++) {
    const body = run.slice(shift);
    const decoded = Buffer.from(body.slice(0, body.length - (body.length % 2)), 'hex').toString('utf8');
    if (/(?:https?|ftps?|wss?):\/\//i.test(decoded)) out.push(decoded);
  }
  return out;
}

function emitDecoded(
  texts: readonly string[],
  encoding: 'base64' | 'hex',
  where: { line: number; column: number; snippet: string },
  sink: UrlSink,
): void {
  const seen = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(URL_PATTERN)) {
      if (sink.full) {
        sink.truncated = true;
        return;
      }
      const url = trimUrlCandidate(match[0]);
      const parsed = parseUrl(url);
      if (!parsed || seen.has(url)) continue;
      seen.add(url);
      sink.add({ ...where, url, scheme: parsed.scheme, host: parsed.host, ...portOf(parsed), encoding });
    }
  }
}
