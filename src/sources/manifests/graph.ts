/**
 * Roles from a lockfile's dependency graph. A package is development-only when every path to it from the
 * project goes through a development edge; matching by name alone is wrong, because a production dependency
 * (express 4 needs debug 2.6.9) can share its name with a dev dependency of the project (debug 4).
 */

/** What a walk from the project's own dependencies found for one node. */
export interface NodeRole {
  /** Reached from a production (or optional, or peer) dependency of the project. */
  readonly prod: boolean;
  /** Reached from a development dependency of the project. */
  readonly dev: boolean;
}

/**
 * A graph keyed by whatever a lockfile names its entries with (`name@range` in yarn, a snapshot key in pnpm).
 * Nodes are numbered as they are added; edges and roots refer to those numbers.
 */
export class DependencyGraph<K> {
  private readonly ids = new Map<K, number>();
  private readonly edges: number[][] = [];
  private readonly prodRoots: number[] = [];
  private readonly devRoots: number[] = [];

  /** The node of `key`, created on first use. */
  node(key: K): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.edges.length;
      this.ids.set(key, id);
      this.edges.push([]);
    }
    return id;
  }

  /** Several keys (every spec an entry satisfies) naming one node. */
  alias(key: K, node: number): void {
    if (!this.ids.has(key)) this.ids.set(key, node);
  }

  find(key: K): number | undefined {
    return this.ids.get(key);
  }

  edge(from: number, to: number): void {
    this.edges[from]?.push(to);
  }

  root(node: number, dev: boolean): void {
    (dev ? this.devRoots : this.prodRoots).push(node);
  }

  get hasRoots(): boolean {
    return this.prodRoots.length + this.devRoots.length > 0;
  }

  /** One breadth-first walk from the production roots and one from the dev roots: linear in nodes + edges. */
  roles(): NodeRole[] {
    const prod = this.reach(this.prodRoots);
    const dev = this.reach(this.devRoots);
    const out: NodeRole[] = [];
    for (let i = 0; i < this.edges.length; i++) out.push({ prod: prod[i] === 1, dev: dev[i] === 1 });
    return out;
  }

  private reach(roots: readonly number[]): Uint8Array {
    const seen = new Uint8Array(this.edges.length);
    const queue: number[] = [];
    for (const r of roots) {
      if (seen[r] === 1) continue;
      seen[r] = 1;
      queue.push(r);
    }
    for (let head = 0; head < queue.length; head++) {
      for (const next of this.edges[queue[head] ?? 0] ?? []) {
        if (seen[next] === 1) continue;
        seen[next] = 1;
        queue.push(next);
      }
    }
    return seen;
  }
}

/** Development-only: reached from a dev root and from no production root. Unreached nodes keep `fallback`. */
export function isDevOnly(role: NodeRole | undefined, fallback: boolean): boolean {
  if (role === undefined || (!role.prod && !role.dev)) return fallback;
  return role.dev && !role.prod;
}
