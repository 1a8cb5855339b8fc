/**
 * A token-level reader for files too large to parse within the per-file budget: bundles and minified
 * builds of several MB. tree-sitter reads minified JavaScript at well under 1 MB/s here, so a 5 MB
 * bundle would take the whole budget just to build a tree. This reader makes one pass over the text
 * (about 50 MB/s), skipping comments, strings and regular expressions properly, and keeps the facts
 * behaviors need most: requires and imports, calls of known APIs through their aliases, string
 * literals, concatenation and environment reads.
 *
 * It has no scopes. Minifiers reuse one-letter names in every module of a bundle, so an alias made by
 * `t=require("child_process")` is trusted only for a window of text after it (until the name is bound
 * again); past that, a call through `t` stays unresolved rather than being guessed.
 */
import type { CallFact, ConstructFact, ImportFact, StaticValue, StringFact } from '../types.ts';
import { decodeJsEscapes } from './literals.ts';

export interface LexicalFacts {
  readonly imports: ImportFact[];
  readonly calls: CallFact[];
  readonly strings: StringFact[];
  readonly constructs: ConstructFact[];
  /** The work budget ran out before the end of the text. */
  readonly timedOut: boolean;
  /** A cap on kept facts was reached. */
  readonly capped: boolean;
}

export interface LexicalHooks {
  /** Resolves a global name ('eval' → 'builtins.eval', 'process' → 'process'), or undefined. */
  readonly globalName: (name: string) => string | undefined;
  readonly normalizeModule: (spec: string) => string;
  readonly where: (index: number) => { line: number; column: number; snippet: string };
  readonly file: string;
}

const MAX_STRING_CHARS = 64 * 1024;
const MAX_STRINGS = 20_000;
const MAX_CALLS = 50_000;
const MAX_IMPORTS = 10_000;
const MAX_CONSTRUCTS = 10_000;
/** How far an alias made by a minified `t=require("m")` is trusted. */
const ALIAS_WINDOW = 64 * 1024;

function isIdentStart(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === 36 || code >= 0xa0
  );
}
function isIdentPart(code: number): boolean {
  return isIdentStart(code) || (code >= 48 && code <= 57);
}
// After these, a '/' starts a regular expression rather than a division.
const REGEX_PRECEDERS = new Set([
  '(',
  ',',
  '=',
  ':',
  '[',
  '!',
  '&',
  '|',
  '?',
  '{',
  '}',
  ';',
  '+',
  '-',
  '*',
  '%',
  '<',
  '>',
  '~',
  '^',
  '',
]);
const KEPT_PUNCTUATION = new Set(['=', '{', '}', ',', ':', '*', '+', '.', '(', ';']);
const REGEX_KEYWORDS = new Set([
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'instanceof',
  'yield',
  'await',
]);

interface Alias {
  readonly target: string;
  readonly at: number;
}

type Token =
  | { readonly t: 'id'; readonly v: string; readonly at: number }
  | { readonly t: 'str'; readonly v: string; readonly at: number; readonly template: boolean }
  | { readonly t: 'p'; readonly v: string; readonly at: number };

