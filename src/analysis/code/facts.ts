/**
 * The facts one source file yields, collected under caps, for both code analyzers: imports, calls,
 * string literals and constructs, each with its file, line, column and evidence snippet. The caps bound
 * what a hostile file can make us keep; the first time one is reached a problem says so and the facts
 * count as partial.
 */
import type { SyntaxNode } from '../tree-sitter/fast-tree.ts';
import type {
  AnalysisProblem,
  CallFact,
  CodeScope,
  ConstructFact,
  ConstructKind,
  ImportFact,
  SourceFacts,
  SourceLanguage,
  StaticValue,
  StringFact,
} from '../types.ts';
import { FactCaps, SourceLines } from './source-lines.ts';
import { blobKind, shannonEntropy } from './string-measures.ts';

/** Characters kept of one string value (a 5 MB base64 blob keeps its first 64 KB). */
export const MAX_STRING_CHARS = 64 * 1024;
/** Arguments and keywords kept of one call. */
export const MAX_ARGS = 32;
/** Characters kept of an expression's source text. */
export const MAX_EXPR_TEXT = 200;
/** How deep value resolution and folding recurse into one expression. */
export const MAX_DEPTH = 48;
export const MAX_STRINGS = 20_000;
export const MAX_CALLS = 50_000;
export const MAX_IMPORTS = 10_000;
export const MAX_CONSTRUCTS = 10_000;

const LONG_LINE = 1000;
const ENTROPY_MIN_LENGTH = 200;
const ENTROPY_BITS = 5.0;
const BLOB_MIN_LENGTH = 500;

export function cap(text: string, max = MAX_EXPR_TEXT): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export interface Place {
  readonly line: number;
  readonly column: number;
  readonly snippet: string;
}

export type Keyword = { name: string; value: StaticValue };
export type ImportShape = { module: string; member?: string; alias?: string; dynamic: boolean };

export interface FactCollectorOptions {
  /**
   * Calls that cannot be named fill at most half the call cap, so that padding cannot push out a later
   * named call (JavaScript bundles are full of unnamed calls).
   */
  readonly capUnresolvedCalls?: boolean;
}

export class FactCollector {
  readonly imports: ImportFact[] = [];
  readonly calls: CallFact[] = [];
  readonly strings: StringFact[] = [];
  readonly constructs: ConstructFact[] = [];
  readonly problems: AnalysisProblem[] = [];
  /** Set when the facts are known to be incomplete for a reason the caps do not record. */
  partial = false;
  readonly lines: SourceLines;
  readonly caps: FactCaps;
  private unresolvedCalls = 0;
  private readonly capUnresolvedCalls: boolean;

  constructor(
    readonly file: string,
    private readonly text: string,
    private readonly language: SourceLanguage,
    options: FactCollectorOptions = {},
  ) {
    this.lines = new SourceLines(text);
    this.caps = new FactCaps(file, this.problems);
    this.capUnresolvedCalls = options.capUnresolvedCalls ?? false;
  }

  /** The node's source text, cut to `max` characters. */
  capped(node: SyntaxNode, max = MAX_EXPR_TEXT): string {
    const start = node.startIndex;
    const end = node.endIndex;
    return end - start > max ? `${this.text.slice(start, start + max)}…` : this.text.slice(start, end);
  }

  where(node: SyntaxNode): { file: string } & Place {
    const { row, column } = node.startPosition;
    return { file: this.file, line: row + 1, column: column + 1, snippet: this.lines.snippet(row, column) };
  }

  /** The line, column and snippet of text offset `index`. */
  placeOf(index: number): Place {
    const row = this.lines.rowOf(index);
    const column = index - (this.lines.starts()[row] ?? 0);
    return { line: row + 1, column: column + 1, snippet: this.lines.snippet(row, column) };
  }

