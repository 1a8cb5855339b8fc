/**
 * A cheaper view of a tree-sitter tree for the analyzers' hot loops, for any grammar.
 *
 * Every web-tree-sitter `Node` accessor marshals the node through a generic `setValue`/`getValue`
 * (a DataView per integer) and every returned node is a class instance whose `[0]` field makes V8
 * take a slow path on construction; on real code that costs about as much as parsing. The same
 * wasm functions the library calls are reachable on the Emscripten module object that
 * `Parser.init(moduleOptions)` fills in, so this view calls them directly, moves the five integers
 * of a node through an Int32Array and builds plain objects. Results are those of the library by
 * construction: the exports are bound once per thread (`bindExports`), checked once per thread on a
 * small sample (`quickCheck`, see runtime.ts), and the unit tests check full agreement for every
 * grammar. Type and field names come from each grammar's `Language`, so one binding serves them all.
 *
 * When the module object is not available (another caller initialised this copy of the library
 * first) or the check fails, `treeView` falls back to the library's own nodes: slower, same facts.
 */
import type { Language, Parser, Tree } from 'web-tree-sitter';

export interface Point {
  readonly row: number;
  readonly column: number;
}

/** The part of web-tree-sitter's `Node` the analyzers use; the library's nodes satisfy it too. */
export interface SyntaxNode {
  readonly id: number;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: Point;
  readonly type: string;
  readonly parent: SyntaxNode | null;
  readonly firstNamedChild: SyntaxNode | null;
  readonly lastNamedChild: SyntaxNode | null;
  readonly namedChildren: (SyntaxNode | null)[];
  readonly children: (SyntaxNode | null)[];
  readonly hasError: boolean;
  readonly isError: boolean;
  readonly isMissing: boolean;
  childForFieldName(fieldName: string): SyntaxNode | null;
  childrenForFieldName(fieldName: string): (SyntaxNode | null)[];
  /** The descendants of the given types below this node, in document order. */
  descendantsOfType(types: string[]): (SyntaxNode | null)[];
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
  _ts_node_named_child_count_wasm(tree: number): number;
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
  '_ts_node_named_child_count_wasm',
  '_ts_node_named_children_wasm',
  '_ts_node_children_wasm',
  '_ts_node_parent_wasm',
  '_ts_node_has_error_wasm',
  '_ts_node_is_error_wasm',
  '_ts_node_is_missing_wasm',
  '_ts_node_descendants_of_type_wasm',
] as const;

/** The library's wasm exports and its transfer buffer: one per thread, shared by every grammar. */
export interface FastBinding {
  readonly exports: TreeSitterExports;
  readonly transferBuffer: number;
}

/**
 * The module object `Parser.init(moduleObject)` filled in, if it has everything the view calls;
 * undefined otherwise (the library was initialised by someone else, or its build changed).
 */
export function bindExports(moduleObject: Record<string, unknown>): FastBinding | undefined {
  for (const name of REQUIRED_EXPORTS) if (typeof moduleObject[name] !== 'function') return undefined;
  if (!(moduleObject.HEAP32 instanceof Int32Array)) return undefined;
  // The view writes integers natively; the library writes them little-endian.
  if (new Uint8Array(new Int32Array([1]).buffer)[0] !== 1) return undefined;
  const exports = moduleObject as unknown as TreeSitterExports;
  try {
    return { exports, transferBuffer: exports._ts_init() };
  } catch {
    return undefined;
  }
}

/** A binding with one grammar's name tables (symbol lists and field ids cached): one per language. */
export class FastRuntime {
  readonly exports: TreeSitterExports;
  readonly transferBuffer: number;
  readonly types: readonly string[];
  private readonly fields: readonly (string | null)[];
  private readonly fieldIds = new Map<string, number>();
  private readonly symbolLists = new Map<string, readonly number[]>();

  constructor(
    binding: FastBinding,
    readonly language: Language,
  ) {
    this.exports = binding.exports;
    this.transferBuffer = binding.transferBuffer;
    this.types = language.types;
    this.fields = language.fields;
  }

  fieldId(name: string): number {
    let id = this.fieldIds.get(name);
    if (id === undefined) {
      id = this.fields.indexOf(name);
      this.fieldIds.set(name, id);
    }
    return id;
  }