/** Reads `text`; stops after `maxSteps` turns of its loop (work, not time) and reports truncation. */
export function scanLexical(text: string, hooks: LexicalHooks, maxSteps: number): LexicalFacts {
  const imports: ImportFact[] = [];
  const calls: CallFact[] = [];
  const strings: StringFact[] = [];
  const constructs: ConstructFact[] = [];
  const aliases = new Map<string, Alias>();
  // `require("m").x(…)`: the offset of `x` and the name it resolves to, set when the require is read.
  const requireMembers = new Map<number, string>();
  let truncated = false;
  let timedOut = false;
  let unresolved = 0;

  // The last few tokens, enough to recognise `x = require("m")`, `{a:b} = require("m")` and `a.b.c(`.
  const recent: Token[] = [];
  // The last punctuation seen that was not kept in `recent`, for the regex test.
  let lastPunct: string | undefined;
  const push = (token: Token) => {
    lastPunct = undefined;
    recent.push(token);
    if (recent.length > 64) recent.splice(0, 32);
  };
  const back = (n: number): Token | undefined => recent[recent.length - 1 - n];

  const resolve = (dotted: string[], at: number): { name: string; resolved: boolean } => {
    const head = dotted[0] ?? '';
    const alias = aliases.get(head);
    let base: string | undefined;
    if (alias !== undefined && at - alias.at <= ALIAS_WINDOW) base = alias.target;
    else base = hooks.globalName(head);
    if (base === 'globalThis' && dotted.length > 1) {
      const next = hooks.globalName(dotted[1] ?? '');
      if (next !== undefined) return { name: [next, ...dotted.slice(2)].join('.'), resolved: true };
    }
    if (base !== undefined) return { name: [base, ...dotted.slice(1)].join('.'), resolved: true };
    return dotted.length > 1
      ? { name: `*.${dotted[dotted.length - 1]}`, resolved: false }
      : { name: head, resolved: false };
  };

  // A bundle requires the same few modules thousands of times: past the first entries, repeats are dropped
  // so that a cap cannot be filled with padding to hide a later require.
  const seenImports = new Set<string>();
  const addImport = (module: string, at: number, dynamic: boolean) => {
    const key = `${dynamic ? 'd' : 's'}${module}`;
    if (seenImports.has(key) && imports.length >= 1000) return;
    seenImports.add(key);
    if (imports.length >= MAX_IMPORTS) {
      truncated = true;
      return;
    }
    const w = hooks.where(at);
    imports.push({ file: hooks.file, ...w, module, dynamic });
  };

  const addConstruct = (kind: ConstructFact['kind'], at: number, detail?: string) => {
    if (constructs.length >= MAX_CONSTRUCTS) {
      truncated = true;
      return;
    }
    constructs.push({
      file: hooks.file,
      ...hooks.where(at),
      kind,
      ...(detail !== undefined ? { detail } : {}),
    });
  };

  /** Reads the literal argument after '(' at `open`, without consuming anything. */
  const firstArg = (open: number): StaticValue[] => {
    let i = open + 1;
    while (i < text.length && /\s/.test(text[i]!)) i++;
    const q = text[i];
    if (q !== '"' && q !== "'" && q !== '`') return [];
    const end = stringEnd(text, i);
    if (end < 0) return [];
    const after = text.slice(end, end + 8).trimStart()[0];
    const value = decodeJsEscapes(text.slice(i + 1, end - 1), MAX_STRING_CHARS).value;
    if (after === ')' || after === ',') {
      if (q === '`' && value.includes('${'))
        return [{ kind: 'expr', text: text.slice(i, Math.min(end, i + 200)) }];
      return [{ kind: 'string', value }];
    }
    return [{ kind: 'expr', text: text.slice(i, Math.min(end + 40, i + 200)) }];
  };

  let i = 0;
  let count = 0;
  const n = text.length;
  while (i < n) {
    if (++count > maxSteps) {
      timedOut = true;
      break;
    }
    const c = text[i]!;
    // whitespace
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    // comments
    if (c === '/' && text[i + 1] === '/') {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? n : eol;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
      continue;
    }
    // strings
    if (c === '"' || c === "'" || c === '`') {
      const end = stringEnd(text, i);
      const stop = end < 0 ? n : end;
      const raw = text.slice(i + 1, end < 0 ? n : end - 1);
      const value = decodeJsEscapes(
        raw.length > MAX_STRING_CHARS * 2 ? raw.slice(0, MAX_STRING_CHARS * 2) : raw,
        MAX_STRING_CHARS,
      ).value;
      if (strings.length < MAX_STRINGS) {
        const w = hooks.where(i);
        strings.push({ file: hooks.file, line: w.line, column: w.column, value, docstring: false });
      } else truncated = true;
      const prev = back(0);
      const nextChar = text.slice(stop, stop + 4).trimStart()[0];
      if ((prev?.t === 'p' && prev.v === '+') || nextChar === '+') addConstruct('string-concat', i);
      if (c === '`' && raw.includes('${')) addConstruct('fstring', i);
      push({ t: 'str', v: value, at: i, template: c === '`' });
      i = stop;
      continue;
    }
    // regular expressions
    if (c === '/') {
      const prev = back(0);
      const isRegex =
        (lastPunct !== undefined && REGEX_PRECEDERS.has(lastPunct)) ||
        (lastPunct === undefined && prev === undefined) ||
        (lastPunct === undefined && prev?.t === 'p' && REGEX_PRECEDERS.has(prev.v)) ||
        (lastPunct === undefined && prev?.t === 'id' && REGEX_KEYWORDS.has(prev.v));
      if (isRegex) {
        i = regexEnd(text, i);
        push({ t: 'p', v: 'regex', at: i });
        continue;
      }
    }
    // identifiers and dotted names
    if (isIdentStart(text.charCodeAt(i))) {
      let j = i + 1;
      while (j < n && isIdentPart(text.charCodeAt(j))) j++;
      const word = text.slice(i, j);
      const prev = back(0);
      const member = prev?.t === 'p' && (prev.v === '.' || prev.v === '?.');
      if (!member) {
        // Read the whole dotted chain a.b.c and look at what follows it.
        const parts = [word];
        let k = j;
        for (;;) {
          let m = k;
          while (m < n && (text[m] === ' ' || text[m] === '\n')) m++;
          const optional = text[m] === '?' && text[m + 1] === '.';
          if (text[m] !== '.' && !optional) break;
          m += optional ? 2 : 1;
          while (m < n && (text[m] === ' ' || text[m] === '\n')) m++;
          if (m >= n || !isIdentStart(text.charCodeAt(m))) break;
          let e = m + 1;
          while (e < n && isIdentPart(text.charCodeAt(e))) e++;
          parts.push(text.slice(m, e));
          k = e;
        }
        let m = k;
        while (m < n && (text[m] === ' ' || text[m] === '\n')) m++;
        const called = text[m] === '(';
        const isNew = prev?.t === 'id' && prev.v === 'new';
        if (called || (isNew && parts.length > 0)) {
          const at = isNew && prev !== undefined ? prev.at : i;
          const callee = resolve(parts, i);
          const args = called ? firstArg(m) : [];
          // Calls that cannot be named fill at most half the cap, so the named ones late in a file are kept.
          const room = callee.resolved
            ? calls.length < MAX_CALLS
            : unresolved < MAX_CALLS / 2 && calls.length < MAX_CALLS;
          if (!callee.resolved && room) unresolved++;
          if (room) {
            const w = hooks.where(at);
            calls.push({
              file: hooks.file,
              ...w,
              callee: callee.name,
              resolved: callee.resolved,
              args,
              keywords: [],
              scope: 'function',
            });
          } else truncated = true;
          if (callee.resolved && (callee.name === 'builtins.require' || callee.name === 'builtins.import')) {
            const first = args[0];
            if (first?.kind === 'string') {
              const module = hooks.normalizeModule(first.value);
              addImport(module, i, false);
              bindRequire(recent, aliases, module, i, text, m);
              const member = requireMember(text, m);
              if (member !== undefined) requireMembers.set(member.at, `${module}.${member.name}`);
            } else {
              addImport(first?.kind === 'expr' ? first.text : text.slice(m + 1, m + 60), i, true);
            }
          }
        }
        if (parts[0] === 'process' && parts[1] === 'env') {
          addConstruct('member-read', i, parts.length > 2 ? `process.env.${parts[2]}` : envKey(text, k));
        }
        // `import x from "m"` / `import * as x from "m"` / `import {a as b} from "m"` in ES module bundles.
        if (word === 'from' && recent.some((t) => t.t === 'id' && t.v === 'import')) {
          let s = k;
          while (s < n && /\s/.test(text[s]!)) s++;
          if (text[s] === '"' || text[s] === "'") {
            const end = stringEnd(text, s);
            if (end > 0) {
              const module = hooks.normalizeModule(text.slice(s + 1, end - 1));
              addImport(module, i, false);
              bindImport(recent, aliases, module, i);
            }
          }
        }
        for (const part of parts.slice(0, 1)) push({ t: 'id', v: part, at: i });
        if (parts.length > 1) push({ t: 'p', v: 'chain', at: i });
        i = k;
        continue;
      }
      let m = j;
      while (m < n && (text[m] === ' ' || text[m] === '\n')) m++;
      const required = requireMembers.get(i);
      if (required !== undefined && text[m] === '(' && calls.length < MAX_CALLS) {
        calls.push({
          file: hooks.file,
          ...hooks.where(i),
          callee: required,
          resolved: true,
          args: firstArg(m),
          keywords: [],
          scope: 'function',
        });
      } else if (text[m] === '(' && unresolved < MAX_CALLS / 2 && calls.length < MAX_CALLS) {
        unresolved++;
        // A method on something this reader cannot name: foo().exec("…") is '*.exec', as in the tree reader.
        calls.push({
          file: hooks.file,
          ...hooks.where(i),
          callee: `*.${word}`,
          resolved: false,
          args: firstArg(m),
          keywords: [],
          scope: 'function',
        });
      }
      push({ t: 'id', v: word, at: i });
      i = j;
      continue;
    }
    // punctuation (two-character operators matter for regex detection only as their first char)
    if (c === '?' && text[i + 1] === '.') {
      push({ t: 'p', v: '?.', at: i });
      i += 2;
      continue;
    }
    // An assignment rebinds a name: drop an alias that no longer holds.
    if (c === '=' && text[i + 1] !== '=' && text[i + 1] !== '>') {
      const prev = back(0);
      if (prev?.t === 'id') aliases.delete(prev.v);
    }
    // Only the punctuation the binders read is kept; the rest just informs the regex test.
    if (KEPT_PUNCTUATION.has(c)) push({ t: 'p', v: c, at: i });
    else lastPunct = c;
    i++;
  }
  return { imports, calls, strings, constructs, timedOut, capped: truncated };
}

