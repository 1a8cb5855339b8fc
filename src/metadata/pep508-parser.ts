/**
 * A hand-written recursive-descent parser for one PEP 508 dependency specifier line
 * (`name [extras] versionspec ; marker`, `name [extras] @ url ; marker`).
 *
 * It replaces the pip-requirements-js ohm grammar at run time: building that grammar costs 45-70 ms on
 * the first requirement of every scan. It reads the same language as that grammar, rule for rule (the
 * equivalence test in pep508-parser.test.ts compares both), including its PEG choices: the first
 * alternative that matches wins and is never revisited. Deliberate differences, all rare:
 * - `===` (PEP 440 arbitrary equality) is read as an operator; the grammar lists it after `==`, so it
 *   could never match and such lines were rejected.
 * - `url <whitespace> ; marker` reads the marker (PEP 508 `url_req`); the grammar never did. The caller
 *   in pep508.ts splits that marker off first, so its results do not change.
 * - Marker parentheses nest at most MAX_MARKER_DEPTH deep; the grammar ran until the stack overflowed.
 *
 * Hostile input: every loop moves forward through the string, each choice re-reads at most a bounded
 * stretch, so time is linear in the line; recursion happens only at marker parentheses and is capped.
 * No regular expression runs over the line itself.
 */

export interface MarkerLeaf {
  /** An environment variable name or a quoted string, quotes included, as written. */
  readonly left: string;
  /** A version operator, `in`, or `not in` with the whitespace written between the two words. */
  readonly operator: string;
  readonly right: string;
}

export interface MarkerNode {
  readonly operator: 'and' | 'or';
  readonly left: MarkerTree;
  readonly right: MarkerTree;
}

/** `a or b or c` is or(a, or(b, c)): both operators group to the right, and `and` binds tighter. */
export type MarkerTree = MarkerLeaf | MarkerNode;

export interface VersionClause {
  readonly operator: string;
  readonly version: string;
}

export interface NameRequirement {
  readonly type: 'ProjectName';
  readonly name: string;
  /** Absent when no `[...]` was written; `[]` for `name[]`. */
  readonly extras?: readonly string[];
  /** Absent when no clause was written, `[]` for an empty legacy `name ()`. */
  readonly versionSpec?: readonly VersionClause[];
  readonly environmentMarkerTree?: MarkerTree;
}

export interface UrlRequirement {
  readonly type: 'ProjectURL';
  readonly name: string;
  readonly extras?: readonly string[];
  /** The direct reference as written; may be empty (`name @`), as the grammar allowed. */
  readonly url: string;
  readonly environmentMarkerTree?: MarkerTree;
}

/** The shape pip-requirements-js returned for name and URL requirements. */
export type Pep508Requirement = NameRequirement | UrlRequirement;

/** Deepest nesting of marker parentheses we read; real markers use two or three levels. */
export const MAX_MARKER_DEPTH = 32;

const FAIL = -1;

// ---------------------------------------------------------------------------------------------
// Character classes. The grammar's `letter` is ohm's: any Unicode letter (Lu, Ll, Lt, Lm, Lo), one
// code point at a time; `digit` is ASCII only; whitespace is only space and tab.
// ---------------------------------------------------------------------------------------------

const UNICODE_LETTER = /^\p{L}$/u;

