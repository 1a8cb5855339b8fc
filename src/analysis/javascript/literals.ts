/**
 * JavaScript string and template literals as values, decoded without eval. Written for hostile
 * input: never throws, caps what it produces.
 */

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '0': '\0',
};

function hexValue(text: string): number | undefined {
  return /^[0-9a-fA-F]+$/.test(text) ? Number.parseInt(text, 16) : undefined;
}

/** Decodes the body of a literal (the text between its quotes or backticks). */
export function decodeJsEscapes(body: string, maxChars: number): { value: string; truncated: boolean } {
  if (!body.includes('\\')) {
    return body.length > maxChars
      ? { value: body.slice(0, maxChars), truncated: true }
      : { value: body, truncated: false };
  }
  let out = '';
  let k = 0;
  while (k < body.length) {
    if (out.length >= maxChars) return { value: out.slice(0, maxChars), truncated: true };
    const slash = body.indexOf('\\', k);
    if (slash < 0) {
      out += body.slice(k);
      break;
    }
    out += body.slice(k, slash);
    const next = body[slash + 1];
    if (next === undefined) break;
    k = slash + 2;
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined && !(next === '0' && /[0-9]/.test(body[k] ?? ''))) {
      out += simple;
    } else if (next === 'x') {
      const code = hexValue(body.slice(k, k + 2));
      if (code !== undefined && body.length >= k + 2) {
        out += String.fromCharCode(code);
        k += 2;
      } else out += 'x';
    } else if (next === 'u') {
      if (body[k] === '{') {
        const close = body.indexOf('}', k);
        const code = close > k && close - k <= 7 ? hexValue(body.slice(k + 1, close)) : undefined;
        if (code !== undefined && code <= 0x10ffff) {
          out += String.fromCodePoint(code);
          k = close + 1;
        } else out += 'u';
      } else {
        const code = hexValue(body.slice(k, k + 4));
        if (code !== undefined && body.length >= k + 4) {
          out += String.fromCharCode(code);
          k += 4;
        } else out += 'u';
      }
    } else if (next >= '0' && next <= '7') {
      // Legacy octal escapes (sloppy mode): up to three digits, value at most 0o377.
      let digits = next;
      while (
        digits.length < 3 &&
        /[0-7]/.test(body[k] ?? '') &&
        Number.parseInt(digits + body[k], 8) <= 0o377
      ) {
        digits += body[k++];
      }
      out += String.fromCharCode(Number.parseInt(digits, 8));
    } else if (next === '\r') {
      if (body[k] === '\n') k++;
    } else if (next === '\n' || next === '\u2028' || next === '\u2029') {
      // line continuation
    } else {
      out += next;
    }
  }
  return out.length > maxChars
    ? { value: out.slice(0, maxChars), truncated: true }
    : { value: out, truncated: false };
}

/** The value of a quoted literal's full text ('…' or "…"); a literal cut by truncation keeps what is there. */
export function decodeJsString(text: string, maxChars: number): string {
  const quote = text[0];
  if (quote !== "'" && quote !== '"' && quote !== '`') return text.slice(0, maxChars);
  const end = text.length >= 2 && text.endsWith(quote) ? text.length - 1 : text.length;
  return decodeJsEscapes(text.slice(1, end), maxChars).value;
}
