import type { CallFact, SourceFacts, StaticValue, StringFact } from '../../analysis/types.ts';
import type { DetectionContext } from '../../catalog/types.ts';

/**
 * Callee patterns: 'os.system' matches exactly; 'subprocess.*' matches every member of a module;
 * '*.CreateShortcut' matches a method of that name on any receiver, resolved or not; '*' matches every call.
 */
export interface CalleeMatcher {
  readonly any: boolean;
  /** Exact callees, plus the bare names of `builtins.x` patterns. */
  readonly exact: ReadonlySet<string>;
  /** `*.name` patterns whose name has no dot: matched on the callee's last segment. */
  readonly lastSegment: ReadonlySet<string>;
  /** `*.a.b` patterns, kept as '.a.b' suffixes. */
  readonly suffixes: readonly string[];
  /** `mod.*` patterns, kept as 'mod.' prefixes. */
  readonly prefixes: readonly string[];
}

// Every behavior checks every call against its pattern list; compiling each list once (keyed by the list
// itself) turns the per-call loop over patterns into a few set lookups. Measured: runBehaviors was 40 % of
// a scan's main-thread time on popular PyPI projects.
const compiled = new WeakMap<readonly string[], CalleeMatcher>();

function compile(patterns: readonly string[]): CalleeMatcher {
  const exact = new Set<string>();
  const lastSegment = new Set<string>();
  const suffixes: string[] = [];
  const prefixes: string[] = [];
  let any = false;
  for (const pattern of patterns) {
    if (pattern === '*') any = true;
    else if (pattern.startsWith('*.')) {
      const name = pattern.slice(2);
      if (name.includes('.')) {
        suffixes.push(pattern.slice(1));
        exact.add(name);
      } else lastSegment.add(name);
    } else if (pattern.endsWith('.*')) prefixes.push(pattern.slice(0, -1));
    else {
      exact.add(pattern);
      // An analyzer that cannot prove a name is the builtin still reports the bare name.
      if (pattern.startsWith('builtins.')) exact.add(pattern.slice('builtins.'.length));
    }
  }
  return { any, exact, lastSegment, suffixes, prefixes };
}

/** The compiled form of a pattern list, made once per list. */
export function compileCallees(patterns: readonly string[]): CalleeMatcher {
  let matcher = compiled.get(patterns);
  if (matcher === undefined) {
    matcher = compile(patterns);
    compiled.set(patterns, matcher);
  }
  return matcher;
}

export function matchesCallee(callee: string, patterns: readonly string[]): boolean {
  const matcher = compileCallees(patterns);
  if (matcher.any || matcher.exact.has(callee)) return true;
  if (matcher.lastSegment.size > 0) {
    const dot = callee.lastIndexOf('.');
    if (matcher.lastSegment.has(dot < 0 ? callee : callee.slice(dot + 1))) return true;
  }
  for (const suffix of matcher.suffixes) if (callee.endsWith(suffix)) return true;
  for (const prefix of matcher.prefixes) if (callee.startsWith(prefix)) return true;
  return false;
}

/** The string a value stands for, when it is known statically. */
export function stringOf(value: StaticValue | undefined): string | undefined {
  if (!value) return undefined;
  if (value.kind === 'string' || value.kind === 'bytes') return value.value;
  if (value.kind === 'expr') return value.folded;
  return undefined;
}

/** Source text of a value, for matching shapes inside it ('base64.b64decode(...)'). */
export function textOf(value: StaticValue | undefined): string {
  if (!value) return '';
  switch (value.kind) {
    case 'string':
    case 'bytes':
      return value.value;
    case 'number':
      return String(value.value);
    case 'bool':
      return String(value.value);
    case 'none':
      return 'None';
    case 'ref':
      return value.name;
    case 'call':
      return `${value.callee} ${value.text}`;
    case 'expr':
      return value.folded ?? value.text;
  }
}

export function isLiteral(value: StaticValue | undefined): boolean {
  if (!value) return false;
  if (value.kind === 'expr') return value.folded !== undefined;
  return (
    value.kind === 'string' || value.kind === 'bytes' || value.kind === 'number' || value.kind === 'bool'
  );
}

export function keyword(call: CallFact, name: string): StaticValue | undefined {
  return call.keywords.find((entry) => entry.name === name)?.value;
}

/** Positional argument `index`, or the keyword of that name. */
export function argument(call: CallFact, index: number, name?: string): StaticValue | undefined {
  return call.args[index] ?? (name ? keyword(call, name) : undefined);
}

/** Every string known in the call's arguments and keywords, folded where possible. */
export function callStrings(call: CallFact): string[] {
  const out: string[] = [];
  for (const value of [...call.args, ...call.keywords.map((entry) => entry.value)]) {
    const text = stringOf(value);
    if (text !== undefined) out.push(text);
  }
  return out;
}

/** Everything written in the call's arguments: folded strings, names and nested call text. */
export function callArgumentText(call: CallFact): string {
  return [...call.args, ...call.keywords.map((entry) => entry.value)].map(textOf).join(' ');
}

export function pythonSources(context: DetectionContext): readonly SourceFacts[] {
  return context.facts.sources.filter((source) => source.language === 'python');
}

