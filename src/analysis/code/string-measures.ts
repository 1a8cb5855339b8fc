/**
 * Measures of a string literal that both code analyzers record: its Shannon entropy and whether it
 * looks like a base64 or hex payload.
 */

// Counting buffers reused across calls (one thread runs one file at a time): a Map per string cost
// more than the rest of the string handling.
const asciiCounts = new Int32Array(128);
const firstSeen: number[] = [];

/** Shannon entropy in bits per character over the first `limit` characters. */
export function shannonEntropy(text: string, limit = 65536): number {
  const n = Math.min(text.length, limit);
  if (n === 0) return 0;
  // Terms are summed in order of first occurrence, as iterating a Map of counts would, so the
  // floating-point result is the same to the last bit.
  let others: Map<number, number> | undefined;
  firstSeen.length = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      const count = asciiCounts[c]!;
      asciiCounts[c] = count + 1;
      if (count === 0) firstSeen.push(c);
    } else {
      others ??= new Map();
      const count = others.get(c);
      if (count === undefined) {
        others.set(c, 1);
        firstSeen.push(c);
      } else {
        others.set(c, count + 1);
      }
    }
  }
  let h = 0;
  for (const c of firstSeen) {
    let count: number;
    if (c < 128) {
      count = asciiCounts[c]!;
      asciiCounts[c] = 0;
    } else {
      count = others?.get(c) ?? 0;
    }
    const p = count / n;
    h -= p * Math.log2(p);
  }
  firstSeen.length = 0;
  return h;
}

const BASE64_BLOB = /^[A-Za-z0-9+/_\-\s]+={0,2}\s*$/;
const HEX_BLOB = /^(?:[0-9a-fA-F]{2}|\\x[0-9a-fA-F]{2}|\s)+$/;

/** base64 / hex payloads: long, from one alphabet, no spaces to speak of. */
export function blobKind(text: string, minLength: number): 'base64' | 'hex' | undefined {
  if (text.length < minLength) return undefined;
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  if (HEX_BLOB.test(sample)) return 'hex';
  if (BASE64_BLOB.test(sample)) {
    // Prose is not base64: require mixed case or digits, and few spaces.
    const spaces = sample.length - sample.replace(/\s/g, '').length;
    if (spaces / sample.length > 0.05) return undefined;
    if (/[A-Z]/.test(sample) && /[a-z]/.test(sample) && /[0-9]/.test(sample)) return 'base64';
  }
  return undefined;
}
