/**
 * Metadata files are meant to be UTF-8, but old sdists carry latin-1 author names and hostile ones
 * carry anything. Fall back to latin-1, which maps every byte, so reading never fails.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const latin1 = new TextDecoder('latin1');

export interface DecodedText {
  readonly text: string;
  readonly encoding: 'utf-8' | 'latin-1';
}

export function decodeText(data: Uint8Array): DecodedText {
  try {
    return { text: utf8.decode(data), encoding: 'utf-8' };
  } catch {
    return { text: latin1.decode(data), encoding: 'latin-1' };
  }
}

/** Splits on CRLF, LF and lone CR, as Python's str.splitlines does for these three. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
