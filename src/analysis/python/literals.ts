/**
 * Python string literals as values: prefixes, quotes and escape sequences, decoded without eval.
 * The decoder is written for hostile input: it never throws and caps what it produces.
 */
import { SIMPLE_ESCAPES } from '../../metadata/python/string-escapes.ts';

export interface DecodedLiteral {
  readonly value: string;
  readonly bytes: boolean;
  readonly fstring: boolean;
  /** The value was cut at the cap. */
  readonly truncated: boolean;
}

function isHex(text: string): boolean {
  return /^[0-9a-fA-F]+$/.test(text);
}

/**
 * Decodes the text of one literal (`rb'\x41'`, `"""doc"""`, `u'\u00e9'`). `maxChars` bounds the
 * value: a 5 MB base64 blob keeps its first `maxChars` characters.
 */
export function decodeStringLiteral(text: string, maxChars: number): DecodedLiteral {
  let i = 0;
  while (i < text.length && i < 3 && /[a-zA-Z]/.test(text[i] ?? '')) i++;
  const prefix = text.slice(0, i).toLowerCase();
  const raw = prefix.includes('r');
  const bytes = prefix.includes('b');
  const fstring = prefix.includes('f') || prefix.includes('t');
  const quote = text[i];
  if (quote !== "'" && quote !== '"')
    return { value: text.slice(0, maxChars), bytes, fstring, truncated: false };
  const triple = text.startsWith(quote.repeat(3), i);
  const open = triple ? 3 : 1;
  let end = text.length;
  // A truncated file can leave a literal without its closing quote: keep what is there.
  const closing = quote.repeat(open);
  if (end - i >= 2 * open && text.endsWith(closing)) end -= open;
  const body = text.slice(i + open, end);
  if (raw) {
    const truncated = body.length > maxChars;
    return { value: truncated ? body.slice(0, maxChars) : body, bytes, fstring, truncated };
  }
  if (!body.includes('\\')) {
    const truncated = body.length > maxChars;
    return { value: truncated ? body.slice(0, maxChars) : body, bytes, fstring, truncated };
  }
  let out = '';
  let k = 0;
  let truncated = false;
  while (k < body.length) {
    if (out.length >= maxChars) {
      truncated = true;
      break;
    }
    const slash = body.indexOf('\\', k);
    if (slash < 0) {
      out += body.slice(k);
      break;
    }
    out += body.slice(k, slash);
    const next = body[slash + 1];
    if (next === undefined) {
      out += '\\';
      break;
    }
    k = slash + 2;
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
    } else if (next === '\n') {
      // line continuation inside a literal
    } else if (next === '\r') {
      if (body[k] === '\n') k++;
    } else if (next >= '0' && next <= '7') {
      let digits = next;
      while (digits.length < 3 && body[k] !== undefined && body[k]! >= '0' && body[k]! <= '7')
        digits += body[k++];
      out += String.fromCharCode(Number.parseInt(digits, 8) & (bytes ? 0xff : 0x1ff));
    } else if (next === 'x' && isHex(body.slice(k, k + 2)) && body.length >= k + 2) {
      out += String.fromCharCode(Number.parseInt(body.slice(k, k + 2), 16));
      k += 2;
    } else if (!bytes && (next === 'u' || next === 'U')) {
      const width = next === 'u' ? 4 : 8;
      const hex = body.slice(k, k + width);
      const code = hex.length === width && isHex(hex) ? Number.parseInt(hex, 16) : Number.NaN;
      if (Number.isFinite(code) && code <= 0x10ffff) {
        out += String.fromCodePoint(code);
        k += width;
      } else {
        out += `\\${next}`;
      }
    } else {
      // Unknown escapes (and \N{NAME}, which needs the Unicode name table) stay as written.
      out += `\\${next}`;
    }
  }
  if (out.length > maxChars) {
    out = out.slice(0, maxChars);
    truncated = true;
  }
  return { value: out, bytes, fstring, truncated };
}

/** The value of an integer literal (`0x1F`, `0o17`, `1_000`, Python 2 `017` and `10L`), when it is a safe integer. */
export function parseIntLiteral(text: string): number | undefined {
  const clean = text.replace(/_/g, '').toLowerCase().replace(/l$/, '');
  let value: number;
  if (/^0x[0-9a-f]+$/.test(clean)) value = Number.parseInt(clean.slice(2), 16);
  else if (/^0o[0-7]+$/.test(clean)) value = Number.parseInt(clean.slice(2), 8);
  else if (/^0b[01]+$/.test(clean)) value = Number.parseInt(clean.slice(2), 2);
  else if (/^0[0-7]+$/.test(clean)) value = Number.parseInt(clean.slice(1), 8);
  else if (/^[0-9]+$/.test(clean)) value = Number.parseInt(clean, 10);
  else return undefined;
  return Number.isSafeInteger(value) ? value : undefined;
}