/** Length in UTF-16 units of the letter at `p`, 0 when there is none. */
function letterAt(s: string, p: number): number {
  if (p >= s.length) return 0;
  const c = s.charCodeAt(p);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
  const cp = s.codePointAt(p) ?? 0;
  const ch = String.fromCodePoint(cp);
  return UNICODE_LETTER.test(ch) ? ch.length : 0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function alnumAt(s: string, p: number): number {
  return isDigit(s.charCodeAt(p)) ? 1 : letterAt(s, p);
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

function skipSpaces(s: string, p: number): number {
  let q = p;
  while (isSpace(s.charCodeAt(q))) q++;
  return q;
}

function oneOf(chars: string, c: number): boolean {
  return !Number.isNaN(c) && chars.includes(String.fromCharCode(c));
}

/** Characters a quoted marker string may hold besides letters, digits and its opposite quote. */
const STRING_PUNCTUATION = ' \t().{}-_*#:;,/?[]!~`@$%^&=+|<>';
const SUB_DELIMS = "!$&'()*+,;=";
const VERSION_PUNCTUATION = '-_.*+!';

// ---------------------------------------------------------------------------------------------
// Direct references: the RFC 3986 `URI-reference` rules as the grammar spelled them, with its
// simplifications (a percent escape is `%` and one hex digit, an IPv6 literal any run of hex digits,
// ':' and '.', an IPv4 octet a single digit because its first alternative always wins).
// Each function returns the position after its match, or FAIL.
// ---------------------------------------------------------------------------------------------

function pctEncodedAt(s: string, p: number): number {
  return s.charCodeAt(p) === 37 && isHex(s.charCodeAt(p + 1)) ? 2 : 0;
}

function unreservedAt(s: string, p: number): number {
  return alnumAt(s, p) || (oneOf('-._~', s.charCodeAt(p)) ? 1 : 0);
}

function subDelimAt(s: string, p: number): number {
  return oneOf(SUB_DELIMS, s.charCodeAt(p)) ? 1 : 0;
}

function pcharAt(s: string, p: number): number {
  return (
    unreservedAt(s, p) || pctEncodedAt(s, p) || subDelimAt(s, p) || (oneOf(':@', s.charCodeAt(p)) ? 1 : 0)
  );
}

/** Repeats a one-character class as far as it reaches. */
function many(s: string, p: number, at: (s: string, p: number) => number): number {
  let q = p;
  for (let n = at(s, q); n > 0; n = at(s, q)) q += n;
  return q;
}

const segmentCharAt = pcharAt;
const queryCharAt = (s: string, p: number): number => pcharAt(s, p) || (oneOf('/?', s.charCodeAt(p)) ? 1 : 0);
const noColonCharAt = (s: string, p: number): number =>
  unreservedAt(s, p) || pctEncodedAt(s, p) || subDelimAt(s, p) || (s.charCodeAt(p) === 64 ? 1 : 0);
const userinfoCharAt = (s: string, p: number): number =>
  unreservedAt(s, p) || pctEncodedAt(s, p) || subDelimAt(s, p) || (s.charCodeAt(p) === 58 ? 1 : 0);
const regNameCharAt = (s: string, p: number): number =>
  unreservedAt(s, p) || pctEncodedAt(s, p) || subDelimAt(s, p);
const ipv6CharAt = (s: string, p: number): number =>
  isHex(s.charCodeAt(p)) || oneOf(':.', s.charCodeAt(p)) ? 1 : 0;
const ipFutureCharAt = (s: string, p: number): number =>
  unreservedAt(s, p) || subDelimAt(s, p) || (s.charCodeAt(p) === 58 ? 1 : 0);
const hexCharAt = (s: string, p: number): number => (isHex(s.charCodeAt(p)) ? 1 : 0);
const digitCharAt = (s: string, p: number): number => (isDigit(s.charCodeAt(p)) ? 1 : 0);
const schemeCharAt = (s: string, p: number): number =>
  alnumAt(s, p) || (oneOf('+-.', s.charCodeAt(p)) ? 1 : 0);

/** `("/" segment)*` */
function pathAbempty(s: string, p: number): number {
  let q = p;
  while (s.charCodeAt(q) === 47) q = many(s, q + 1, segmentCharAt);
  return q;
}

/** `"/" (segmentNz ("/" segment)*)?` */
function pathAbsolute(s: string, p: number): number {
  if (s.charCodeAt(p) !== 47) return FAIL;
  const q = many(s, p + 1, segmentCharAt);
  return q > p + 1 ? pathAbempty(s, q) : p + 1;
}

/** `segmentNz ("/" segment)*` */
function pathRootless(s: string, p: number): number {
  const q = many(s, p, segmentCharAt);
  return q > p ? pathAbempty(s, q) : FAIL;
}

/** `segmentNzNc ("/" segment)*` */
function pathNoscheme(s: string, p: number): number {
  const q = many(s, p, noColonCharAt);
  return q > p ? pathAbempty(s, q) : FAIL;
}

/** `"[" (ipv6Address | ipvFuture) "]"`: once the IPv6 form has matched, a missing "]" fails the whole. */
function ipLiteral(s: string, p: number): number {
  if (s.charCodeAt(p) !== 91) return FAIL;
  let q = many(s, p + 1, ipv6CharAt);
  if (q === p + 1) {
    if (s.charCodeAt(q) !== 118) return FAIL;
    const hex = many(s, q + 1, hexCharAt);
    if (hex === q + 1 || s.charCodeAt(hex) !== 46) return FAIL;
    q = many(s, hex + 1, ipFutureCharAt);
    if (q === hex + 1) return FAIL;
  }
  return s.charCodeAt(q) === 93 ? q + 1 : FAIL;
}

/** Four single digits joined by dots (see above). */
function ipv4Address(s: string, p: number): number {
  let q = p;
  for (let i = 0; i < 4; i++) {
    if (i > 0) {
      if (s.charCodeAt(q) !== 46) return FAIL;
      q++;
    }
    if (!isDigit(s.charCodeAt(q))) return FAIL;
    q++;
  }
  return q;
}

/** `(userinfo "@")? host (":" port)?`; always matches, the host may be empty. */
function authority(s: string, p: number): number {
  let q = p;
  const userinfo = many(s, q, userinfoCharAt);
  if (s.charCodeAt(userinfo) === 64) q = userinfo + 1;
  let host = ipLiteral(s, q);
  if (host === FAIL) host = ipv4Address(s, q);
  if (host === FAIL) host = many(s, q, regNameCharAt);
  return s.charCodeAt(host) === 58 ? many(s, host + 1, digitCharAt) : host;
}

/** `("?" query)? ("#" fragment)?` */
function queryAndFragment(s: string, p: number): number {
  let q = p;
  if (s.charCodeAt(q) === 63) q = many(s, q + 1, queryCharAt);
  if (s.charCodeAt(q) === 35) q = many(s, q + 1, queryCharAt);
  return q;
}

/**
 * RFC 3986's hier-part and relative-part: `//authority path-abempty`, else an absolute path, else `last`
 * (rootless after a scheme, no-scheme in a relative reference), else nothing. Always matches.
 */
function hierarchicalPart(s: string, p: number, last: (s: string, p: number) => number): number {
  if (s.startsWith('//', p)) return pathAbempty(s, authority(s, p + 2));
  const path = pathAbsolute(s, p);
  if (path !== FAIL) return path;
  const rest = last(s, p);
  return rest !== FAIL ? rest : p;
}

/** `scheme ":" hierPart? query? fragment?` */
function uri(s: string, p: number): number {
  const first = letterAt(s, p);
  if (first === 0) return FAIL;
  const q = many(s, p + first, schemeCharAt);
  if (s.charCodeAt(q) !== 58) return FAIL;
  return queryAndFragment(s, hierarchicalPart(s, q + 1, pathRootless));
}

/** `relativePart? query? fragment?`; always matches, possibly nothing. */
function relativeRef(s: string, p: number): number {
  return queryAndFragment(s, hierarchicalPart(s, p, pathNoscheme));
}

function uriReference(s: string, p: number): number {
  const absolute = uri(s, p);
  return absolute !== FAIL ? absolute : relativeRef(s, p);
}

// ---------------------------------------------------------------------------------------------
// Names, extras and version clauses.
// ---------------------------------------------------------------------------------------------

/** `alnum (("-" | "_" | ".")* alnum)*`: separators only between letters or digits. */
function identifier(s: string, p: number): number {
  const first = alnumAt(s, p);
  if (first === 0) return FAIL;
  let q = p + first;
  for (;;) {
    let r = q;
    while (oneOf('-_.', s.charCodeAt(r))) r++;
    const next = alnumAt(s, r);
    if (next === 0) return q;
    q = r + next;
  }
}

/**
 * PEP 440 operators, longest first where one is a prefix of another. `===` comes before `==` here,
 * unlike the old grammar, so arbitrary equality is read.
 */
const VERSION_OPERATORS = ['===', '<=', '<', '!=', '==', '>=', '>', '~='] as const;

function versionOperator(s: string, p: number): string | undefined {
  return VERSION_OPERATORS.find((op) => s.startsWith(op, p));
}

interface Match<T> {
  readonly end: number;
  readonly value: T;
}

/** `versionCmp version`, whitespace allowed between them. */
function versionClause(s: string, p: number): Match<VersionClause> | undefined {
  const start = skipSpaces(s, p);
  const operator = versionOperator(s, start);
  if (operator === undefined) return undefined;
  const from = skipSpaces(s, start + operator.length);
  let to = from;
  for (;;) {
    const n = alnumAt(s, to) || (oneOf(VERSION_PUNCTUATION, s.charCodeAt(to)) ? 1 : 0);
    if (n === 0) break;
    to += n;
  }
  if (to === from) return undefined;
  return { end: to, value: { operator, version: s.slice(from, to) } };
}

/** Clauses separated by ','; a trailing ',' is left unread (and so fails the line). */
function versionClauses(s: string, p: number): Match<VersionClause[] | undefined> {
  const first = versionClause(s, p);
  if (!first) return { end: p, value: undefined };
  const clauses = [first.value];
  let end = first.end;
  for (;;) {
    const comma = skipSpaces(s, end);
    if (s.charCodeAt(comma) !== 44) break;
    const next = versionClause(s, comma + 1);
    if (!next) break;
    clauses.push(next.value);
    end = next.end;
  }
  return { end, value: clauses };
}

/** The legacy `name (>=1.0)` form is tried first; an empty `()` reads as no clauses at all. */
function versionSpec(s: string, p: number): Match<VersionClause[] | undefined> {
  const open = skipSpaces(s, p);
  if (s.charCodeAt(open) === 40) {
    const inner = versionClauses(s, open + 1);
    const close = skipSpaces(s, inner.end);
    if (s.charCodeAt(close) === 41) return { end: close + 1, value: inner.value ?? [] };
  }
  return versionClauses(s, p);
}

/** `"[" (identifier ("," identifier)*)? "]"`, whitespace allowed around each token. */
function extrasList(s: string, p: number): Match<string[]> | undefined {
  let q = skipSpaces(s, p);
  if (s.charCodeAt(q) !== 91) return undefined;
  const extras: string[] = [];
  q = skipSpaces(s, q + 1);
  const first = identifier(s, q);
  if (first !== FAIL) {
    extras.push(s.slice(q, first));
    q = first;
    for (;;) {
      const comma = skipSpaces(s, q);
      if (s.charCodeAt(comma) !== 44) break;
      const from = skipSpaces(s, comma + 1);
      const to = identifier(s, from);
      if (to === FAIL) break;
      extras.push(s.slice(from, to));
      q = to;
    }
  }
  q = skipSpaces(s, q);
  return s.charCodeAt(q) === 93 ? { end: q + 1, value: extras } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Environment markers.
// ---------------------------------------------------------------------------------------------

/** PEP 508 marker variables; none is a prefix of another, so the first match is the only one. */
const MARKER_VARIABLES = [
  'python_version',
  'python_full_version',
  'os_name',
  'sys_platform',
  'platform_release',
  'platform_system',
  'platform_version',
  'platform_machine',
  'platform_python_implementation',
  'implementation_name',
  'implementation_version',
  'extra',
] as const;

/** A quoted string (either quote, no escapes, a fixed character set) or a variable name. */
function markerValue(s: string, p: number): number {
  const quote = s.charCodeAt(p);
  if (quote === 34 || quote === 39) {
    const other = quote === 34 ? 39 : 34;
    let q = p + 1;
    for (;;) {
      const c = s.charCodeAt(q);
      if (c === quote) return q + 1;
      const n = c === other || oneOf(STRING_PUNCTUATION, c) ? 1 : alnumAt(s, q);
      if (n === 0) return FAIL;
      q += n;
    }
  }
  const variable = MARKER_VARIABLES.find((name) => s.startsWith(name, p));
  return variable === undefined ? FAIL : p + variable.length;
}

/** A version operator, `in`, or `not` + spaces + `in` (kept with the spaces as written). */
function markerOperator(s: string, p: number): number {
  const op = versionOperator(s, p);
  if (op !== undefined) return p + op.length;
  if (s.startsWith('in', p)) return p + 2;
  if (s.startsWith('not', p)) {
    const q = skipSpaces(s, p + 3);
    if (q > p + 3 && s.startsWith('in', q)) return q + 2;
  }
  return FAIL;
}

function markerLeaf(s: string, p: number): Match<MarkerLeaf> | undefined {
  const leftEnd = markerValue(s, p);
  if (leftEnd === FAIL) return undefined;
  const opStart = skipSpaces(s, leftEnd);
  const opEnd = markerOperator(s, opStart);
  if (opEnd === FAIL) return undefined;
  const rightStart = skipSpaces(s, opEnd);
  const rightEnd = markerValue(s, rightStart);
  if (rightEnd === FAIL) return undefined;
  return {
    end: rightEnd,
    value: {
      left: s.slice(p, leftEnd),
      operator: s.slice(opStart, opEnd),
      right: s.slice(rightStart, rightEnd),
    },
  };
}

function markerAtom(s: string, p: number, depth: number): Match<MarkerTree> | undefined {
  const start = skipSpaces(s, p);
  if (s.charCodeAt(start) !== 40) return markerLeaf(s, start);
  // Nesting is the only recursion in the parser; a hostile line of 4000 '(' must not reach the stack limit.
  if (depth >= MAX_MARKER_DEPTH) return undefined;
  const inner = markerOr(s, start + 1, depth + 1);
  if (!inner) return undefined;
  const close = skipSpaces(s, inner.end);
  return s.charCodeAt(close) === 41 ? { end: close + 1, value: inner.value } : undefined;
}

/**
 * `operand (keyword operand)*` grouped to the right, read in a loop so a long chain costs no stack.
 * The keyword needs no space around it (`"a"=="b"or"c"=="d"` is read), as in the old grammar.
 */
function markerChain(
  s: string,
  p: number,
  keyword: 'and' | 'or',
  operand: (s: string, p: number) => Match<MarkerTree> | undefined,
): Match<MarkerTree> | undefined {
  const first = operand(s, p);
  if (!first) return undefined;
  const operands = [first.value];
  let end = first.end;
  for (;;) {
    const at = skipSpaces(s, end);
    if (!s.startsWith(keyword, at)) break;
    const next = operand(s, at + keyword.length);
    if (!next) break;
    operands.push(next.value);
    end = next.end;
  }
  let tree = operands[operands.length - 1] ?? first.value;
  for (let i = operands.length - 2; i >= 0; i--) {
    const left = operands[i];
    if (left !== undefined) tree = { operator: keyword, left, right: tree };
  }
  return { end, value: tree };
}

function markerOr(s: string, p: number, depth: number): Match<MarkerTree> | undefined {
  return markerChain(s, p, 'or', (t, q) => markerChain(t, q, 'and', (u, r) => markerAtom(u, r, depth)));
}

// ---------------------------------------------------------------------------------------------
// The line.
// ---------------------------------------------------------------------------------------------

/** What may follow the requirement: spaces, then a `#` comment running to the end. */
function atLineEnd(s: string, p: number): boolean {
  const q = skipSpaces(s, p);
  if (q === s.length) return true;
  return s.charCodeAt(q) === 35 && !s.includes('\n', q);
}

/**
 * Parses one requirement line. Returns null for a line with no requirement (blank, or only a `#`
 * comment) and for anything that is not a valid specifier; it never throws.
 */
export function parsePep508Line(line: string): Pep508Requirement | null {
  const start = skipSpaces(line, 0);
  const nameEnd = identifier(line, start);
  if (nameEnd === FAIL) return null;
  const name = line.slice(start, nameEnd);
  const extras = extrasList(line, nameEnd);
  const afterExtras = extras ? extras.end : nameEnd;

  const at = skipSpaces(line, afterExtras);
  if (line.charCodeAt(at) === 64) {
    const urlStart = skipSpaces(line, at + 1);
    const urlEnd = uriReference(line, urlStart);
    let end = urlEnd;
    let tree: MarkerTree | undefined;
    // PEP 508 `url_req`: the ';' of a marker must follow whitespace, since a URL may contain ';'.
    const semi = skipSpaces(line, urlEnd);
    if (semi > urlEnd && line.charCodeAt(semi) === 59) {
      const marker = markerOr(line, semi + 1, 0);
      if (!marker) return null;
      end = marker.end;
      tree = marker.value;
    }
    if (!atLineEnd(line, end)) return null;
    return {
      type: 'ProjectURL',
      name,
      url: line.slice(urlStart, urlEnd),
      ...(extras ? { extras: extras.value } : {}),
      ...(tree ? { environmentMarkerTree: tree } : {}),
    };
  }

  const spec = versionSpec(line, afterExtras);
  let end = spec.end;
  let tree: MarkerTree | undefined;
  const semi = skipSpaces(line, end);
  if (line.charCodeAt(semi) === 59) {
    const marker = markerOr(line, semi + 1, 0);
    if (!marker) return null;
    end = marker.end;
    tree = marker.value;
  }
  if (!atLineEnd(line, end)) return null;
  return {
    type: 'ProjectName',
    name,
    ...(extras ? { extras: extras.value } : {}),
    ...(spec.value ? { versionSpec: spec.value } : {}),
    ...(tree ? { environmentMarkerTree: tree } : {}),
  };
}