/** After `require("m")` whose '(' is at `open`: the member called right after it, `require("m").x(`. */
function requireMember(text: string, open: number): { name: string; at: number } | undefined {
  const close = text.indexOf(')', open);
  if (close < 0) return undefined;
  const member = /^\s*\.\s*([A-Za-z_$][\w$]*)\s*\(/.exec(text.slice(close + 1, close + 80));
  if (member === null || member[1] === undefined) return undefined;
  return { name: member[1], at: close + 1 + member[0].indexOf(member[1]) };
}

/** `process.env[...]` / bare `process.env`: the key when it is a literal. */
function envKey(text: string, from: number): string {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  if (text[i] !== '[') return 'process.env';
  i++;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  const q = text[i];
  if (q !== '"' && q !== "'") return 'process.env[*]';
  const end = stringEnd(text, i);
  return end < 0 ? 'process.env[*]' : `process.env.${text.slice(i + 1, end - 1)}`;
}

/** After `require("m")`: bind `x = require("m")`, `x = require("m").y` and `{a:b} = require("m")`. */
function bindRequire(
  recent: readonly Token[],
  aliases: Map<string, Alias>,
  module: string,
  at: number,
  text: string,
  open: number,
): void {
  // `require` itself is not pushed yet: recent ends with … id('x') p('=').
  const last = recent.length;
  const eq = recent[last - 1];
  if (eq?.t !== 'p' || eq.v !== '=') return;
  let target = module;
  // require("m").y: the member after the call
  const close = text.indexOf(')', open);
  const after = close < 0 ? '' : text.slice(close + 1, close + 80);
  const member = /^\s*\.\s*([A-Za-z_$][\w$]*)/.exec(after);
  if (member !== null) target = `${module}.${member[1]}`;
  const name = recent[last - 2];
  if (name?.t === 'id') {
    aliases.set(name.v, { target, at });
    return;
  }
  if (name?.t === 'p' && name.v === '}') {
    // Destructuring: walk back to the '{' and read `a`, `a:b` pairs.
    const pairs: string[] = [];
    for (let k = last - 3; k >= 0 && k > last - 60; k--) {
      const t = recent[k]!;
      if (t.t === 'p' && t.v === '{') break;
      pairs.unshift(t.t === 'id' ? t.v : t.t === 'p' ? t.v : '');
    }
    let key: string | undefined;
    let pendingColon = false;
    for (const part of pairs) {
      if (part === ',') {
        if (key !== undefined && !pendingColon) aliases.set(key, { target: `${target}.${key}`, at });
        key = undefined;
        pendingColon = false;
      } else if (part === ':') pendingColon = true;
      else if (part !== '') {
        if (pendingColon && key !== undefined) {
          aliases.set(part, { target: `${target}.${key}`, at });
          key = undefined;
          pendingColon = false;
        } else key = part;
      }
    }
    if (key !== undefined && !pendingColon) aliases.set(key, { target: `${target}.${key}`, at });
  }
}

/** After `… from "m"`: bind the names of the import clause just read. */
function bindImport(recent: readonly Token[], aliases: Map<string, Alias>, module: string, at: number): void {
  let start = -1;
  for (let k = recent.length - 1; k >= 0 && k > recent.length - 60; k--) {
    const t = recent[k]!;
    if (t.t === 'id' && t.v === 'import') {
      start = k;
      break;
    }
  }
  if (start < 0) return;
  const parts = recent.slice(start + 1).map((t) => (t.t === 'str' ? '' : t.v));
  let inBraces = false;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    if (part === '{') inBraces = true;
    else if (part === '}') inBraces = false;
    else if (part === '*' && parts[k + 1] === 'as' && parts[k + 2] !== undefined) {
      aliases.set(parts[k + 2]!, { target: module, at });
      k += 2;
    } else if (inBraces && /^[A-Za-z_$][\w$]*$/.test(part)) {
      if (parts[k + 1] === 'as' && parts[k + 2] !== undefined) {
        aliases.set(parts[k + 2]!, { target: part === 'default' ? module : `${module}.${part}`, at });
        k += 2;
      } else aliases.set(part, { target: `${module}.${part}`, at });
    } else if (!inBraces && /^[A-Za-z_$][\w$]*$/.test(part) && part !== 'from' && part !== 'type') {
      aliases.set(part, { target: module, at });
    }
  }
}

/** The index just after the closing quote of the literal opening at `start`, or -1 when it never closes. */
export function stringEnd(text: string, start: number): number {
  const q = text[start];
  let i = start + 1;
  const n = text.length;
  let depth = 0;
  while (i < n) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (q === '`') {
      if (c === '$' && text[i + 1] === '{') {
        depth++;
        i += 2;
        continue;
      }
      if (c === '}' && depth > 0) {
        depth--;
        i++;
        continue;
      }
      if (c === '`' && depth === 0) return i + 1;
    } else {
      if (c === q) return i + 1;
      // An unterminated quote ends at the line break, as the language says.
      if (c === '\n') return i;
    }
    i++;
  }
  return -1;
}

function regexEnd(text: string, start: number): number {
  let i = start + 1;
  let inClass = false;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '\n') return i;
    if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '/') {
      i++;
      while (i < n && /[a-z]/.test(text[i]!)) i++;
      return i;
    }
    i++;
  }
  return n;
}
