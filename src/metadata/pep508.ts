/**
 * PEP 508 dependency specifiers: `name [extras] (specifier) ; marker` and `name @ url ; marker`.
 * The grammar itself is pep508-parser.ts; this module turns its output into the flat shape the
 * metadata readers need and keeps the marker as the text the package wrote.
 */
import {
  type MarkerLeaf,
  type MarkerTree,
  type Pep508Requirement,
  parsePep508Line,
} from './pep508-parser.ts';

export interface ParsedRequirement {
  /** Name as written. */
  readonly name: string;
  /** PEP 503 form of the name. */
  readonly normalizedName: string;
  readonly extras: readonly string[];
  /** Version clauses joined with ',' (`>=1.0,<2`); '' when none. The legacy `(>=1.0)` form loses its parentheses. */
  readonly specifier: string;
  /** The marker after ';' as written, trimmed. */
  readonly marker?: string;
  /** Direct reference of a `name @ url` requirement. */
  readonly url?: string;
  /** The value of an `extra == "x"` clause in the marker: the optional group this requirement belongs to. */
  readonly extra?: string;
  /**
   * The marker rebuilt in one canonical spelling with the `extra` clauses removed ('' when nothing is
   * left). Lets a Requires-Dist line and the equivalent requires.txt section line compare equal.
   */
  readonly markerKey: string;
}

/** PEP 503: runs of `-`, `_` and `.` are one separator, and case does not matter. */
export function normalizePypiName(name: string): string {
  return name
    .trim()
    .replace(/[-_.]+/g, '-')
    .toLowerCase();
}

/** Longest line we hand to the grammar; a Requires-Dist line is normally under 200 characters. */
const MAX_REQUIREMENT_LENGTH = 8192;

/**
 * Reads one line into name, extras, version clauses, URL and marker tree; null when the line holds no
 * valid requirement. The equivalence test plugs the pip-requirements-js grammar in here.
 */
export type Pep508LineParser = (text: string) => Pep508Requirement | null;

export interface RequirementReader {
  readonly parseRequirement: (line: string) => ParsedRequirement | null;
  readonly canonicalMarker: (marker: string) => string | null;
}

/**
 * Splits the marker off. A URL may itself contain ';', so PEP 508 requires whitespace before the ';'
 * that starts the marker of a `name @ url` requirement; a name requirement cannot contain ';' at all.
 */
function splitMarker(line: string): { head: string; marker?: string } {
  const at = line.indexOf('@');
  const semi = line.indexOf(';');
  if (at >= 0 && (semi < 0 || at < semi)) {
    const match = /\s;/.exec(line.slice(at));
    if (!match) return { head: line };
    const cut = at + match.index;
    return { head: line.slice(0, cut), marker: line.slice(cut + 2).trim() };
  }
  if (semi < 0) return { head: line };
  return { head: line.slice(0, semi), marker: line.slice(semi + 1).trim() };
}

function unquote(value: string): string {
  const first = value[0];
  if ((first === '"' || first === "'") && value.endsWith(first) && value.length >= 2)
    return value.slice(1, -1);
  return value;
}

function isLeaf(node: MarkerTree): node is MarkerLeaf {
  return node.operator !== 'and' && node.operator !== 'or';
}

function isExtraLeaf(leaf: MarkerLeaf): boolean {
  return leaf.left === 'extra' || leaf.right === 'extra';
}

function findExtra(node: MarkerTree, depth = 0): string | undefined {
  if (depth > 64) return undefined;
  if (isLeaf(node)) {
    if (!isExtraLeaf(node) || node.operator !== '==') return undefined;
    return unquote(node.left === 'extra' ? node.right : node.left);
  }
  return findExtra(node.left, depth + 1) ?? findExtra(node.right, depth + 1);
}

function renderOperand(value: string): string {
  const inner = unquote(value);
  return inner === value ? value : `"${inner}"`;
}

/** Canonical text of the marker without its extra clauses, or null when nothing else is left. */
function canonicalWithoutExtra(node: MarkerTree, depth = 0): string | null {
  if (depth > 64) return null;
  if (isLeaf(node)) {
    if (isExtraLeaf(node)) return null;
    return `${renderOperand(node.left)} ${node.operator} ${renderOperand(node.right)}`;
  }
  const left = canonicalWithoutExtra(node.left, depth + 1);
  const right = canonicalWithoutExtra(node.right, depth + 1);
  if (left === null) return right;
  if (right === null) return left;
  return `(${left} ${node.operator} ${right})`;
}

/** Builds the readers over one line parser (ours at run time; the old grammar in the equivalence test). */
export function createRequirementReader(parseLine: Pep508LineParser): RequirementReader {
  function tryParse(text: string): Pep508Requirement | null {
    try {
      return parseLine(text);
    } catch {
      // A parser that throws on junk means the same as one that returns null: the caller records a parse error.
      return null;
    }
  }

  function canonicalMarker(marker: string): string | null {
    const parsed = tryParse(`x; ${marker}`);
    if (!parsed) return null;
    const tree = parsed.environmentMarkerTree;
    return tree ? (canonicalWithoutExtra(tree) ?? '') : '';
  }

  function parseRequirement(line: string): ParsedRequirement | null {
    if (line.length > MAX_REQUIREMENT_LENGTH) return null;
    // pkg_resources drops ' #' comments from requirement lines; a URL fragment (`#egg=`) has no space before it.
    const text = line.split(' #')[0]?.trim() ?? '';
    if (text === '' || text.startsWith('#') || text.startsWith('-')) return null;
    const { head, marker } = splitMarker(text);
    const parsed = tryParse(head.trim());
    if (!parsed) return null;

    let tree: MarkerTree | undefined;
    if (marker !== undefined) {
      if (marker === '') return null;
      const withMarker = tryParse(`x; ${marker}`);
      if (!withMarker) return null;
      tree = withMarker.environmentMarkerTree;
      if (!tree) return null;
    }

    const specifier =
      parsed.type === 'ProjectName'
        ? (parsed.versionSpec ?? []).map((s) => `${s.operator}${s.version}`).join(',')
        : '';
    const extra = tree ? findExtra(tree) : undefined;
    return {
      name: parsed.name,
      normalizedName: normalizePypiName(parsed.name),
      extras: parsed.extras ?? [],
      specifier,
      ...(marker !== undefined ? { marker } : {}),
      ...(parsed.type === 'ProjectURL' ? { url: parsed.url } : {}),
      ...(extra !== undefined ? { extra } : {}),
      markerKey: tree ? (canonicalWithoutExtra(tree) ?? '') : '',
    };
  }

  return { parseRequirement, canonicalMarker };
}

const reader = createRequirementReader(parsePep508Line);

/** Canonical text of a marker written on its own (a requires.txt section marker, a poetry `markers`). */
export function canonicalMarker(marker: string): string | null {
  return reader.canonicalMarker(marker);
}

/**
 * Parses one PEP 508 line. Returns null for blank lines, comments, pip options (`-r`, `--hash`) and
 * anything the grammar rejects; the caller decides whether that is a parse error.
 */
export function parseRequirement(line: string): ParsedRequirement | null {
  return reader.parseRequirement(line);
}