  addConstruct(kind: ConstructKind, node: SyntaxNode, detail?: string, size?: number): void {
    if (this.caps.full('constructs', this.constructs.length, MAX_CONSTRUCTS)) return;
    this.constructs.push({
      ...this.where(node),
      kind,
      ...(detail !== undefined ? { detail } : {}),
      ...(size !== undefined ? { size } : {}),
    });
  }

  /**
   * A construct read from the text, not the tree (a packer marker, an obfuscator's output). These are
   * recorded before the walk, at most a few per file, so they are never capped.
   */
  addTextConstruct(kind: ConstructKind, index: number, detail: string): void {
    this.constructs.push({ file: this.file, ...this.placeOf(index), kind, detail });
  }

  addImport(node: SyntaxNode, fact: ImportShape): void {
    if (this.caps.full('imports', this.imports.length, MAX_IMPORTS)) return;
    const { file, line, column, snippet } = this.where(node);
    this.imports.push({ file, line, column, ...fact, snippet });
  }

  addCall(
    node: SyntaxNode,
    callee: string,
    resolved: boolean,
    args: StaticValue[],
    keywords: Keyword[],
    scope: CodeScope,
  ): void {
    if (this.caps.full('calls', this.calls.length, MAX_CALLS)) return;
    if (
      this.capUnresolvedCalls &&
      !resolved &&
      this.caps.full('unresolved calls', this.unresolvedCalls++, MAX_CALLS / 2)
    )
      return;
    const { row, column } = node.startPosition;
    const snippet = this.lines.snippet(row, column);
    this.calls.push({
      file: this.file,
      line: row + 1,
      column: column + 1,
      callee,
      resolved,
      args,
      keywords,
      snippet,
      scope,
    });
  }

  addString(node: SyntaxNode, value: string, docstring: boolean): void {
    if (this.caps.full('strings', this.strings.length, MAX_STRINGS)) return;
    const { row, column } = node.startPosition;
    this.strings.push({ file: this.file, line: row + 1, column: column + 1, value, docstring });
  }

  /** A `high-entropy-string` construct for a long literal that is random-looking or a payload blob. */
  noteEntropy(node: SyntaxNode, value: string): void {
    const detail = entropyDetail(value);
    if (detail !== undefined) this.addConstruct('high-entropy-string', node, detail);
  }

  /** A `long-line` construct for the longest line, when it is longer than any hand-written line. */
  noteLongestLine(): void {
    const starts = this.lines.starts();
    let longest = -1;
    let longestRow = 0;
    for (let row = 0; row < starts.length; row++) {
      const end = (starts[row + 1] ?? this.text.length + 1) - 1;
      const length = end - starts[row]!;
      if (length > longest) {
        longest = length;
        longestRow = row;
      }
    }
    if (longest > LONG_LINE) {
      this.constructs.push({
        file: this.file,
        line: longestRow + 1,
        column: 1,
        snippet: this.lines.snippet(longestRow, 0),
        kind: 'long-line',
        detail: `length=${longest}`,
      });
    }
  }

  sortConstructs(): void {
    this.constructs.sort((a, b) => a.line - b.line || a.column - b.column);
  }

  result(): SourceFacts {
    return {
      file: this.file,
      language: this.language,
      imports: this.imports,
      calls: this.calls,
      strings: this.strings,
      constructs: this.constructs,
      partial: this.partial || this.caps.truncated,
    };
  }
}

/** The detail of a `high-entropy-string` construct, or undefined when the string is neither. */
export function entropyDetail(value: string): string | undefined {
  if (value.length < ENTROPY_MIN_LENGTH) return undefined;
  const blob = blobKind(value, BLOB_MIN_LENGTH);
  const entropy = shannonEntropy(value);
  if (entropy < ENTROPY_BITS && blob === undefined) return undefined;
  const parts = [`length=${value.length}`, `entropy=${entropy.toFixed(2)}`];
  if (blob !== undefined) parts.push(`looks=${blob}`);
  return parts.join(' ');
}
