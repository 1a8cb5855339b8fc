/**
 * How both code analyzers read one file: cut it at the byte limit, decode it, parse it within a budget
 * of parse steps, and walk the node kinds the language's visitors want in document order within a
 * budget of syntax nodes. Budgets are counted in work (src/core/budget.ts), never in time, so the same
 * file stops at the same place on a busy machine. Each problem met on the way (too large, undecodable,
 * a budget passed, syntax errors) is recorded and marks the facts partial; what was read is kept.
 */
import type { Tree } from 'web-tree-sitter';
import { WorkCounter } from '../../core/budget.ts';
import type { SyntaxNode, TreeView } from '../tree-sitter/fast-tree.ts';
import type { AnalysisProblem } from '../types.ts';

export interface DecodedSource {
  readonly text: string;
  readonly warning?: string;
}

export interface SourceRead {
  /** The decoded text, NUL bytes blanked. */
  readonly text: string;
  /** The bytes that were read (the file, or its first `maxBytes`). */
  readonly input: Buffer;
  readonly partial: boolean;
  readonly problems: AnalysisProblem[];
}

/** The file's first `maxBytes`, decoded by the language's rules. */
export function readSource(
  file: string,
  bytes: Buffer,
  maxBytes: number,
  decode: (bytes: Buffer) => DecodedSource,
): SourceRead {
  const problems: AnalysisProblem[] = [];
  let partial = false;
  let input = bytes;
  if (bytes.length > maxBytes) {
    input = bytes.subarray(0, maxBytes);
    partial = true;
    problems.push({
      file,
      kind: 'too-large',
      message: `file is ${bytes.length} bytes; bytes ${maxBytes}-${bytes.length} were not read`,
    });
  }
  const decoded = decode(input);
  if (decoded.warning !== undefined) problems.push({ file, kind: 'decode-error', message: decoded.warning });
  // Neither CPython nor Node accepts NUL bytes in source, and tree-sitter would stop making sense of the
  // rest of the file around them; a space keeps every offset and lets the code after a NUL be read.
  const text = decoded.text.includes('\0') ? decoded.text.replace(/\0/g, ' ') : decoded.text;
  return { text, input, partial, problems };
}

export interface TreeReading {
  readonly file: string;
  readonly text: string;
  /** Parses `text`, counting progress calls on `steps`; null when the count passed its limit. */
  readonly parse: (text: string, steps: WorkCounter) => Tree | null;
  /** Called when parsing or walking threw (a wasm trap may leave the parser unusable). */
  readonly resetParser: () => void;
  readonly view: (tree: Tree) => TreeView;
  readonly parseSteps: number;
  /**
   * Prefixes (in characters) parsed, with a quarter of the budget each, when the whole file passed its
   * budget, so that a huge file still yields its first facts.
   */
  readonly fallbackPrefixes: readonly number[];
  /**
   * The problems to record when the whole file passed its parse budget; `parsedChars` is the prefix that
   * was parsed instead (0 when none was).
   */
  readonly parseGaveUp: (parsedChars: number) => AnalysisProblem[];
  /** The node kinds the visitors want. */
  readonly nodeTypes: readonly string[];
  /** The walk's budget, counted per node visited; the visitors may spend from it too. */
  readonly walked: WorkCounter;
  /** One node, with the node that follows it in document order. */
  readonly visit: (node: SyntaxNode, type: string, next: SyntaxNode | undefined) => void;
  /** After the walk, whether or not it passed its budget. */
  readonly finish: (root: SyntaxNode, timedOut: boolean) => void;
}

/** Parses and walks one file; returns the problems met and whether they make the facts partial. */
export function readTree(reading: TreeReading): { partial: boolean; problems: AnalysisProblem[] } {
  const { file, text, parseSteps } = reading;
  const problems: AnalysisProblem[] = [];
  let partial = false;
  let tree: Tree | null = null;
  try {
    tree = reading.parse(text, new WorkCounter(parseSteps));
    if (tree === null) {
      partial = true;
      let parsed = 0;
      for (const prefix of reading.fallbackPrefixes) {
        if (tree !== null || text.length <= prefix) continue;
        tree = reading.parse(text.slice(0, prefix), new WorkCounter(Math.max(1, parseSteps / 4)));
        if (tree !== null) parsed = prefix;
      }
      problems.push(...reading.parseGaveUp(parsed));
    }
    if (tree !== null) {
      const view = reading.view(tree);
      const root = view.rootNode;
      if (root.hasError) {
        partial = true;
        const line = firstErrorLine(root);
        problems.push({
          file,
          kind: 'parse-error',
          message: 'the file has syntax errors; facts were read from the parts that parse',
          ...(line !== undefined ? { line } : {}),
        });
      }
      const timedOut = walk(view, reading);
      if (timedOut) {
        partial = true;
        problems.push({
          file,
          kind: 'timeout',
          message: `reading passed its budget of ${reading.walked.limit} syntax nodes; facts are incomplete`,
        });
      }
      reading.finish(root, timedOut);
    }
  } catch (error) {
    reading.resetParser();
    throw error;
  } finally {
    tree?.delete();
  }
  return { partial, problems };
}

/**
 * One query over the whole tree: tree-sitter finds the wanted nodes inside wasm, which is cheaper than a
 * query per top-level statement and far cheaper than visiting every node from JavaScript.
 */
function walk(view: TreeView, reading: TreeReading): boolean {
  const nodes = view.descendantsOfType(reading.nodeTypes);
  const walked = reading.walked;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node === null || node === undefined) continue;
    if (walked.spend()) return true;
    reading.visit(node, node.type, nodes[i + 1]);
  }
  return false;
}

/** The line of the first syntax error, following the children that hold one. */
export function firstErrorLine(root: SyntaxNode): number | undefined {
  let node: SyntaxNode | null = root;
  for (let guard = 0; guard < 100_000 && node !== null; guard++) {
    if (node.isError || node.isMissing) return node.startPosition.row + 1;
    let next: SyntaxNode | null = null;
    for (const child of node.children) {
      if (child !== null && (child.hasError || child.isMissing)) {
        next = child;
        break;
      }
    }
    if (next === null) return node.startPosition.row + 1;
    node = next;
  }
  return undefined;
}
