/**
 * A cheaper view of a tree-sitter tree for the analyzer's hot loop.
 *
 * Every web-tree-sitter `Node` accessor marshals the node through a generic `setValue`/`getValue`
 * (a DataView per integer) and every returned node is a class instance whose `[0]` field makes V8
 * take a slow path on construction; on real code that costs about as much as parsing. The same
 * wasm functions the library calls are reachable on the Emscripten module object that
 * `Parser.init(moduleOptions)` fills in, so this view calls them directly, moves the five integers
 * of a node through an Int32Array and builds plain objects. Results are those of the library by
 * construction, and `bindFastRuntime` checks that on a sample before it is trusted.
 *
 * When the module object is not available (another caller initialised this copy of the library
 * first) or the check fails, `treeView` falls back to the library's own nodes: slower, same facts.
 */
import type { Language, Parser, Tree } from 'web-tree-sitter';

export interface Point {
  readonly row: number;
  readonly column: number;
}

/** The part of web-tree-sitter's `Node` the analyzer uses; the library's nodes satisfy it too. */
export interface SyntaxNode {
  readonly id: number;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: Point;
  readonly type: string;
  readonly parent: SyntaxNode | null;
  readonly firstNamedChild: SyntaxNode | null;
  readonly namedChildren: (SyntaxNode | null)[];
  readonly children: (SyntaxNode | null)[];
  readonly hasError: boolean;
  readonly isError: boolean;
  readonly isMissing: boolean;
  childForFieldName(fieldName: string): SyntaxNode | null;
  childrenForFieldName(fieldName: string): (SyntaxNode | null)[];
}

export interface TreeView {
  readonly rootNode: SyntaxNode;
  /** The nodes of the given types in document order (parents before children). */
  descendantsOfType(types: readonly string[]): SyntaxNode[];
}

// The Emscripten exports of web-tree-sitter 0.27 used here (see its web-tree-sitter.js).
interface TreeSitterExports {
  readonly HEAP32: Int32Array;
  _malloc(size: number): number;
  _free(pointer: number): void;
  _ts_init(): number;
  _ts_tree_root_node_wasm(tree: number): void;
  _ts_node_symbol_wasm(tree: number): number;
  _ts_node_end_index_wasm(tree: number): number;
  _ts_node_child_by_field_id_wasm(tree: number, field: number): void;
  _ts_node_children_by_field_id_wasm(tree: number, field: number): void;
  _ts_node_named_child_wasm(tree: number, index: number): void;
  _ts_node_named_children_wasm(tree: number): void;
  _ts_node_children_wasm(tree: number): void;
  _ts_node_parent_wasm(tree: number): void;
  _ts_node_has_error_wasm(tree: number): number;
  _ts_node_is_error_wasm(tree: number): number;
  _ts_node_is_missing_wasm(tree: number): number;
  _ts_node_descendants_of_type_wasm(
    tree: number,
    symbols: number,
    count: number,
    startRow: number,
    startColumn: number,
    endRow: number,
    endColumn: number,
  ): void;
}

const REQUIRED_EXPORTS = [
  '_malloc',
  '_free',
  '_ts_init',
  '_ts_tree_root_node_wasm',
  '_ts_node_symbol_wasm',
  '_ts_node_end_index_wasm',
  '_ts_node_child_by_field_id_wasm',
  '_ts_node_children_by_field_id_wasm',
  '_ts_node_named_child_wasm',
  '_ts_node_named_children_wasm',
  '_ts_node_children_wasm',
  '_ts_node_parent_wasm',
  '_ts_node_has_error_wasm',
  '_ts_node_is_error_wasm',
  '_ts_node_is_missing_wasm',
  '_ts_node_descendants_of_type_wasm',
] as const;

/** A node as five integers (the library's marshalled form), with its type and end cached. */
class FastNode implements SyntaxNode {
  private cachedType: string | undefined;
  private cachedEnd = -1;
  private cachedPosition: Point | undefined;

  constructor(
    private readonly view: FastTreeView,
    readonly id: number,
    readonly startIndex: number,
    readonly row: number,
    readonly column: number,
    readonly other: number,
  ) {}

  get startPosition(): Point {
    this.cachedPosition ??= { row: this.row, column: this.column };
    return this.cachedPosition;
  }

  get type(): string {
    if (this.cachedType === undefined) {
      const view = this.view;
      view.marshal(this);
      this.cachedType = view.types[view.exports._ts_node_symbol_wasm(view.tree)] || 'ERROR';
    }
    return this.cachedType;
  }

  get endIndex(): number {
    if (this.cachedEnd < 0) {
      const view = this.view;
      view.marshal(this);
      this.cachedEnd = view.exports._ts_node_end_index_wasm(view.tree);
    }
    return this.cachedEnd;
  }

  get parent(): SyntaxNode | null {
    const view = this.view;
    view.marshal(this);
    view.exports._ts_node_parent_wasm(view.tree);
    return view.unmarshal();
  }