export function* pythonCalls(context: DetectionContext): Generator<{ source: SourceFacts; call: CallFact }> {
  for (const source of pythonSources(context)) {
    for (const call of source.calls) yield { source, call };
  }
}

const PATH_JOINS = new Set([
  'os.path.join',
  'posixpath.join',
  'ntpath.join',
  'pathlib.Path',
  'pathlib.PurePath',
  'pathlib.Path.joinpath',
  'path.join',
  'path.resolve',
  'path.posix.join',
  'path.win32.join',
]);

/** A string seen in code: a literal (docstrings excluded) or a folded argument ('Local ' + 'Storage'). */
export interface CodeString {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly value: string;
  readonly snippet: string;
}

const codeStringLists = new WeakMap<object, readonly CodeString[]>();

/** The code strings of a package, listed once per scan: several behaviors search all of them. */
export function codeStrings(context: DetectionContext): readonly CodeString[] {
  let list = codeStringLists.get(context.facts);
  if (list === undefined) {
    list = listCodeStrings(context);
    codeStringLists.set(context.facts, list);
  }
  return list;
}

// Plain loops that push, rather than a generator spread into an array: this runs once per scan over every
// string and call of the package, on the first behavior's clock (about 30 ms cold on rich, 12k strings).
function listCodeStrings(context: DetectionContext): CodeString[] {
  const list: CodeString[] = [];
  const addFolded = (call: CallFact, value: StaticValue): void => {
    if (value.kind === 'expr' && value.folded !== undefined)
      list.push({
        file: call.file,
        line: call.line,
        column: call.column,
        value: value.folded,
        snippet: call.snippet,
      });
  };
  // An npm package's paths and keys sit in its JavaScript; a Python package's JavaScript is bundled web assets.
  const sources =
    context.snapshot.ecosystem === 'npm'
      ? context.facts.sources.filter((source) => source.language !== 'python')
      : pythonSources(context);
  for (const source of sources) {
    for (const fact of source.strings) if (!fact.docstring) list.push(fromStringFact(fact));
    for (const call of source.calls) {
      // os.path.join('AppData', 'Microsoft', ..., 'Startup') spreads a path over literals; join them back.
      if (PATH_JOINS.has(call.callee) && call.args.length > 1) {
        const parts = call.args.map((arg) => stringOf(arg) ?? '*');
        list.push({
          file: call.file,
          line: call.line,
          column: call.column,
          value: parts.join('/'),
          snippet: call.snippet,
        });
      }
      for (const value of call.args) addFolded(call, value);
      for (const entry of call.keywords) addFolded(call, entry.value);
    }
  }
  return list;
}

/** Code strings longer than this are matched on their first this-many characters (a blob is not a path or a key). */
export const MATCHED_PREFIX = 4096;

/** The code strings with the distinct texts they are matched on: `values[ids[i]]` is string i's (bounded) text. */
export interface CodeStringTable {
  readonly strings: readonly CodeString[];
  readonly ids: Int32Array;
  readonly values: readonly string[];
}

const codeStringTables = new WeakMap<object, CodeStringTable>();

/**
 * The code strings of a package and their distinct texts, made once per scan. Packages repeat their strings
 * (moment's locales ship in five copies: 60,000 code strings, 4,000 distinct texts), so a pattern tested
 * once per distinct text instead of once per string does a tenth of the work.
 */
export function codeStringTable(context: DetectionContext): CodeStringTable {
  let table = codeStringTables.get(context.facts);
  if (table === undefined) {
    const strings = codeStrings(context);
    const ids = new Int32Array(strings.length);
    const values: string[] = [];
    const idOf = new Map<string, number>();
    for (const [i, fact] of strings.entries()) {
      const value = fact.value.length > MATCHED_PREFIX ? fact.value.slice(0, MATCHED_PREFIX) : fact.value;
      let id = idOf.get(value);
      if (id === undefined) {
        id = values.length;
        values.push(value);
        idOf.set(value, id);
      }
      ids[i] = id;
    }
    table = { strings, ids, values };
    codeStringTables.set(context.facts, table);
  }
  return table;
}

/**
 * Which of `patterns` match code string `i` of the table, as a bit mask (bit k: pattern k), each pattern tested
 * once per distinct text. Undefined when a pattern keeps state between tests (the g or y flag) or there are too
 * many for a mask: then the caller tests each string itself.
 */
export function distinctMatcher(
  table: CodeStringTable,
  patterns: readonly RegExp[],
): ((i: number) => number) | undefined {
  if (patterns.length > 30 || patterns.some((pattern) => pattern.global || pattern.sticky)) return undefined;
  const masks = new Int32Array(table.values.length).fill(-1);
  return (i) => {
    const id = table.ids[i] as number;
    let mask = masks[id] as number;
    if (mask < 0) {
      mask = 0;
      const value = table.values[id] as string;
      for (let k = 0; k < patterns.length; k++) if ((patterns[k] as RegExp).test(value)) mask |= 1 << k;
      masks[id] = mask;
    }
    return mask;
  };
}

function fromStringFact(fact: StringFact): CodeString {
  const shown = fact.value.length > 200 ? `${fact.value.slice(0, 197)}...` : fact.value;
  return { file: fact.file, line: fact.line, column: fact.column, value: fact.value, snippet: shown };
}