  /** The same symbol list the library builds: ERROR first, then every id whose name matches. */
  symbolsOf(types: readonly string[]): readonly number[] {
    const key = types.join('\n');
    let symbols = this.symbolLists.get(key);
    if (symbols === undefined) {
      const list: number[] = types.includes('ERROR') ? [65535] : [];
      for (let i = 0; i < this.types.length; i++) if (types.includes(this.types[i]!)) list.push(i);
      symbols = list;
      // Callers pass a handful of constant lists; the cap only guards against a caller that builds them.
      if (this.symbolLists.size < 256) this.symbolLists.set(key, symbols);
    }
    return symbols;
  }
}

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
      this.cachedType = view.runtime.types[view.exports._ts_node_symbol_wasm(view.tree)] || 'ERROR';
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

  get lastNamedChild(): SyntaxNode | null {
    // As the library: the child at (named count - 1), which is no node when there are none.
    const view = this.view;
    view.marshal(this);
    const count = view.exports._ts_node_named_child_count_wasm(view.tree);
    view.marshal(this);
    view.exports._ts_node_named_child_wasm(view.tree, count - 1);
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
    const field = view.runtime.fieldId(fieldName);
    if (field === -1) return null;
    view.marshal(this);
    view.exports._ts_node_child_by_field_id_wasm(view.tree, field);
    return view.unmarshal();
  }

  childrenForFieldName(fieldName: string): SyntaxNode[] {
    const view = this.view;
    const field = view.runtime.fieldId(fieldName);
    if (field === -1 || field === 0) return [];
    view.marshal(this);
    view.exports._ts_node_children_by_field_id_wasm(view.tree, field);
    return view.unmarshalList();
  }

  descendantsOfType(types: readonly string[]): SyntaxNode[] {
    return this.view.descendantsOf(this, types);
  }
}

class FastTreeView implements TreeView {
  readonly exports: TreeSitterExports;
  /** Int32 index of the library's transfer buffer, where one node (5 integers) is passed. */
  private readonly slot: number;