  get firstNamedChild(): SyntaxNode | null {
    const view = this.view;
    view.marshal(this);
    view.exports._ts_node_named_child_wasm(view.tree, 0);
    return view.unmarshal();
  }

  get namedChildren(): SyntaxNode[] {
    const view = this.view;
    view.marshal(this);
    view.exports._ts_node_named_children_wasm(view.tree);
    return view.unmarshalList();
  }

  get children(): SyntaxNode[] {
    const view = this.view;
    view.marshal(this);
    view.exports._ts_node_children_wasm(view.tree);
    return view.unmarshalList();
  }

  get hasError(): boolean {
    const view = this.view;
    view.marshal(this);
    return view.exports._ts_node_has_error_wasm(view.tree) === 1;
  }

  get isError(): boolean {
    const view = this.view;
    view.marshal(this);
    return view.exports._ts_node_is_error_wasm(view.tree) === 1;
  }

  get isMissing(): boolean {
    const view = this.view;
    view.marshal(this);
    return view.exports._ts_node_is_missing_wasm(view.tree) === 1;
  }

  childForFieldName(fieldName: string): SyntaxNode | null {
    const view = this.view;
    const field = view.fieldId(fieldName);
    if (field === -1) return null;
    view.marshal(this);
    view.exports._ts_node_child_by_field_id_wasm(view.tree, field);
    return view.unmarshal();
  }

  childrenForFieldName(fieldName: string): SyntaxNode[] {
    const view = this.view;
    const field = view.fieldId(fieldName);
    if (field === -1 || field === 0) return [];
    view.marshal(this);
    view.exports._ts_node_children_by_field_id_wasm(view.tree, field);
    return view.unmarshalList();
  }
}

class FastTreeView implements TreeView {
  readonly types: readonly string[];
  private readonly fields: readonly (string | null)[];
  private readonly fieldIds = new Map<string, number>();
  /** Int32 index of the library's transfer buffer, where one node (5 integers) is passed. */
  private readonly slot: number;

  constructor(
    readonly exports: TreeSitterExports,
    transferBuffer: number,
    language: Language,
    readonly tree: number,
  ) {
    this.types = language.types;
    this.fields = language.fields;
    this.slot = transferBuffer >> 2;
  }

  fieldId(name: string): number {
    let id = this.fieldIds.get(name);
    if (id === undefined) {
      id = this.fields.indexOf(name);
      this.fieldIds.set(name, id);
    }
    return id;
  }

  marshal(node: FastNode): void {
    // Memory can grow (and HEAP32 be replaced) during any call into wasm: read the view each time.
    const heap = this.exports.HEAP32;
    const at = this.slot;
    heap[at] = node.id;
    heap[at + 1] = node.startIndex;
    heap[at + 2] = node.row;
    heap[at + 3] = node.column;
    heap[at + 4] = node.other;
  }

  unmarshal(): FastNode | null {
    const heap = this.exports.HEAP32;
    const at = this.slot;
    const id = heap[at]!;
    if (id === 0) return null;
    return new FastNode(this, id, heap[at + 1]!, heap[at + 2]!, heap[at + 3]!, heap[at + 4]!);
  }

  /** Reads the (count, address) pair the library's list functions leave, and frees the list. */
  unmarshalList(): FastNode[] {
    const heap = this.exports.HEAP32;
    const count = heap[this.slot]!;
    const address = heap[this.slot + 1]!;
    const out = new Array<FastNode>(count);
    if (count > 0) {
      for (let i = 0, at = address >> 2; i < count; i++, at += 5) {
        out[i] = new FastNode(this, heap[at]!, heap[at + 1]!, heap[at + 2]!, heap[at + 3]!, heap[at + 4]!);
      }
      this.exports._free(address);
    }
    return out;
  }

  get rootNode(): SyntaxNode {
    this.exports._ts_tree_root_node_wasm(this.tree);
    const root = this.unmarshal();
    if (root === null) throw new Error('tree without a root node');
    return root;
  }

  descendantsOfType(types: readonly string[]): SyntaxNode[] {
    // The same symbol list the library builds: ERROR first, then every id whose name matches.
    const symbols: number[] = types.includes('ERROR') ? [65535] : [];
    for (let i = 0; i < this.types.length; i++) if (types.includes(this.types[i]!)) symbols.push(i);
    const exports = this.exports;
    const list = exports._malloc(4 * Math.max(1, symbols.length));
    try {
      const heap = exports.HEAP32;
      for (let i = 0; i < symbols.length; i++) heap[(list >> 2) + i] = symbols[i]!;
      exports._ts_tree_root_node_wasm(this.tree);
      exports._ts_node_descendants_of_type_wasm(this.tree, list, symbols.length, 0, 0, 0, 0);
      return this.unmarshalList();
    } finally {
      exports._free(list);
    }
  }
}

/** The tree through the library's own nodes. */
class LibraryTreeView implements TreeView {
  constructor(private readonly tree: Tree) {}

  get rootNode(): SyntaxNode {
    return this.tree.rootNode;
  }

