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
  /**
   * A string-array rotation: one array moving its own head to its tail, `arr.push(arr.shift())` /
   * `arr['push'](arr['shift']())`. Moving items between two arrays (`out.push(queue.shift())`) is ordinary code.
   */
  readonly rotation: boolean;
  /**
   * The rotation sits in the obfuscator's start-up loop: a parseInt checksum (`while(!![]){try{...parseInt(...)`)
   * or an older `while(--n)` count just before it. The same text inside a string, as an obfuscator ships its own
   * templates, has placeholders there instead.
   */
  readonly rotationLoop: boolean;
  /** An array literal of many strings (the string table). */
  readonly stringArray: boolean;
  /** `\xNN` escapes inside literals. */
  readonly hexEscapes: number;
  /** `!![]` / `![]` boolean idioms of the obfuscator. */
  readonly bangArrays: number;
  /** A table rotated the other way round, again on itself: `arr.unshift(arr.pop())` (js-confuser and its kin). */
  readonly reverseRotation: boolean;
  /** Small hexadecimal number literals (`0x4a`), the index arithmetic of obfuscators; minifiers print decimals. */
  readonly smallHexNumbers: number;
  /** Offset of the first telling shape, for the evidence line. */
  readonly firstIndex: number;
}

const HEX_ID = /\b_0x[0-9a-fA-F]{3,8}\b/g;
// `push(x.shift())`; the receiver of push, checked by selfRotations, must be the same x. Matching from the
// method name keeps the scan as fast as a literal search; a backreference on the receiver is several times slower.
const ROTATION =
  /(?:\[\s*['"](?:\\x70\\x75\\x73\\x68|push)['"]\s*\]|\.push)\s*\(\s*([\w$]+)\s*(?:\[\s*['"](?:\\x73\\x68\\x69\\x66\\x74|shift)['"]\s*\]|\.shift)\s*\(\s*\)\s*\)/g;
// What precedes a rotation in the obfuscator's start-up code, looked for this many characters before it.
const ROTATION_LOOP = /\bparseInt\s*\(|\bwhile\s*\(\s*--/;
const ROTATION_LOOP_WINDOW = 400;
const STRING_ARRAY = /\[\s*(?:(?:'[^'\n]{0,200}'|"[^"\n]{0,200}")\s*,\s*){30,}/;
const REVERSE_ROTATION =
  /(?:\[\s*['"]unshift['"]\s*\]|\.unshift)\s*\(\s*([\w$]+)\s*(?:\[\s*['"]pop['"]\s*\]|\.pop)\s*\(\s*\)\s*\)/g;
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

// Past this many push(shift()) matches a file is not looked at further: obfuscator output has one or two.
const MAX_ROTATION_MATCHES = 200;

/** Whether the text just before `index` is the plain identifier `name` (not a property such as `a.name`). */
function receiverIs(text: string, index: number, name: string): boolean {
  let end = index;
  while (end > 0 && /\s/.test(text[end - 1] ?? '')) end--;
  const start = end - name.length;
  if (start < 0 || text.slice(start, end) !== name) return false;
  return !/[\w$.]/.test(text[start - 1] ?? '');
}

/**
 * The first rotation of an array on itself (`a.push(a.shift())`, `a.unshift(a.pop())`), or a later one that sits in
 * a start-up loop. Moving items between two arrays (`out.push(queue.shift())`) is ordinary code.
 */
function selfRotation(re: RegExp, text: string): { index: number; loop: boolean } | null {
  re.lastIndex = 0;
  let first: { index: number; loop: boolean } | null = null;
  let seen = 0;
  for (let m = re.exec(text); m !== null && seen < MAX_ROTATION_MATCHES; m = re.exec(text), seen++) {
    const name = m[1] ?? '';
    if (!receiverIs(text, m.index, name)) continue;
    const at = m.index - name.length;
    const loop = ROTATION_LOOP.test(text.slice(Math.max(0, at - ROTATION_LOOP_WINDOW), at));
    if (loop) return { index: at, loop };
    first ??= { index: at, loop };
  }
  return first;
}

export function obfuscationSignals(text: string): ObfuscationSignals {
  const ids = new Set<string>();
  const hex = count(HEX_ID, text, ids);
  const rotation = selfRotation(ROTATION, text);
  const escapes = count(HEX_ESCAPE, text);
  const bangs = count(BANG_ARRAY, text);
  const reverse = selfRotation(REVERSE_ROTATION, text);
  const smallHex = count(SMALL_HEX_NUMBER, text);
  // The table is the only place the obfuscator keeps literals; look for it near the start, where it is emitted.
  const stringArray = STRING_ARRAY.test(text.length > 2_000_000 ? text.slice(0, 2_000_000) : text);
  const candidates = [hex.first, rotation?.index ?? -1, reverse?.index ?? -1].filter((i) => i >= 0);
  return {
    hexIdentifiers: hex.n,
    distinctHexIdentifiers: ids.size,
    rotation: rotation !== null,
    rotationLoop: rotation?.loop ?? false,
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
  // Without the _0x names the rotation must sit in its checksum loop: a bundle that merely rotates some array
  // (a geometry or a tokenizer queue) beside escaped literals is not obfuscator output.
  if (
    !renamed &&
    signals.rotationLoop &&
    signals.hexEscapes >= 20 &&
    (signals.stringArray || signals.bangArrays >= 10)
  ) {
    return reasons;
  }
  return undefined;
}