  constructor(
    readonly runtime: FastRuntime,
    readonly tree: number,
  ) {
    this.exports = runtime.exports;
    this.slot = runtime.transferBuffer >> 2;
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

  /**
   * Reads the (count, address) pair the library's list functions leave, and frees the list as the
   * library does: descendant lists always (free(0) is a no-op), child lists only when not empty.
   */
  unmarshalList(alwaysFree = false): FastNode[] {
    const heap = this.exports.HEAP32;
    const count = heap[this.slot]!;
    const address = heap[this.slot + 1]!;
    const out = new Array<FastNode>(count);
    if (count > 0) {
      for (let i = 0, at = address >> 2; i < count; i++, at += 5) {
        out[i] = new FastNode(this, heap[at]!, heap[at + 1]!, heap[at + 2]!, heap[at + 3]!, heap[at + 4]!);
      }
    }
    if (count > 0 || alwaysFree) this.exports._free(address);
    return out;
  }

  get rootNode(): SyntaxNode {
    this.exports._ts_tree_root_node_wasm(this.tree);
    const root = this.unmarshal();
    if (root === null) throw new Error('tree without a root node');
    return root;
  }

  /** Descendants of `node` (of the root when null) with one of the given types. */
  descendantsOf(node: FastNode | null, types: readonly string[]): FastNode[] {
    const symbols = this.runtime.symbolsOf(types);
    const exports = this.exports;
    const list = exports._malloc(4 * Math.max(1, symbols.length));
    try {
      const heap = exports.HEAP32;
      for (let i = 0; i < symbols.length; i++) heap[(list >> 2) + i] = symbols[i]!;
      if (node === null) exports._ts_tree_root_node_wasm(this.tree);
      else this.marshal(node);
      exports._ts_node_descendants_of_type_wasm(this.tree, list, symbols.length, 0, 0, 0, 0);
      return this.unmarshalList(true);
    } finally {
      exports._free(list);
    }
  }

  descendantsOfType(types: readonly string[]): SyntaxNode[] {
    return this.descendantsOf(null, types);
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

let libraryNodesOnly = false;

/**
 * Makes every `treeView` of this thread use the library's nodes (true) or the fast view where bound
 * (false, the default). For scripts that compare the two views' facts and for benchmarks.
 */
export function useLibraryNodes(only: boolean): void {
  libraryNodesOnly = only;
}

function fastView(tree: Tree, runtime: FastRuntime): FastTreeView | undefined {
  const address = (tree as unknown as { readonly 0: unknown })[0];
  if (typeof address !== 'number' || address === 0) return undefined;
  // A tree of another grammar would read its symbols through the wrong name table.
  if (tree.language !== runtime.language) return undefined;
  return new FastTreeView(runtime, address);
}

/** The fast view of `tree` when `runtime` is bound for its grammar, else the library's nodes. */
export function treeView(tree: Tree, runtime: FastRuntime | undefined): TreeView {
  if (runtime === undefined || libraryNodesOnly) return new LibraryTreeView(tree);
  return fastView(tree, runtime) ?? new LibraryTreeView(tree);
}

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

interface AgreementCheck {
  /** Nodes visited before the walk stops (depth first, from the root). */
  nodes: number;
  readonly fields: readonly string[];
  readonly types: readonly string[];
}

/** Every accessor of the fast view must agree with the library on every node it visits. */
function agrees(fast: SyntaxNode, library: SyntaxNode, check: AgreementCheck): boolean {
  if (--check.nodes < 0) return true;
  if (!sameNode(fast, library)) return false;
  if (fast.hasError !== library.hasError || fast.isError !== library.isError) return false;
  if (fast.isMissing !== library.isMissing) return false;
  if (!sameNode(fast.firstNamedChild, library.firstNamedChild)) return false;
  if (!sameNode(fast.lastNamedChild, library.lastNamedChild)) return false;
  if (!sameNode(fast.parent, library.parent)) return false;
  for (const field of check.fields) {
    if (!sameNode(fast.childForFieldName(field), library.childForFieldName(field))) return false;
    if (!sameList(fast.childrenForFieldName(field), library.childrenForFieldName(field))) return false;
  }
  if (!sameList(fast.namedChildren, library.namedChildren)) return false;
  const fastChildren = fast.children;
  const libraryChildren = library.children;
  if (!sameList(fastChildren, libraryChildren)) return false;
  if (fastChildren.length > 0) {
    // Node-level search, as the JavaScript analyzer runs it on each top-level statement.
    const types = [...check.types];
    if (!sameList(fast.descendantsOfType(types), library.descendantsOfType(types))) return false;
  }
  for (let i = 0; i < fastChildren.length; i++) {
    if (!agrees(fastChildren[i]!, libraryChildren[i]!, check)) return false;
  }
  return true;
}

export interface AgreementOptions {
  /** Nodes compared, depth first from the root; by default all (up to a million). */
  readonly maxNodes?: number;
  /** Field names asked on every node; by default every field of the grammar. */
  readonly fields?: readonly string[];
  /** Node types searched for, from the root and below every inner node. */
  readonly types: readonly string[];
}

/**
 * Whether the fast view of `tree` gives what the library gives, node by node, for every accessor the
 * analyzers use. Costly with the defaults (every field on every node): the tests run it in full;
 * the runtime runs it once per thread on a small sample with a few fields.
 */
export function viewsAgree(tree: Tree, runtime: FastRuntime, options: AgreementOptions): boolean {
  const view = fastView(tree, runtime);
  if (view === undefined) return false;
  const library = new LibraryTreeView(tree);
  const fields = options.fields ?? runtime.language.fields.filter((field): field is string => field !== null);
  const types = options.types;
  if (!sameList(view.descendantsOfType(types), library.descendantsOfType(types))) return false;
  return agrees(view.rootNode, library.rootNode, { nodes: options.maxNodes ?? 1_000_000, fields, types });
}

/** A small source of a grammar, with the fields and types worth asking about on it. */
export interface CheckSample {
  readonly source: string;
  readonly fields: readonly string[];
  readonly types: readonly string[];
}

/**
 * The cheap check the runtime makes once per thread before it trusts the binding: parse a small
 * sample and compare every accessor on every node of it. Any throw or disagreement means no.
 */
export function quickCheck(runtime: FastRuntime, parser: Parser, sample: CheckSample): boolean {
  let tree: Tree | null = null;
  try {
    tree = parser.parse(sample.source);
    return (
      tree !== null &&
      viewsAgree(tree, runtime, { maxNodes: 400, fields: sample.fields, types: sample.types })
    );
  } catch {
    return false;
  } finally {
    tree?.delete();
  }
}
