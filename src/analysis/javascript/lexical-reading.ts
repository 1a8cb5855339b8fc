/**
 * The JavaScript analyzer's token-level reading (lexical.ts), for files too big or too minified for
 * tree-sitter to parse within budget, and to recover calls that broken code hid in an error node.
 */
import { entropyDetail, type FactCollector, MAX_CALLS, MAX_CONSTRUCTS, MAX_IMPORTS } from '../code/facts.ts';
import { scanLexical } from './lexical.ts';
import { globalSym, normalizeModule } from './names.ts';

/**
 * Past this size a file is read by the token-level reader instead of tree-sitter: bundles of several
 * MB parse at under 1 MB/s here and would spend the whole budget building a tree (see lexical.ts).
 */
export const LEXICAL_THRESHOLD_CHARS = 256 * 1024;
/**
 * Files that are not minified are parsed up to this size all the same: the token reader has no data flow, and
 * a compromised release hid its key stealer in a 315 KB library file. Measured on the 256–512 KB .js files of
 * the npm top-300 corpora (esprima, lodash, rxjs, @babel/types, @dataform/core): 0.1–0.16 s each to parse and
 * walk instead of 0.01–0.09 s to read by tokens, well within the parse budget; @babel/parser (495 KB and more)
 * passes the budget, hence the cap.
 */
export const PLAIN_PARSE_MAX_CHARS = 384 * 1024;
/** Minified files (one line of many KB) parse slowly for their size; past this size they go the token way too. */
const MINIFIED_THRESHOLD_CHARS = 96 * 1024;
const MINIFIED_LINE_CHARS = 10_000;

/**
 * Whether a file parsed only because it is not minified (past LEXICAL_THRESHOLD_CHARS): when its parse gives
 * up, the token reader reads it as it always did, and its facts are no less complete than before.
 */
export function parsedPastThreshold(text: string): boolean {
  return text.length > LEXICAL_THRESHOLD_CHARS;
}

/** Whether a file is read by tokens instead of parsed. */
export function readByTokens(text: string): boolean {
  if (text.length > PLAIN_PARSE_MAX_CHARS) return true;
  if (text.length <= MINIFIED_THRESHOLD_CHARS) return false;
  let start = 0;
  for (let i = text.indexOf('\n'); ; i = text.indexOf('\n', start)) {
    const end = i < 0 ? text.length : i;
    if (end - start > MINIFIED_LINE_CHARS) return true;
    if (i < 0) return false;
    start = i + 1;
  }
}

function lexicalHooks(facts: FactCollector): Parameters<typeof scanLexical>[1] {
  return {
    file: facts.file,
    globalName: (name) => {
      const sym = globalSym(name);
      return sym?.k === 'module' || sym?.k === 'ref' ? sym.name : undefined;
    },
    normalizeModule,
    where: (index) => facts.placeOf(index),
  };
}

/** The token-level reading of a whole file into `facts`; true when it passed its budget. */
export function readLexically(facts: FactCollector, text: string, maxSteps: number): boolean {
  const read = scanLexical(text, lexicalHooks(facts), maxSteps);
  const { imports, calls, strings, constructs } = facts;
  imports.push(...read.imports);
  calls.push(...read.calls);
  strings.push(...read.strings);
  for (const fact of read.strings) {
    if (constructs.length >= MAX_CONSTRUCTS) continue;
    const detail = entropyDetail(fact.value);
    if (detail === undefined) continue;
    constructs.push({
      ...fact,
      snippet: facts.lines.snippet(fact.line - 1, fact.column - 1),
      kind: 'high-entropy-string',
      detail,
    });
  }
  constructs.push(...read.constructs.slice(0, Math.max(0, MAX_CONSTRUCTS - constructs.length)));
  facts.sortConstructs();
  if (read.capped) {
    facts.partial = true;
    facts.problems.push({
      file: facts.file,
      kind: 'capped',
      message: 'the file holds more facts than are kept; the rest were not kept',
    });
  }
  return read.timedOut;
}

/**
 * Broken code: tree-sitter recovers most of a damaged file, but a call cut off by truncation or garbage
 * can vanish into an error node. The token reader sees it; its named calls and requires that the tree
 * did not yield are added.
 */
export function mergeLexicalForBrokenCode(facts: FactCollector, text: string, maxSteps: number): void {
  const { imports, calls } = facts;
  const seen = new Set(calls.map((call) => `${call.line}:${call.callee}`));
  const seenImports = new Set(imports.map((fact) => `${fact.line}:${fact.module}`));
  const read = scanLexical(text, lexicalHooks(facts), maxSteps);
  for (const call of read.calls) {
    if (!call.resolved || seen.has(`${call.line}:${call.callee}`) || calls.length >= MAX_CALLS) continue;
    calls.push(call);
  }
  for (const fact of read.imports) {
    if (seenImports.has(`${fact.line}:${fact.module}`) || imports.length >= MAX_IMPORTS) continue;
    imports.push(fact);
  }
  calls.sort((a, b) => a.line - b.line || a.column - b.column);
}
