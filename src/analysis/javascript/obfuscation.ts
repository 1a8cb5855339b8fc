/**
 * Telling obfuscator output from minifier output, from the text alone.
 *
 * Minifiers (terser, esbuild, webpack's production mode) shorten names to one or two letters and drop
 * whitespace, but keep every string literal readable where it is used. javascript-obfuscator and its
 * online front ends do the opposite of what a minifier needs: names become `_0x` plus hex digits, every
 * string moves into one array that is rotated at start-up (a `push(shift())` loop guarded by parseInt
 * checks) and read back through an index function, and literals are written as `\x` escapes. Those
 * shapes cost size and speed, so no bundler emits them; they exist to defeat review.
 */

export interface ObfuscationSignals {
  /** Occurrences of `_0x`-style hexadecimal identifiers. */
  readonly hexIdentifiers: number;
  readonly distinctHexIdentifiers: number;
  /** A string-array rotation loop: `arr.push(arr.shift())` / `arr['push'](arr['shift']())`. */
  readonly rotation: boolean;
  /** An array literal of many strings (the string table). */
  readonly stringArray: boolean;
  /** `\xNN` escapes inside literals. */
  readonly hexEscapes: number;
  /** `!![]` / `![]` boolean idioms of the obfuscator. */
  readonly bangArrays: number;
  /** A table rotated the other way round: `arr.unshift(arr.pop())` (js-confuser and its kin). */
  readonly reverseRotation: boolean;
  /** Small hexadecimal number literals (`0x4a`), the index arithmetic of obfuscators; minifiers print decimals. */
  readonly smallHexNumbers: number;
  /** Offset of the first telling shape, for the evidence line. */
  readonly firstIndex: number;
}

const HEX_ID = /\b_0x[0-9a-fA-F]{3,8}\b/g;
const ROTATION =
  /(?:\[\s*['"](?:\\x70\\x75\\x73\\x68|push)['"]\s*\]|\.push)\s*\(\s*[\w$]+\s*(?:\[\s*['"](?:\\x73\\x68\\x69\\x66\\x74|shift)['"]\s*\]|\.shift)\s*\(\s*\)\s*\)/;
const STRING_ARRAY = /\[\s*(?:(?:'[^'\n]{0,200}'|"[^"\n]{0,200}")\s*,\s*){30,}/;
const REVERSE_ROTATION =
  /(?:\[\s*['"]unshift['"]\s*\]|\.unshift)\s*\(\s*[\w$]+\s*(?:\[\s*['"]pop['"]\s*\]|\.pop)\s*\(\s*\)\s*\)/;
// One to three hex digits: index offsets and masks. Crypto constant tables use longer literals.
const SMALL_HEX_NUMBER = /(?<![\w$.])0x[0-9a-fA-F]{1,3}(?![\w$])/g;
const HEX_ESCAPE = /\\x[0-9a-fA-F]{2}/g;
const BANG_ARRAY = /!!?\[\]/g;
// Counting stops here: enough to decide, and bounded on a huge bundle.
const MAX_COUNT = 100_000;

function count(re: RegExp, text: string, distinct?: Set<string>): { n: number; first: number } {
  re.lastIndex = 0;
  let n = 0;
  let first = -1;
  for (let m = re.exec(text); m !== null && n < MAX_COUNT; m = re.exec(text)) {
    if (first < 0) first = m.index;
    n++;
    if (distinct !== undefined && distinct.size < 10_000) distinct.add(m[0]);
  }
  return { n, first };
}

export function obfuscationSignals(text: string): ObfuscationSignals {
  const ids = new Set<string>();
  const hex = count(HEX_ID, text, ids);
  const rotation = ROTATION.exec(text);
  const escapes = count(HEX_ESCAPE, text);
  const bangs = count(BANG_ARRAY, text);
  const reverse = REVERSE_ROTATION.exec(text);
  const smallHex = count(SMALL_HEX_NUMBER, text);
  // The table is the only place the obfuscator keeps literals; look for it near the start, where it is emitted.
  const stringArray = STRING_ARRAY.test(text.length > 2_000_000 ? text.slice(0, 2_000_000) : text);
  const candidates = [hex.first, rotation?.index ?? -1, reverse?.index ?? -1].filter((i) => i >= 0);
  return {
    hexIdentifiers: hex.n,
    distinctHexIdentifiers: ids.size,
    rotation: rotation !== null,
    stringArray,
    hexEscapes: escapes.n,
    bangArrays: bangs.n,
    reverseRotation: reverse !== null,
    smallHexNumbers: smallHex.n,
    firstIndex: candidates.length > 0 ? Math.min(...candidates) : 0,
  };
}

/**
 * The verdict on the signals: obfuscator output needs the renamed identifiers plus at least one of
 * its other shapes, or, with another naming scheme, the rotated string table written in escapes.
 * Returns the reasons, or undefined when the text reads as ordinary or minified code.
 */
export function obfuscatorVerdict(signals: ObfuscationSignals): string[] | undefined {
  const reasons: string[] = [];
  const renamed = signals.distinctHexIdentifiers >= 5 && signals.hexIdentifiers >= 20;
  if (renamed)
    reasons.push(`${signals.hexIdentifiers} _0x identifiers (${signals.distinctHexIdentifiers} distinct)`);
  if (signals.rotation) reasons.push('rotated string array');
  if (signals.stringArray) reasons.push('string table');
  if (signals.hexEscapes >= 20) reasons.push(`${signals.hexEscapes} \\x escapes`);
  if (signals.bangArrays >= 10) reasons.push(`${signals.bangArrays} !![] idioms`);
  const others = reasons.length - (renamed ? 1 : 0);
  if (renamed && others >= 1) return reasons;
  // A short payload renamed by the obfuscator may keep no string table: the names alone give it away, since
  // neither people nor minifiers name variables _0x3fa2.
  if (!renamed && signals.distinctHexIdentifiers >= 4 && signals.hexIdentifiers >= 8) {
    return [
      `${signals.hexIdentifiers} _0x identifiers (${signals.distinctHexIdentifiers} distinct)`,
      ...reasons,
    ];
  }
  // Other obfuscators rename to random mixed-case words, rotate the table with unshift(pop()) and write every
  // index as a small hex number; a minifier emits none of the three.
  if (!renamed && signals.reverseRotation && signals.smallHexNumbers >= 100) {
    return [
      ...reasons,
      'table rotated with unshift(pop())',
      `${signals.smallHexNumbers} small hex number literals`,
    ];
  }
  if (
    !renamed &&
    signals.rotation &&
    signals.hexEscapes >= 20 &&
    (signals.stringArray || signals.bangArrays >= 10)
  ) {
    return reasons;
  }
  return undefined;
}
