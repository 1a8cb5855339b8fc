/**
 * Scopes and bindings as both code analyzers track them. The walk sees nodes in document order, so the
 * stack holds the scopes that enclose the current node: a scope is pushed when its function or class is
 * seen and popped once the walk passes its end. A binding made by a statement takes effect after that
 * statement (`os = os.path` reads the old `os`), so it waits in a pending list until the walk passes the
 * offset where it becomes true.
 *
 * `Sym` is the language's own notion of what a name holds (a module, a reference, an instance, a string).
 */
import type { CodeScope } from '../types.ts';

export interface Scope<Sym> {
  readonly kind: CodeScope;
  /** Where the body starts: defaults and decorators before it are evaluated in the enclosing scope. */
  readonly start: number;
  readonly end: number;
  bindings: Map<string, Sym> | undefined;
}

interface Pending<Sym> {
  readonly at: number;
  readonly scope: Scope<Sym>;
  readonly name: string;
  readonly sym: Sym;
}

// Bounds on what one file can make the stack keep; a binding past them is dropped, never an error.
const MAX_BINDINGS_PER_SCOPE = 50_000;
const MAX_PENDING = 10_000;

export class ScopeStack<Sym> {
  private readonly scopes: Scope<Sym>[] = [
    { kind: 'module', start: 0, end: Number.POSITIVE_INFINITY, bindings: undefined },
  ];
  private pending: Pending<Sym>[] = [];

  /** The module's scope, always the bottom of the stack. */
  get module(): Scope<Sym> {
    return this.scopes[0]!;
  }

  /**
   * The stack index of the scope that holds text offset `index`. The innermost scope's header (a
   * function's name, decorators and defaults) belongs to the scope around it.
   */
  private indexAt(index: number): number {
    const top = this.scopes.length - 1;
    const scope = this.scopes[top]!;
    return index >= scope.start || top === 0 ? top : top - 1;
  }

  /** The scope that holds text offset `index`. */
  at(index: number): Scope<Sym> {
    return this.scopes[this.indexAt(index)]!;
  }

  /** The binding `name` has at text offset `index`, innermost scope first. */
  lookup(name: string, index: number): Sym | undefined {
    const from = this.indexAt(index);
    for (let i = from; i >= 0; i--) {
      const scope = this.scopes[i]!;
      // A class body is not visible from the functions defined inside it (Python's rule; JavaScript
      // pushes no class scopes).
      if (scope.kind === 'class' && i !== from) continue;
      const sym = scope.bindings?.get(name);
      if (sym !== undefined) return sym;
    }
    return undefined;
  }

  bind(scope: Scope<Sym>, name: string, sym: Sym): void {
    scope.bindings ??= new Map();
    if (scope.bindings.size < MAX_BINDINGS_PER_SCOPE || scope.bindings.has(name))
      scope.bindings.set(name, sym);
  }

  /** A binding that takes effect once the walk reaches text offset `at` (the end of its statement). */
  bindLater(at: number, scope: Scope<Sym>, name: string, sym: Sym): void {
    if (this.pending.length < MAX_PENDING) this.pending.push({ at, scope, name, sym });
  }

  private anyDue(index: number): boolean {
    const pending = this.pending;
    for (let i = 0; i < pending.length; i++) if (index >= pending[i]!.at) return true;
    return false;
  }

  /** Moves the walk to text offset `index`: bindings due by then take effect, scopes that ended are left. */
  advance(index: number): void {
    if (this.pending.length > 0 && this.anyDue(index)) {
      const keep: Pending<Sym>[] = [];
      for (const p of this.pending) {
        if (index >= p.at) this.bind(p.scope, p.name, p.sym);
        else keep.push(p);
      }
      this.pending = keep;
    }
    while (this.scopes.length > 1 && index >= this.scopes[this.scopes.length - 1]!.end) this.scopes.pop();
  }

  /** Enters a function or class whose body starts at `start` and which ends at `end`. */
  push(kind: CodeScope, start: number, end: number): Scope<Sym> {
    const scope: Scope<Sym> = { kind, start, end, bindings: undefined };
    this.scopes.push(scope);
    return scope;
  }
}