  descendantsOfType(types: readonly string[]): SyntaxNode[] {
    return this.tree.rootNode.descendantsOfType([...types]);
  }
}

export interface FastRuntime {
  readonly exports: TreeSitterExports;
  readonly transferBuffer: number;
  readonly language: Language;
}

export function treeView(tree: Tree, runtime: FastRuntime | undefined): TreeView {
  if (runtime === undefined) return new LibraryTreeView(tree);
  const address = (tree as unknown as { readonly 0: unknown })[0];
  if (typeof address !== 'number' || address === 0) return new LibraryTreeView(tree);
  return new FastTreeView(runtime.exports, runtime.transferBuffer, runtime.language, address);
}

// Shapes the analyzer asks about: calls with fields, strings, errors, nested scopes, imports.
const SELF_TEST_SOURCE = [
  'import os.path as p, sys',
  'from a.b import (c as d, e)',
  'def f(x, *y, z=1, **k):',
  '    return os.system("ls" + \'-l\' % x, shell=True)[0]',
  'class C(B):',
  '    s = "a" "b" f"{x!r}"',
  'print >>sys.stderr, "x"',
  'x = (lambda q: q)(1) if y else [chr(i) for i in (1, 2)]',
  'def broken(:',
  '    pass',
  '',
].join('\n');

const SELF_TEST_TYPES = [
  'call',
  'string',
  'concatenated_string',
  'import_from_statement',
  'ERROR',
  'lambda',
  'identifier',
];

function sameNode(a: SyntaxNode | null, b: SyntaxNode | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.id === b.id &&
    a.type === b.type &&
    a.startIndex === b.startIndex &&
    a.endIndex === b.endIndex &&
    a.startPosition.row === b.startPosition.row &&
    a.startPosition.column === b.startPosition.column
  );
}

function sameList(a: readonly (SyntaxNode | null)[], b: readonly (SyntaxNode | null)[]): boolean {
  return a.length === b.length && a.every((node, i) => sameNode(node, b[i] ?? null));
}

/** Every accessor of the fast view must agree with the library on every node of a sample tree. */
function agrees(fast: SyntaxNode, library: SyntaxNode, budget: { nodes: number }): boolean {
  if (--budget.nodes < 0) return true;
  if (!sameNode(fast, library)) return false;
  if (fast.hasError !== library.hasError || fast.isError !== library.isError) return false;
  if (fast.isMissing !== library.isMissing) return false;
  if (!sameNode(fast.firstNamedChild, library.firstNamedChild)) return false;
  if (!sameNode(fast.parent, library.parent)) return false;
  for (const field of ['function', 'arguments', 'name', 'left', 'right', 'operator', 'body', 'alias']) {
    if (!sameNode(fast.childForFieldName(field), library.childForFieldName(field))) return false;
    if (!sameList(fast.childrenForFieldName(field), library.childrenForFieldName(field))) return false;
  }
  if (!sameList(fast.namedChildren, library.namedChildren)) return false;
  const fastChildren = fast.children;
  const libraryChildren = library.children;
  if (!sameList(fastChildren, libraryChildren)) return false;
  for (let i = 0; i < fastChildren.length; i++) {
    if (!agrees(fastChildren[i]!, libraryChildren[i]!, budget)) return false;
  }
  return true;
}

/**
 * Whether the fast view of `tree` gives what the library gives, node by node (up to `maxNodes`),
 * for every accessor the analyzer uses.
 */
export function viewsAgree(tree: Tree, runtime: FastRuntime, maxNodes = 2000): boolean {
  const view = treeView(tree, runtime);
  if (!(view instanceof FastTreeView)) return false;
  const library = new LibraryTreeView(tree);
  const types = [...SELF_TEST_TYPES];
  if (!sameList(view.descendantsOfType(types), library.descendantsOfType(types))) return false;
  return agrees(view.rootNode, library.rootNode, { nodes: maxNodes });
}

/**
 * The module object `Parser.init(moduleObject)` filled in, checked against the library on a sample;
 * undefined when it lacks what the view needs or disagrees with the library in any way.
 */
export function bindFastRuntime(
  moduleObject: Record<string, unknown>,
  language: Language,
  parser: Parser,
): FastRuntime | undefined {
  for (const name of REQUIRED_EXPORTS) if (typeof moduleObject[name] !== 'function') return undefined;
  if (!(moduleObject.HEAP32 instanceof Int32Array)) return undefined;
  // The view writes integers natively; the library writes them little-endian.
  if (new Uint8Array(new Int32Array([1]).buffer)[0] !== 1) return undefined;
  const exports = moduleObject as unknown as TreeSitterExports;
  let tree: Tree | null = null;
  try {
    const runtime: FastRuntime = { exports, transferBuffer: exports._ts_init(), language };
    tree = parser.parse(SELF_TEST_SOURCE);
    return tree !== null && viewsAgree(tree, runtime) ? runtime : undefined;
  } catch {
    return undefined;
  } finally {
    tree?.delete();
  }
}
