/**
 * Turning the bytes of a Python file into text the way CPython would, without trusting the file:
 * a UTF-8 BOM wins, then a PEP 263 coding cookie on line 1 or 2, then UTF-8. Undecodable bytes
 * become U+FFFD instead of failing, because an attacker controls every byte.
 */
import { TextDecoder } from 'node:util';

export interface DecodedSource {
  readonly text: string;
  /** The WHATWG name of the decoder used ('utf-8', 'windows-1252', 'gbk' …). */
  readonly encoding: string;
  /** The cookie as written, when there was one. */
  readonly declared?: string;
  /** Why the text may not be what Python sees: an unknown cookie, or bytes invalid in the encoding. */
  readonly warning?: string;
}

// PEP 263: the cookie must match this on a comment line; CPython reads only the first two lines.
const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
const BLANK_OR_COMMENT = /^[ \t\f]*(?:#.*)?$/;

// Python codec names that WHATWG TextDecoder labels do not cover.
const PYTHON_ALIASES: Readonly<Record<string, string>> = {
  'latin-1': 'latin1',
  latin: 'latin1',
  l1: 'latin1',
  'iso-8859-1': 'latin1',
  '8859': 'latin1',
  cp819: 'latin1',
  'utf-8-sig': 'utf-8',
  'utf8-sig': 'utf-8',
  u8: 'utf-8',
  cp936: 'gbk',
  ms936: 'gbk',
  gb18030: 'gb18030',
  'mac-roman': 'macintosh',
  macroman: 'macintosh',
  sjis: 'shift_jis',
  'shift-jis': 'shift_jis',
  cp932: 'shift_jis',
  ms932: 'shift_jis',
  'euc-jis-2004': 'euc-jp',
  cp949: 'euc-kr',
  ascii: 'utf-8',
  'us-ascii': 'utf-8',
  '646': 'utf-8',
};

const decoderCache = new Map<string, TextDecoder | null>();

function decoderFor(label: string): TextDecoder | null {
  const cached = decoderCache.get(label);
  if (cached !== undefined) return cached;
  let normalized = label.toLowerCase().replace(/_/g, '-');
  normalized = PYTHON_ALIASES[normalized] ?? normalized;
  let decoder: TextDecoder | null = null;
  for (const candidate of [normalized, normalized.replace(/-/g, '')]) {
    try {
      decoder = new TextDecoder(candidate, { fatal: false });
      break;
    } catch {
      // not a label this runtime knows; try the next spelling
    }
  }
  if (decoderCache.size < 64) decoderCache.set(label, decoder);
  return decoder;
}

/** The PEP 263 cookie of the first two lines, if any. */
export function findCodingCookie(bytes: Uint8Array): string | undefined {
  // Cookies are ASCII, and only the first two lines count: 400 bytes is ample and bounds the work.
  const head = Buffer.from(bytes.subarray(0, 400)).toString('latin1');
  const lines = head.split(/\r\n|\r|\n/, 2);
  const first = lines[0] ?? '';
  const match = COOKIE.exec(first);
  if (match) return match[1];
  if (lines.length > 1 && BLANK_OR_COMMENT.test(first)) {
    const second = COOKIE.exec(lines[1] ?? '');
    if (second) return second[1];
  }
  return undefined;
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false });

function decodeUtf8(bytes: Uint8Array): { text: string; invalid: boolean } {
  try {
    return { text: utf8Fatal.decode(bytes), invalid: false };
  } catch {
    return { text: utf8Lenient.decode(bytes), invalid: true };
  }
}

export function decodePythonSource(bytes: Uint8Array): DecodedSource {
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const declared = findCodingCookie(hasBom ? bytes.subarray(3) : bytes);
  if (hasBom || declared === undefined) {
    const { text, invalid } = decodeUtf8(bytes);
    return {
      text,
      encoding: 'utf-8',
      ...(declared !== undefined ? { declared } : {}),
      ...(invalid ? { warning: 'bytes that are not valid UTF-8 were replaced' } : {}),
    };
  }
  const decoder = decoderFor(declared);
  if (decoder === null) {
    const { text } = decodeUtf8(bytes);
    return {
      text,
      encoding: 'utf-8',
      declared,
      warning: `unknown coding '${declared.slice(0, 40)}'; read as UTF-8`,
    };
  }
  if (decoder.encoding === 'utf-8') {
    const { text, invalid } = decodeUtf8(bytes);
    return {
      text,
      encoding: 'utf-8',
      declared,
      ...(invalid ? { warning: 'bytes that are not valid UTF-8 were replaced' } : {}),
    };
  }
  return { text: decoder.decode(bytes), encoding: decoder.encoding, declared };
}
